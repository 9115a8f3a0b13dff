import ArgumentParser
import CuratorApp
import Foundation

/// The benchmarks, apart from `curator` so that it carries none of their code: `make bench` runs
/// this in a release build.
@main
struct CuratorBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curator-bench",
        abstract: "Curator's performance figures: every one in one table (the default), or the assistant's alone.",
        discussion: """
            Use a release build: make bench builds curator-bench and curator (the first syncs run it, \
            from the same folder) and runs this, then the soak test.
            """,
        subcommands: [BenchCommand.self, AssistantBenchCommand.self, IngestWorkerCommand.self, DashboardWorkerCommand.self],
        defaultSubcommand: BenchCommand.self
    )

    /// ArgumentParser's own entry, with a failure told as one `curator-bench: error:` line.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CuratorFailure {
            fail(failure.message)
        } catch {
            exit(withError: error)
        }
    }
}

/// A one-line error and a non-zero exit.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("curator-bench: error: \(message)\n".utf8))
    exit(1)
}
