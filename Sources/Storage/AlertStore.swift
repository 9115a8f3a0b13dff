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
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// Active alerts first (high before warning, a student waiting for the curator first among them, newest first),
    /// then closed ones unless `openOnly`.
    public func list(openOnly: Bool, studentId: Int64? = nil, limit: Int? = nil) throws -> [AlertLine] {
        var sql = """
            SELECT a.*, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS name
            FROM alerts a LEFT JOIN users u ON u.id = a.user_id WHERE 1
            """
        var args: [(any DatabaseValueConvertible)?] = []
        if openOnly { sql += " AND a.closed_at IS NULL" }
        if let studentId { sql += " AND a.user_id = ?"; args.append(studentId) }
        sql += " ORDER BY a.closed_at IS NOT NULL, a.severity = 'high' DESC, a.rule = 'assistant_handoff' DESC, a.state = 'open' DESC, a.opened_at DESC, a.id DESC"
        if let limit { sql += " LIMIT ?"; args.append(limit) }
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { r in
                Self.alert(r).map { AlertLine(alert: $0, studentName: r["name"] ?? "") }
            }
        }
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
            guard let closed = try Row.fetchOne(db, sql: "SELECT closed_at FROM alerts WHERE id = ?", arguments: [id]) else {
                throw AlertStoreError.noSuchAlert(id)
            }
            if (closed[0] as Double?) != nil { throw AlertStoreError.closed(id) }
            try db.execute(sql: "UPDATE alerts SET state = ?, changed_at = ? WHERE id = ?", arguments: [state.rawValue, now.timeIntervalSince1970, id])
        }
    }

    // MARK: - For the engine (inside its transaction)

    /// In the engine's order (student, rule, id), which it then need not sort.
    static func activeAlerts(_ db: Database) throws -> [Alert] {
        try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE closed_at IS NULL ORDER BY user_id, \(ruleOrder), id").compactMap(alert)
    }

    private static let ruleOrder = "CASE rule " + AlertRule.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.order) " }.joined() + "ELSE 99 END"

    /// Writes the engine's changes; returns what to show the curator, with the ids of new alerts.
    static func apply(_ db: Database, _ changes: AlertChanges) throws -> [AlertNotice] {
        // Re-notified alerts already have their ids; new ones get theirs below.
        var notices = changes.notify.compactMap { a in a.id.map { notice(a, id: $0) } }
        for a in changes.closed + changes.updated {
            guard let id = a.id else { continue }
            try db.execute(sql: """
                UPDATE alerts SET value = ?, detail = ?, changed_at = ?, closed_at = ?, closure = ?, notified_at = ?, notify_count = ? WHERE id = ?
                """, arguments: [a.value, a.detail, a.changedAt.timeIntervalSince1970, a.closedAt?.timeIntervalSince1970, a.closure?.rawValue,
                                 a.notifiedAt.timeIntervalSince1970, a.notifyCount, id])
        }
        for a in changes.opened {
            try db.execute(sql: """
                INSERT INTO alerts (user_id, rule, severity, state, value, detail, opened_at, changed_at, notified_at, notify_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [a.studentId, a.rule.rawValue, a.rule.severity.rawValue, a.state.rawValue, a.value, a.detail,
                                 a.openedAt.timeIntervalSince1970, a.changedAt.timeIntervalSince1970, a.notifiedAt.timeIntervalSince1970, a.notifyCount])
            notices.append(notice(a, id: db.lastInsertedRowID))
        }
        return notices
    }

    static func notice(_ a: Alert, id: Int64) -> AlertNotice {
        AlertNotice(alertId: id, studentId: a.studentId, rule: a.rule.rawValue, severity: a.rule.severity.rawValue, detail: a.detail)
    }

    static func alert(_ r: Row) -> Alert? {
        guard let rule = AlertRule(rawValue: r["rule"]), let state = Alert.State(rawValue: r["state"]) else { return nil }
        return Alert(id: r["id"], studentId: r["user_id"], rule: rule, state: state, value: r["value"], detail: r["detail"],
                     openedAt: Date(timeIntervalSince1970: r["opened_at"]), changedAt: Date(timeIntervalSince1970: r["changed_at"]),
                     closedAt: date(r["closed_at"]), closure: (r["closure"] as String?).flatMap(Alert.Closure.init(rawValue:)),
                     notifiedAt: Date(timeIntervalSince1970: r["notified_at"]), notifyCount: r["notify_count"])
    }
}
