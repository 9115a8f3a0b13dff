import Domain
import Foundation
import Integrations
import MockGetCourse
import Storage

/// Wiring shared by the commands: the school's data, the mirror, the account or the demo mock.
enum AppEnvironment {
    /// The settings file, read and checked once per process.
    nonisolated(unsafe) static let settings = ConfigFile.read()

    /// The process environment over the settings file's account and model settings.
    static let env: [String: String] = ConfigFile.variables(settings).merging(ProcessInfo.processInfo.environment) { _, process in process }

    static var isDemo: Bool { (env["GETCOURSE_URL"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }

    /// data/school: the school's own overrides over what Curator learns from the account (all optional).
    static func schoolFiles() -> SchoolCatalog {
        do { return try SchoolDataFiles.load(directory: SchoolDataFiles.locate()) } catch { fail("school data: \(error)") }
    }

    /// What Curator is told beyond the account: the school's own files on a real account; in demo
    /// mode, the demo school's (the commands that read keys or names without a sync).
    static func overrides() -> SchoolCatalog { isDemo ? demoSchool(other: false, seed: 0) : schoolFiles() }

    /// The school's name as the screens show it: its own files' name, else its account's host.
    static func schoolName(_ files: SchoolCatalog) -> String {
        if !files.school.name.isEmpty { return files.school.name }
        return env["GETCOURSE_URL"].flatMap { URL(string: $0)?.host } ?? ""
    }

    /// The simulated school the demo and `mock-getcourse` serve: data/demo-school, or with `other`
    /// one generated from the seed that Curator ships no files for.
    static func demoSchool(other: Bool, seed: UInt64) -> SchoolCatalog {
        let shipped: SchoolCatalog
        do { shipped = try SchoolDataFiles.load(directory: SchoolDataFiles.locate(), folder: SchoolDataFiles.demo) } catch { fail("demo school: \(error)") }
        if !other { return shipped }
        guard !shipped.allLessons.isEmpty, !shipped.names.femaleFirst.isEmpty else {
            fail("the generated school borrows its homework and names from data/demo-school, which is missing here (\(SchoolDataFiles.locate()))")
        }
        return OtherSchool.catalog(seed: seed, base: shipped)
    }

    static func mirrorPath(_ options: MirrorOptions) -> String {
        if let db = options.db, !db.isEmpty { return db }
        let path = MirrorStore.defaultPath(environment: env)
        if isDemo && (env["CURATOR_DB"] ?? "").isEmpty {
            return (path as NSString).deletingLastPathComponent + "/demo.sqlite"
        }
        return path
    }

    /// The mirror, migrated. A reading command (`create: false`) on a mirror that cannot be written
    /// (a read-only folder, a full disk) still reads it, read-only.
    static func openMirror(_ options: MirrorOptions, create: Bool) -> MirrorStore {
        switch openWritable(options, create: create) {
        case .success(let store): return store
        case .failure(.unwritable) where !create: return openReadOnly(options)
        case .failure(let error): fail(error.description)
        }
    }

    static func openWritable(_ options: MirrorOptions, create: Bool) -> Result<MirrorStore, MirrorError> {
        do { return .success(try MirrorStore.open(path: mirrorPath(options), create: create)) } catch { return .failure(error) }
    }

    static func openReadOnly(_ options: MirrorOptions) -> MirrorStore {
        do { return try MirrorStore.openReadOnly(path: mirrorPath(options)) } catch { fail(error.description) }
    }

    /// A mirror holds one school. A demo mirror is emptied when a new simulated school starts;
    /// a mirror of a real account is never mixed with another account or with the demo.
    static func claimMirror(_ store: MirrorStore, identity: String, demo: Bool) {
        let state = SyncStateStore(store)
        do {
            let current = try state.meta("account")
            if current == nil || current == identity { try state.setMeta("account", identity); return }
            if current!.hasPrefix("demo") {
                try state.resetMirroredData()
                try state.setMeta("account", identity)
                return
            }
            fail("\(store.path) holds the mirror of \(current!); use --db to choose another file for \(demo ? "the demo" : identity)")
        } catch {
            fail(MirrorError.writeFailure(error, path: store.path))
        }
    }

    /// The model client when OPENAI_API_KEY is set; an unusable setting stops with its name.
    static func chatClient() -> ChatClient? {
        do { return try ModelSettings.fromEnvironment(env).map { ChatClient(settings: $0) } } catch { fail(error.description) }
    }

    /// The assistant over data/knowledge-base, the mirror and the model (if any).
    static func assistantService(store: MirrorStore?, model: ChatClient?) -> AssistantService {
        do {
            return AssistantService(index: try KnowledgeBaseFiles.index(directory: SchoolDataFiles.locate()), store: store, model: model)
        } catch {
            fail("knowledge base: \(error)")
        }
    }

    /// Whether the school has switched this kind of write to its GetCourse on (off unless set to «on»).
    static func automaticSending(_ kind: AutomaticSending) -> Bool {
        (env[kind.variable] ?? "").trimmingCharacters(in: .whitespaces).lowercased() == "on"
    }

    static func randomKey(_ prefix: String) -> String {
        var g = SystemRandomNumberGenerator()
        return prefix + (0..<24).map { _ in String("abcdefghijkmnpqrstuvwxyz23456789".randomElement(using: &g)!) }.joined()
    }
}
