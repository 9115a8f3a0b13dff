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
    /// The condition's number (days, count, percent) and its words.
    public var value: Int
    public var detail: String
    public var openedAt: Date
    public var changedAt: Date
    public var closedAt: Date?
    public var closure: Closure?
    public var notifiedAt: Date
    public var notifyCount: Int

    public init(id: Int64? = nil, studentId: Int64, rule: AlertRule, state: State = .open, value: Int = 0, detail: String? = nil, openedAt: Date,
                changedAt: Date, closedAt: Date? = nil, closure: Closure? = nil, notifiedAt: Date, notifyCount: Int = 1) {
        self.id = id
        self.studentId = studentId
        self.rule = rule
        self.state = state
        self.value = value
        self.detail = detail ?? rule.detail(value)
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
/// - A changed value (e.g. 6 → 7 days) updates the alert without notifying again.
///
/// Both inputs are walked student by student in id order (a merge, no hashing): this runs for every
/// student after every sync.
public enum AlertEngine {
    public static let renotifyAfter: TimeInterval = 72 * 3600

    /// `active`: every alert not yet closed, for the students that were evaluated.
    public static func reconcile(active: [Alert], conditions: [AlertCondition], now: Date) -> AlertChanges {
        func before(_ a: Alert, _ b: Alert) -> Bool {
            a.studentId != b.studentId ? a.studentId < b.studentId : a.rule != b.rule ? a.rule.order < b.rule.order : (a.id ?? 0) < (b.id ?? 0)
        }
        func before(_ a: AlertCondition, _ b: AlertCondition) -> Bool {
            a.studentId != b.studentId ? a.studentId < b.studentId : a.rule.order < b.rule.order
        }
        // Both usually arrive in order (the store reads them so, conditions are made per student):
        // a check is cheaper than sorting 100k alerts and their strings.
        func inOrder<T>(_ items: [T], _ before: (T, T) -> Bool) -> [T] {
            for k in items.indices.dropFirst() where before(items[k], items[k - 1]) { return items.sorted(by: before) }
            return items
        }
        let alerts = inOrder(active.filter { !$0.isClosed }, before)
        let conds = inOrder(conditions, before)

        var changes = AlertChanges()
        var i = 0, j = 0
        while i < alerts.count || j < conds.count {
            let student = min(i < alerts.count ? alerts[i].studentId : .max, j < conds.count ? conds[j].studentId : .max)
            var ie = i, je = j
            while ie < alerts.count && alerts[ie].studentId == student { ie += 1 }
            while je < conds.count && conds[je].studentId == student { je += 1 }
            reconcile(alerts[i..<ie], conds[j..<je], now: now, into: &changes)
            i = ie
            j = je
        }
        return changes
    }

    /// One student's alerts and conditions (a handful of each).
    private static func reconcile(_ alerts: ArraySlice<Alert>, _ conds: ArraySlice<AlertCondition>, now: Date, into changes: inout AlertChanges) {
        func hidden(_ rule: AlertRule) -> Bool {
            conds.contains { $0.rule != rule && $0.rule.cause == rule.cause && $0.rule.severity > rule.severity }
        }
        var previous: AlertRule?
        for var alert in alerts {
            defer { previous = alert.rule }
            if alert.rule == previous {
                // A duplicate should not exist; close it rather than keep two.
                close(&alert, .superseded, now: now, into: &changes)
                continue
            }
            guard let c = conds.first(where: { $0.rule == alert.rule }) else {
                close(&alert, hidden(alert.rule) ? .superseded : .resolved, now: now, into: &changes)
                continue
            }
            var changed = false
            if c.value != alert.value {
                alert.value = c.value
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
        }
        for c in conds where !alerts.contains(where: { $0.rule == c.rule }) && !hidden(c.rule) {
            let alert = Alert(studentId: c.studentId, rule: c.rule, value: c.value, openedAt: now, changedAt: now, notifiedAt: now)
            changes.opened.append(alert)
            changes.notify.append(alert)
        }
    }

    private static func close(_ alert: inout Alert, _ closure: Alert.Closure, now: Date, into changes: inout AlertChanges) {
        alert.closedAt = now
        alert.closure = closure
        alert.changedAt = now
        changes.closed.append(alert)
    }
}
