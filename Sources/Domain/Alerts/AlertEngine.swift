import Foundation

/// An early-warning alert and its lifecycle.
public struct Alert: Sendable, Equatable {
    /// What the curator did with it. `notUseful` is kept (not deleted) to measure precision later.
    public enum State: String, Codable, Sendable { case open, acknowledged, notUseful = "not_useful" }
    /// Why it closed: the cause went away, or a more severe alert for the same cause replaced it.
    public enum Closure: String, Codable, Sendable { case resolved, superseded }

    public var id: Int64?
    public var studentId: Int64
    public var rule: AlertRule
    public var state: State
    public var detail: String
    public var openedAt: Date
    public var changedAt: Date
    public var closedAt: Date?
    public var closure: Closure?
    public var notifiedAt: Date
    public var notifyCount: Int

    public init(id: Int64? = nil, studentId: Int64, rule: AlertRule, state: State = .open, detail: String, openedAt: Date,
                changedAt: Date, closedAt: Date? = nil, closure: Closure? = nil, notifiedAt: Date, notifyCount: Int = 1) {
        self.id = id
        self.studentId = studentId
        self.rule = rule
        self.state = state
        self.detail = detail
        self.openedAt = openedAt
        self.changedAt = changedAt
        self.closedAt = closedAt
        self.closure = closure
        self.notifiedAt = notifiedAt
        self.notifyCount = notifyCount
    }

    public var isClosed: Bool { closedAt != nil }
}

/// What one evaluation did to the alerts. `notify` lists the alerts to show the curator now.
public struct AlertChanges: Sendable, Equatable {
    public var opened: [Alert] = []
    public var updated: [Alert] = []
    public var closed: [Alert] = []
    public var notify: [Alert] = []

    public init() {}
}

/// Merges the conditions that hold now with the alerts that are still active.
///
/// - At most one active alert per (student, rule).
/// - A more severe rule with the same cause hides the lesser one (closed as superseded).
/// - An alert whose condition no longer holds is resolved, whatever the curator did with it.
/// - An alert still open and not acknowledged re-notifies every 72 hours.
/// - A changed detail (e.g. 6 → 7 days) updates the alert without notifying again.
public enum AlertEngine {
    public static let renotifyAfter: TimeInterval = 72 * 3600

    /// `active`: every alert not yet closed, for the students that were evaluated.
    public static func reconcile(active: [Alert], conditions: [AlertCondition], now: Date) -> AlertChanges {
        struct Key: Hashable { var student: Int64; var rule: AlertRule }
        var changes = AlertChanges()
        var holding: [Key: AlertCondition] = [:]
        var severestByCause: [String: AlertSeverity] = [:]
        func causeKey(_ student: Int64, _ rule: AlertRule) -> String { "\(student)/\(rule.cause)" }
        for c in conditions {
            holding[Key(student: c.studentId, rule: c.rule)] = c
            let k = causeKey(c.studentId, c.rule)
            severestByCause[k] = max(severestByCause[k] ?? c.rule.severity, c.rule.severity)
        }
        var seen = Set<Key>()
        for var alert in active.sorted(by: { ($0.studentId, $0.rule.rawValue, $0.id ?? 0) < ($1.studentId, $1.rule.rawValue, $1.id ?? 0) }) where !alert.isClosed {
            let key = Key(student: alert.studentId, rule: alert.rule)
            guard seen.insert(key).inserted else {
                // A duplicate should not exist; close it rather than keep two.
                alert.closedAt = now
                alert.closure = .superseded
                alert.changedAt = now
                changes.closed.append(alert)
                continue
            }
            if let c = holding[key] {
                var changed = false
                if c.detail != alert.detail {
                    alert.detail = c.detail
                    changed = true
                }
                if alert.state == .open && now.timeIntervalSince(alert.notifiedAt) >= renotifyAfter {
                    alert.notifiedAt = now
                    alert.notifyCount += 1
                    changed = true
                    changes.notify.append(alert)
                }
                if changed {
                    alert.changedAt = now
                    changes.updated.append(alert)
                }
            } else {
                let severer = (severestByCause[causeKey(alert.studentId, alert.rule)]).map { $0 > alert.rule.severity } ?? false
                alert.closedAt = now
                alert.closure = severer ? .superseded : .resolved
                alert.changedAt = now
                changes.closed.append(alert)
            }
        }
        for c in conditions.sorted(by: { ($0.studentId, $0.rule.rawValue) < ($1.studentId, $1.rule.rawValue) }) {
            let key = Key(student: c.studentId, rule: c.rule)
            guard !seen.contains(key) else { continue }
            // A lesser rule does not open while a severer one for the same cause holds.
            if let s = severestByCause[causeKey(c.studentId, c.rule)], s > c.rule.severity { continue }
            seen.insert(key)
            let alert = Alert(studentId: c.studentId, rule: c.rule, detail: c.detail, openedAt: now, changedAt: now, notifiedAt: now)
            changes.opened.append(alert)
            changes.notify.append(alert)
        }
        return changes
    }
}
