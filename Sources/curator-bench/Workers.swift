import ArgumentParser
import CuratorApp
import Storage

// The measured halves of `all`, each in a process of its own so that its peak RSS is its own.
// `all` runs them; they print their figures as JSON.

/// The ingest: the generated files in DIR into the mirror DB.
struct IngestWorkerCommand: ParsableCommand {
    static let name = "ingest-worker"
    static let configuration = CommandConfiguration(commandName: name, abstract: "Internal: the ingest half of `all`, on the files it generated.",
                                                    shouldDisplay: false)

    @Argument var dir: String
    @Argument var db: String

    func run() throws {
        let store: MirrorStore
        do { store = try MirrorStore.open(path: db) } catch { fail(error.description) }
        print(try jsonText(try BenchIngest(dir: dir, store: store).run()))
    }
}

/// The dashboard on the ingested, scored mirror DB.
struct DashboardWorkerCommand: ParsableCommand {
    static let name = "dashboard-worker"
    static let configuration = CommandConfiguration(commandName: name, abstract: "Internal: the dashboard half of `all`, on the mirror it ingested.",
                                                    shouldDisplay: false)

    @Argument var db: String

    func run() throws {
        do { print(try jsonText(try BenchDashboard(path: db).run())) } catch { fail("\(error)") }
    }
}
