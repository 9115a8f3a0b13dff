import Domain
import Foundation
import Integrations
import MockGetCourse
import Storage

/// A mock GetCourse on loopback and a mirror in a temporary folder, wired to a sync engine.
final class SyncHarness: @unchecked Sendable {
    let dir = TestSupport.TempDir()
    let mock: MockGetCourse
    let url: URL
    let store: MirrorStore
    let account: GetCourseAccount

    init(seed: UInt64 = 7, students: Int = 60, faults: FaultPlan = .none, requestLimit: Int = 10_000, window: Double = 60,
         exportBuildSeconds: Double = 0.05) async throws {
        var c = MockGetCourse.Configuration(apiKey: "test-key-Qx7", techToken: "dev_school-Qx7")
        c.simulation = .init(seed: seed, students: students, weeks: 12)
        c.exportBuildSeconds = exportBuildSeconds
        c.requestLimit = requestLimit
        c.limitWindowSeconds = window
        c.techRequestsPerSecond = 100_000
        c.faults = faults
        mock = MockGetCourse(catalog: TestSupport.catalog, configuration: c)
        url = try await mock.start()
        store = try MirrorStore.open(path: dir.file("mirror.sqlite"))
        account = GetCourseAccount(baseURL: url, apiKey: c.apiKey, techToken: c.techToken)
    }

    static func fastConfiguration() -> SyncConfiguration {
        var s = SyncConfiguration()
        s.firstPollDelay = 0.06
        s.pollInterval = 0.05
        s.techRequestsPerSecond = 10_000
        s.fullUserRefreshInterval = 0
        s.dialogUsersPerPass = 10_000
        s.retry = RetryPolicy(maxAttempts: 6, baseDelay: 0.02, maxDelay: 0.2, rateLimitedDelay: 0.1)
        // The mirror as GetCourse has it: verdicts written back within the pass would change what is compared.
        // HomeworkSyncTests turn the checker on.
        s.homeworkPolicy = nil
        return s
    }

    func engine(_ configuration: SyncConfiguration = fastConfiguration(), limit: Int = 10_000, window: Double = 60,
                timeout: Double = 5, assistant: AssistantService? = nil) -> SyncEngine {
        SyncEngine(store: store, account: account, overrides: TestSupport.catalog,
                   budget: RequestBudget(state: SyncStateStore(store), limit: limit, window: window),
                   configuration: configuration, http: HTTPClient(connectTimeout: timeout, totalTimeout: timeout), assistant: assistant)
    }

    /// Runs a pass off the cooperative pool (it blocks while it waits), so the mock keeps serving.
    func pass(_ engine: SyncEngine) async -> SyncSummary {
        await withCheckedContinuation { c in DispatchQueue.global().async { c.resume(returning: engine.runPass()) } }
    }

    func snapshot() throws -> MirrorSnapshot { try MirrorSnapshot(store) }
    func truth() -> MirrorSnapshot { MirrorSnapshot(truth: mock.truth()) }

    deinit {
        let m = mock
        Task { await m.stop() }
    }
}
