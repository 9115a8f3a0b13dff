import Domain
import Foundation
import GRDB

/// A row of `alerts`: written by the alert engine's pass, its state changed by the curator.
struct AlertRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "alerts"

    enum Columns: String, ColumnExpression {
        case id, userId = "user_id", rule, severity, state, value, detail, openedAt = "opened_at", changedAt = "changed_at"
        case closedAt = "closed_at", closure, notifiedAt = "notified_at", notifyCount = "notify_count"
    }

    var id: Int64?
    var userId: Int64
    /// nil: a rule or state this version does not know (a newer Curator's); such an alert is left out.
    var rule: AlertRule?
    var severity: AlertSeverity?
    var state: Alert.State?
    var value: Int
    var detail: String
    var openedAt: Double
    var changedAt: Double
    var closedAt: Double?
    var closure: Alert.Closure?
    var notifiedAt: Double
    var notifyCount: Int

    init(row: Row) {
        id = row[Columns.id]
        userId = row[Columns.userId]
        rule = row.known(Columns.rule)
        severity = row.known(Columns.severity)
        state = row.known(Columns.state)
        value = row[Columns.value]
        detail = row[Columns.detail]
        openedAt = row[Columns.openedAt]
        changedAt = row[Columns.changedAt]
        closedAt = row[Columns.closedAt]
        closure = row.known(Columns.closure)
        notifiedAt = row[Columns.notifiedAt]
        notifyCount = row[Columns.notifyCount]
    }

    /// A new alert, to insert.
    init(_ a: Alert) {
        id = a.id
        userId = a.studentId
        rule = a.rule
        severity = a.rule.severity
        state = a.state
        value = a.value
        detail = a.detail
        openedAt = a.openedAt.timeIntervalSince1970
        changedAt = a.changedAt.timeIntervalSince1970
        closedAt = a.closedAt?.timeIntervalSince1970
        closure = a.closure
        notifiedAt = a.notifiedAt.timeIntervalSince1970
        notifyCount = a.notifyCount
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        container[Columns.userId] = userId
        container[Columns.rule] = rule
        container[Columns.severity] = severity
        container[Columns.state] = state
        container[Columns.value] = value
        container[Columns.detail] = detail
        container[Columns.openedAt] = openedAt
        container[Columns.changedAt] = changedAt
        container[Columns.closedAt] = closedAt
        container[Columns.closure] = closure
        container[Columns.notifiedAt] = notifiedAt
        container[Columns.notifyCount] = notifyCount
    }

    var alert: Alert? {
        guard let rule, let state else { return nil }
        return Alert(id: id, studentId: userId, rule: rule, state: state, value: value, detail: detail, openedAt: Date(timeIntervalSince1970: openedAt),
                     changedAt: Date(timeIntervalSince1970: changedAt), closedAt: date(closedAt), closure: closure,
                     notifiedAt: Date(timeIntervalSince1970: notifiedAt), notifyCount: notifyCount)
    }
}
