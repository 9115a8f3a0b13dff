import CuratorApp
import Domain
import Foundation
import Logging
import Integrations
import Storage

/// Wiring shared by the commands: the school's data, the mirror, the account or the demo mock.
enum AppEnvironment {
    /// The settings file, read and checked once per process.
    nonisolated(unsafe) static let settings = readSettings()

    /// The process environment over the settings file's account and model settings.
    static let env: [String: String] = ConfigFile.variables(settings).merging(ProcessInfo.processInfo.environment) { _, process in process }

    static var isDemo: Bool { (env["GETCOURSE_URL"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }

    /// The settings file at `path`; a broken one, or one holding a key that others can read, stops the command.
    static func readSettings(path: String = ConfigFile.path()) -> ConfigFile.Sections {
        do { return try ConfigFile.read(path: path) } catch { fail("\(error)") }
    }

    /// data/school: the school's own overrides over what Curator learns from the account (all optional).
    static func schoolFiles() -> SchoolCatalog {
        do { return try SchoolDataFiles.load(directory: SchoolDataFiles.locate()) } catch { fail("school data: \(error)") }
    }

    /// What Curator is told beyond the account: the school's own files on a real account; in demo
    /// mode, the demo school's (the commands that read keys or names without a sync).
    static func overrides() -> SchoolCatalog { isDemo ? shippedDemoSchool() : schoolFiles() }

    /// The school's name as the screens show it: its own files' name, else its account's host.
    static func schoolName(_ files: SchoolCatalog) -> String {
        if !files.school.name.isEmpty { return files.school.name }
        return env["GETCOURSE_URL"].flatMap { URL(string: $0)?.host } ?? ""
    }

    /// data/demo-school as shipped.
    static func shippedDemoSchool() -> SchoolCatalog {
        do { return try DemoSchool.shipped() } catch { fail("\(error)") }
    }

    /// The simulated school the demo and `mock-getcourse` serve.
    static func catalog(of school: DemoSchool) -> SchoolCatalog {
        do { return try school.catalog() } catch { fail("\(error)") }
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

    /// Applies MirrorOwnership to the mirror's recorded owner before a sync of `identity` writes to it.
    static func claimMirror(_ store: MirrorStore, identity: String, demo: Bool) {
        let state = SyncStateStore(store)
        do {
            let current = try state.meta("account")
            switch MirrorOwnership.decide(current: current, identity: identity) {
            case .keep, .claim:
                // Written even when unchanged: a mirror that cannot take writes is told here, in one line.
                try state.setMeta("account", identity)
            case .resetDemo:
                try state.resetMirroredData()
                try state.setMeta("account", identity)
            case .refuse(let owner):
                fail("\(store.path) holds the mirror of \(owner); use --db to choose another file for \(demo ? "the demo" : identity)")
            }
        } catch {
            fail(MirrorError.writeFailure(error, path: store.path))
        }
    }

    /// The model client when OPENAI_API_KEY is set; an unusable setting stops with its name.
    static func chatClient() -> ChatClient? {
        do { return try ModelSettings.fromEnvironment(env).map { ChatClient(settings: $0) } } catch { fail(error.description) }
    }

    /// The assistant over data/knowledge-base, the mirror and the model (if any). The semantic
    /// index starts building at once; without the embedding model the assistant says so once (on
    /// standard error and in the log) and searches by words, as it does when CURATOR_SEMANTIC=off.
    static func assistantService(store: MirrorStore?, model: ChatClient?) -> AssistantService {
        let directory = SchoolDataFiles.locate()
        let engine = semanticEngine()
        do {
            let knowledge = try KnowledgeBase(directory: directory) {
                let index = try KnowledgeBaseFiles.index(directory: directory)
                let examples = try KnowledgeBaseFiles.handoffExamples(directory: directory)
                let articles = index.articles
                let semantic = engine.map { engine in
                    SemanticLoader { try SemanticSearch(engine: engine, articles: articles, examples: examples, store: store ?? SemanticSetup.cache(environment: env)) }
                }
                return KnowledgeBase.Loaded(index: index, semantic: semantic)
            }
            return AssistantService(knowledge: knowledge, store: store, model: model)
        } catch {
            fail("knowledge base: \(error)")
        }
    }

    /// The embedding engine; without it the assistant says so once (on standard error and in the
    /// log) and searches by words, as it does silently with CURATOR_SEMANTIC=off.
    private static func semanticEngine() -> E5Engine? {
        do { return try SemanticSetup.engine(environment: env) } catch {
            let notice = "Смысловой поиск недоступен (\(error)): ассистент ищет ответы по словам."
            FileHandle.standardError.write(Data((notice + "\n").utf8))
            Logger(label: "curator.assistant").warning("\(notice)")
            return nil
        }
    }

    /// Whether the school has switched this kind of write to its GetCourse on.
    static func automaticSending(_ kind: AutomaticSending) -> Bool { kind.isOn(in: env) }
}
