import Domain
import Foundation
import GRDB

public enum AlertStoreError: Error, Equatable, CustomStringConvertible {
    case noSuchAlert(Int64)
    case closed(Int64)

    public var description: String {
        switch self {
        case .noSuchAlert(let id): "no alert with id \(id)"
        case .closed(let id): "alert \(id) is already closed"
        }
    }
}

/// Alerts in the mirror: the engine's writes and the curator's acknowledgements.
public struct AlertStore: Sendable {
    typealias Columns = AlertRecord.Columns
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// Active alerts first (high before warning, a student waiting for the curator first among them, newest first),
    /// then closed ones unless `openOnly`.
    public func list(openOnly: Bool, studentId: Int64? = nil, limit: Int? = nil) throws -> [AlertLine] {
        var query: SQL = """
            SELECT a.*, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS student_name
            FROM alerts a LEFT JOIN users u ON u.id = a.user_id WHERE 1
            """
        if openOnly { query += " AND a.closed_at IS NULL" }
        if let studentId { query += " AND a.user_id = \(studentId)" }
        query += """
             ORDER BY a.closed_at IS NOT NULL, a.severity = \(AlertSeverity.high) DESC, a.rule = \(AlertRule.handoff) DESC,
            a.state = \(Alert.State.open) DESC, a.opened_at DESC, a.id DESC
            """
        if let limit { query += " LIMIT \(limit)" }
        let request = SQLRequest<Row>(literal: query)
        return try pool.read { db in
            var lines: [AlertLine] = []
            let rows = try request.fetchCursor(db)
            while let row = try rows.next() {
                if let alert = AlertRecord(row: row).alert { lines.append(AlertLine(alert: alert, studentName: row[Listed.studentName] ?? "")) }
            }
            return lines
        }
    }

    /// The list's column beside the alert's own.
    private enum Listed: String, ColumnExpression {
        case studentName = "student_name"
    }

    public func acknowledge(_ id: Int64, now: Date = Date()) throws {
        try setState(id, .acknowledged, now: now)
    }

    /// Kept, not deleted: "not useful" marks are how the rules' precision is measured later.
    public func markNotUseful(_ id: Int64, now: Date = Date()) throws {
        try setState(id, .notUseful, now: now)
    }

    private func setState(_ id: Int64, _ state: Alert.State, now: Date) throws {
        try pool.write { db in
            guard let alert = try AlertRecord.fetchOne(db, key: id) else { throw AlertStoreError.noSuchAlert(id) }
            if alert.closedAt != nil { throw AlertStoreError.closed(id) }
            try AlertRecord.filter(key: id).updateAll(db, Columns.state.set(to: state), Columns.changedAt.set(to: now.timeIntervalSince1970))
        }
    }

    // MARK: - For the engine (inside its transaction)

    /// In the engine's order (student, rule, id), which it then need not sort.
    static func activeAlerts(_ db: Database) throws -> [Alert] {
        try AlertRecord.filter(Columns.closedAt == nil).order(Columns.userId, ruleOrder, Columns.id).fetchAll(db).compactMap(\.alert)
    }

    /// Rules in `AlertRule.order`; a rule this version does not know last.
    private static var ruleOrder: SQL {
        let positions = AlertRule.allCases.map { rule -> SQL in "WHEN \(rule) THEN \(rule.order) " }.joined()
        return "CASE \(Columns.rule) \(positions)ELSE 99 END"
    }

    /// Writes the engine's changes; returns what to show the curator, with the ids of new alerts.
    static func apply(_ db: Database, _ changes: AlertChanges) throws -> [AlertNotice] {
        // Re-notified alerts already have their ids; new ones get theirs below.
        var notices = changes.notify.compactMap { a in a.id.map { notice(a, id: $0) } }
        for a in changes.closed + changes.updated {
            guard let id = a.id else { continue }
            try AlertRecord.filter(key: id).updateAll(db, [
                Columns.value.set(to: a.value), Columns.detail.set(to: a.detail), Columns.changedAt.set(to: a.changedAt.timeIntervalSince1970),
                Columns.closedAt.set(to: a.closedAt?.timeIntervalSince1970), Columns.closure.set(to: a.closure),
                Columns.notifiedAt.set(to: a.notifiedAt.timeIntervalSince1970), Columns.notifyCount.set(to: a.notifyCount),
            ])
        }
        for a in changes.opened {
            try AlertRecord(a).insert(db)
            notices.append(notice(a, id: db.lastInsertedRowID))
        }
        return notices
    }

    static func notice(_ a: Alert, id: Int64) -> AlertNotice {
        AlertNotice(alertId: id, studentId: a.studentId, rule: a.rule, severity: a.rule.severity, detail: a.detail)
    }
}
