import Domain
import Foundation
import GRDB

/// A student as the list reads them (`StudentQueries`): the user, their study groups, their latest
/// score and their open alerts.
///
/// Read by name: a cursor's row finds a name in a dictionary GRDB builds once per statement, so a
/// row costs 14 hash lookups, little beside its SQL (the groups, the alert count) and its reasons'
/// JSON (`withReasons: false` skips that).
struct StudentListRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case id, firstName = "first_name", lastName = "last_name", email, phone, lastActiveAt = "last_active_at", groups
        case probability, level, hasLeft = "has_left", reasonsJSON = "reasons_json", lessonsDone = "lessons_done"
        case lessonsTotal = "lessons_total", openAlerts = "open_alerts"
    }

    /// Over `users u LEFT JOIN risk_scores r`. Study groups (not lesson-view ones) by name, joined by
    /// U+001F, which is taken out of the names.
    static func selection(withReasons: Bool) -> SQL {
        """
        u.id AS id, u.first_name AS first_name, u.last_name AS last_name, u.email AS email, u.phone AS phone,
        u.last_active_at AS last_active_at,
        (SELECT group_concat(name, char(31)) FROM (SELECT replace(g.name, char(31), ' ') AS name FROM group_members gm JOIN groups g ON g.id = gm.group_id
          WHERE gm.user_id = u.id AND g.lesson_number IS NULL ORDER BY g.name)) AS groups,
        r.probability AS probability, r.level AS level, r.has_left AS has_left, \(sql: withReasons ? "r.reasons_json" : "NULL") AS reasons_json,
        r.lessons_done AS lessons_done, r.lessons_total AS lessons_total,
        (SELECT count(*) FROM alerts a WHERE a.user_id = u.id AND a.closed_at IS NULL) AS open_alerts
        """
    }

    var summary: StudentSummary

    init(row: Row) {
        let first: String = row[Columns.firstName], last: String = row[Columns.lastName]
        let groups: [String] = (row[Columns.groups] as String?).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
        let level: RiskLevel? = row.known(Columns.level)
        let hasLeft: Bool? = row[Columns.hasLeft]
        let reasons: String? = row[Columns.reasonsJSON]
        let openAlerts: Int? = row[Columns.openAlerts]
        summary = StudentSummary(id: row[Columns.id], name: first.isEmpty ? last : last.isEmpty ? first : first + " " + last,
                                 email: row[Columns.email], phone: row[Columns.phone],
                                 groups: groups, lastActiveAt: date(row[Columns.lastActiveAt]), risk: row[Columns.probability], level: level, hasLeft: hasLeft ?? false,
                                 reasons: StoredJSON.decode([RiskReason].self, reasons) ?? [], openAlerts: openAlerts ?? 0,
                                 lessonsDone: row[Columns.lessonsDone], lessonsTotal: row[Columns.lessonsTotal])
    }
}
