import Foundation
import Storage

/// Keeps the legacy API under the account limit (100 requests per 2 hours by default) across
/// restarts: every request is logged in the mirror *before* it is sent, and a request is refused
/// while the sliding window holds `limit - reserve` of them. A margin on the window absorbs clock
/// differences with the server, so its count never reaches the limit first.
public final class RequestBudget: @unchecked Sendable {
    public let limit: Int
    public let window: TimeInterval
    public let reserve: Int
    public let margin: TimeInterval
    private let state: SyncStateStore
    private let lock = NSLock()
    private var cache: [Date]?

    public init(state: SyncStateStore, limit: Int = 100, window: TimeInterval = 7200, reserve: Int = 2, margin: TimeInterval? = nil) {
        self.state = state
        self.limit = limit
        self.window = window
        self.reserve = reserve
        self.margin = margin ?? max(1, window * 0.02)
    }

    private func recent(now: Date) throws -> [Date] {
        let since = now.addingTimeInterval(-(window + margin))
        if let cache { return cache.filter { $0 >= since } }
        let fresh = try state.requests(since: since)
        cache = fresh
        return fresh
    }

    /// Requests still allowed now.
    public func remaining(now: Date = Date()) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return max(0, limit - reserve - ((try? recent(now: now).count) ?? limit))
    }

    /// When `count` requests will be allowed again.
    public func availableAt(_ count: Int, now: Date = Date()) -> Date {
        lock.lock()
        defer { lock.unlock() }
        let times = (try? recent(now: now)) ?? []
        let usable = limit - reserve
        guard count <= usable else { return .distantFuture }
        let excess = times.count + count - usable
        if excess <= 0 { return now }
        return times[excess - 1].addingTimeInterval(window + margin)
    }

    /// Records one request, or throws when the budget has no room for it.
    public func consume(now: Date = Date()) throws(GetCourseError) {
        lock.lock()
        defer { lock.unlock() }
        let times = (try? recent(now: now)) ?? []
        guard times.count < limit - reserve else {
            throw .budgetExhausted(until: times[max(0, times.count - (limit - reserve))].addingTimeInterval(window + margin))
        }
        do { try state.logRequest(at: now) } catch { throw .configuration("cannot record the request budget: \(error)") }
        cache = times + [now]
    }
}
