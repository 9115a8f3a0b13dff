import Foundation
import Integrations
import MockGetCourse

/// How fast the demo goes. A real account takes seconds to minutes to build an export and allows
/// 100 export-API requests per 2 hours, and the sync's defaults wait accordingly. The demo's
/// in-process mock builds exports in 0.1 s and allows 100 requests a minute, and the sync polls,
/// paces and retries to match: the demo school is mirrored and scored within seconds.
public struct DemoPacing: Sendable {
    public static let standard = DemoPacing()

    // The mock GetCourse.
    /// Weeks of simulated history up to now.
    public var weeks = 12
    public var exportBuildSeconds = 0.1
    public var requestLimit = 100
    public var limitWindowSeconds = 60.0
    public var mockTechRequestsPerSecond = 400
    /// Live events per second while the demo runs (a single pass sees a frozen school).
    public var eventRate = 0.5

    // The sync against it.
    public var firstPollDelay = 0.15
    public var pollInterval = 0.1
    /// Below the mock's limit, so the Tech API never answers 429.
    public var techRequestsPerSecond = 300.0
    /// Every pass reads every user: the mock's exports are cheap.
    public var fullUserRefreshInterval = 0.0
    public var passInterval = 20.0
    public var retry = RetryPolicy(maxAttempts: 5, baseDelay: 0.2, maxDelay: 5, rateLimitedDelay: 5)

    public init() {}

    /// The mock serving `school` at this pace, with fresh keys; `liveEvents`: the school keeps living.
    public func mockConfiguration(_ school: DemoSchool, liveEvents: Bool) -> MockGetCourse.Configuration {
        var c = MockGetCourse.Configuration(apiKey: MockKeys.random("demo-"), techToken: MockKeys.random("dev_") + "_" + MockKeys.random(""))
        c.simulation = school.simulation(weeks: weeks)
        c.exportBuildSeconds = exportBuildSeconds
        c.requestLimit = requestLimit
        c.limitWindowSeconds = limitWindowSeconds
        c.techRequestsPerSecond = mockTechRequestsPerSecond
        c.eventRate = liveEvents ? eventRate : 0
        return c
    }

    /// The sync's configuration at this pace (everything else as on a real account, automatic
    /// sending on: the demo writes only to its own mock).
    public func syncConfiguration() -> SyncConfiguration {
        var c = SyncConfiguration()
        c.firstPollDelay = firstPollDelay
        c.pollInterval = pollInterval
        c.techRequestsPerSecond = techRequestsPerSecond
        c.fullUserRefreshInterval = fullUserRefreshInterval
        c.passInterval = passInterval
        c.retry = retry
        return c
    }
}
