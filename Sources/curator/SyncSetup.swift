import CuratorApp
import Domain
import Foundation
import Integrations
import MockGetCourse
import Storage

/// What a sync runs against: the configured GetCourse account, or in demo mode the mock GetCourse
/// started in-process on loopback (synced over HTTP, the production code path), with pacing to match.
struct SyncSetup {
    var account: GetCourseAccount
    var mock: MockGetCourse?
    /// What Curator is told beyond the account: data/school (none for the demo's other school).
    var overrides: SchoolCatalog
    /// The mirror's owner (MirrorOwnership): the account host, or the demo school's identity.
    var identity: String
    var config = SyncConfiguration()
    var limit: Int
    var window: Double

    /// A real account when one is configured, else `demo`: its mock started on loopback, at DemoPacing.
    static func start(demo: DemoSchool, liveEvents: Bool) async -> SyncSetup {
        let env = AppEnvironment.env
        let limit = Int(env["GETCOURSE_REQUEST_LIMIT"] ?? "") ?? 100
        let window = Double(env["GETCOURSE_LIMIT_WINDOW"] ?? "") ?? 7200
        do {
            if let real = try GetCourseAccount.fromEnvironment(env) {
                var setup = SyncSetup(account: real, overrides: AppEnvironment.schoolFiles(), identity: real.baseURL.host ?? real.baseURL.absoluteString,
                                      limit: limit, window: window)
                // A real account: nothing goes to the school's GetCourse until the school switches it on.
                setup.config.autoReplies = AppEnvironment.automaticSending(.replies)
                setup.config.autoVerdicts = AppEnvironment.automaticSending(.verdicts)
                return setup
            }
        } catch {
            fail(error.description)
        }
        let catalog = AppEnvironment.catalog(of: demo)
        let pacing = DemoPacing.standard
        let mc = pacing.mockConfiguration(demo, liveEvents: liveEvents)
        let mock = MockGetCourse(catalog: catalog, configuration: mc)
        let url: URL
        do { url = try await mock.start() } catch { fail("cannot start the demo mock GetCourse: \(error)") }
        var setup = SyncSetup(account: GetCourseAccount(baseURL: url, apiKey: mc.apiKey, techToken: mc.techToken), mock: mock,
                              overrides: demo.overrides(catalog), identity: demo.identity, limit: mc.requestLimit, window: mc.limitWindowSeconds)
        setup.config = pacing.syncConfiguration()
        return setup
    }

    /// Starts the log with every secret redacted, then opens the mirror and claims it for this school.
    func openMirror(_ options: MirrorOptions, model: ChatClient?) -> MirrorStore {
        bootstrapLog(model: model)
        let store = AppEnvironment.openMirror(options, create: true)
        AppEnvironment.claimMirror(store, identity: identity, demo: mock != nil)
        return store
    }

    /// For the dashboard: the mirror to sync into, or when it cannot be written, the mirror read-only
    /// and the reason (the dashboard opens anyway, says so, and does not sync).
    func openMirrorOrReadOnly(_ options: MirrorOptions, model: ChatClient?) -> (store: MirrorStore, readOnly: String?) {
        bootstrapLog(model: model)
        switch AppEnvironment.openWritable(options, create: true) {
        case .success(let store):
            AppEnvironment.claimMirror(store, identity: identity, demo: mock != nil)
            return (store, nil)
        case .failure(.unwritable(_, let reason)):
            return (AppEnvironment.openReadOnly(options), reason)
        case .failure(let error):
            fail(error.description)
        }
    }

    private func bootstrapLog(model: ChatClient?) {
        _ = FileLogHandler.bootstrap(secrets: [account.apiKey, account.techToken] + (model.map { [$0.settings.apiKey] } ?? []))
    }

    /// The sync engine over the mirror, within the account's request budget (persisted in the mirror).
    func engine(store: MirrorStore, http: HTTPClient = HTTPClient(), assistant: AssistantService?,
                onEvent: @escaping @Sendable (SyncEvent) -> Void) -> SyncEngine {
        SyncEngine(store: store, account: account, overrides: overrides, budget: RequestBudget(state: SyncStateStore(store), limit: limit, window: window),
                   configuration: config, http: http, assistant: assistant, onEvent: onEvent)
    }
}
