import Domain
import Foundation
import GRDB

public enum StudentSort: String, Sendable, CaseIterable {
    case name, activity, risk
}

/// Read-only queries over the mirror for the `students` and `student` commands.
public struct StudentQueries: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// Students are users with a study-group membership (any group but a lesson-view one), a deal or
    /// a homework answer (staff have none).
    static let isStudent = """
        (EXISTS (SELECT 1 FROM group_members gm LEFT JOIN groups g ON g.id = gm.group_id
                 WHERE gm.user_id = u.id AND g.lesson_number IS NULL)
         OR EXISTS (SELECT 1 FROM deals d WHERE d.user_id = u.id)
         OR EXISTS (SELECT 1 FROM lesson_answers a WHERE a.user_id = u.id AND a.type = 'mission_answer'))
        """

    static let groupsOf = """
        (SELECT group_concat(name, char(31)) FROM (SELECT replace(g.name, char(31), ' ') AS name FROM group_members gm JOIN groups g ON g.id = gm.group_id
          WHERE gm.user_id = u.id AND g.lesson_number IS NULL ORDER BY g.name))
        """

    static func columns(withReasons: Bool) -> String { """
        u.id, u.first_name, u.last_name, u.email, u.phone, u.last_active_at, \(groupsOf) AS groups,
        r.probability, r.level, r.has_left, \(withReasons ? "r.reasons_json" : "NULL"), r.lessons_done, r.lessons_total,
        (SELECT count(*) FROM alerts a WHERE a.user_id = u.id AND a.closed_at IS NULL) AS open_alerts
        """
    }

    /// `inactiveSince`: only students still studying (not known to be gone) with no activity since then.
    public func students(search: String? = nil, group: String? = nil, level: RiskLevel? = nil, inactiveSince: Date? = nil,
                         sort: StudentSort? = .name, limit: Int? = nil, withReasons: Bool = true) throws -> [StudentSummary] {
        var sql = "SELECT \(Self.columns(withReasons: withReasons)) FROM users u LEFT JOIN risk_scores r ON r.user_id = u.id WHERE \(Self.isStudent)"
        var args: [(any DatabaseValueConvertible)?] = []
        if let inactiveSince {
            sql += " AND NOT coalesce(r.has_left, 0) AND (u.last_active_at IS NULL OR u.last_active_at < ?)"
            args.append(inactiveSince.timeIntervalSince1970)
        }
        if let level {
            sql += " AND r.level = ? AND NOT r.has_left"
            args.append(level.rawValue)
        }
        if let search, !search.isEmpty {
            // Every word must appear; LIKE metacharacters in the text are escaped, so they are just text.
            for word in TextFold.key(search).split(separator: " ") {
                sql += " AND u.search_key LIKE ? ESCAPE '\\'"
                args.append("%" + escapeLike(String(word)) + "%")
            }
        }
        if let group, !group.isEmpty {
            sql += " AND EXISTS (SELECT 1 FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.user_id = u.id AND g.name = ?)"
            args.append(group)
        }
        switch sort {
        case .name: sql += " ORDER BY u.last_name COLLATE curator_ru, u.first_name COLLATE curator_ru, u.id"
        case .activity: sql += " ORDER BY u.last_active_at IS NULL, u.last_active_at DESC, u.id"
        case .risk: sql += " ORDER BY r.probability IS NULL, r.has_left, r.probability DESC, u.last_name COLLATE curator_ru, u.id"
        case nil: break  // the caller sorts (the dashboard, by its own keys)
        }
        if let limit { sql += " LIMIT ?"; args.append(limit) }
        return try pool.read { db in
            // Row by row: a 100k list never holds every row and its summary at once.
            var list: [StudentSummary] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try rows.next() { list.append(Self.summary(row)) }
            return list
        }
    }

    public func student(id: Int64) throws -> StudentDetail? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(Self.columns(withReasons: true)), u.*, r.features_json, r.model FROM users u LEFT JOIN risk_scores r ON r.user_id = u.id WHERE u.id = ?
                """, arguments: [id]) else { return nil }
            let custom = StoredJSON.decode([String: String].self, row["custom_json"]) ?? [:]
            let viewed = try String.fetchAll(db, sql: """
                SELECT coalesce(l.title, g.name) FROM group_members gm JOIN groups g ON g.id = gm.group_id
                LEFT JOIN school_lessons l ON l.view_group_id = g.id
                WHERE gm.user_id = ? AND g.lesson_number IS NOT NULL ORDER BY gm.added_at
                """, arguments: [id])
            let deals = try Row.fetchAll(db, sql: "SELECT * FROM deals WHERE user_id = ? ORDER BY created_at", arguments: [id]).map {
                StudentDetail.DealLine(id: $0["id"], title: $0["title"], status: $0["status"], costKopecks: $0["cost_kopecks"],
                                       createdAt: date($0["created_at"]), paidAt: date($0["paid_at"]))
            }
            let homework = try Row.fetchAll(db, sql: """
                SELECT a.id, a.lesson_name, a.status, a.created_at, c.score FROM lesson_answers a LEFT JOIN homework_checks c ON c.answer_id = a.id
                WHERE a.user_id = ? AND a.type = 'mission_answer' ORDER BY a.created_at
                """, arguments: [id]).map {
                StudentDetail.AnswerLine(id: $0[0], lessonName: $0[1], status: $0[2], createdAt: date($0[3]), score: $0[4])
            }
            let messages = try Int.fetchOne(db, sql: "SELECT count(*) FROM messages m JOIN dialogs d ON d.id = m.dialog_id WHERE d.user_id = ?", arguments: [id]) ?? 0
            return StudentDetail(summary: Self.summary(row), createdAt: date(row["created_at"]), city: row["city"],
                                 customFields: custom, lessonsViewed: viewed, deals: deals, homework: homework, messageCount: messages,
                                 features: StoredJSON.decode([FeatureValue].self, row["features_json"]) ?? [], model: row["model"])
        }
    }

    /// Row counts of mirror tables (for the benchmark's cross-check).
    public func tableCounts(_ tables: [String]) throws -> [Int] {
        let known: Set<String> = ["users", "groups", "group_members", "deals", "lesson_answers", "dialogs", "messages"]
        return try pool.read { db in
            try tables.map { t in
                guard known.contains(t) else { return 0 }
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t)") ?? 0
            }
        }
    }

    /// Columns by position (`columns`' order): name lookups and JSON decoding per row are what a
    /// 100k-student list spends its time on.
    static func summary(_ row: Row) -> StudentSummary {
        let groups = (row[6] as String?).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
        let first: String = row[1], last: String = row[2]
        let name = first.isEmpty ? last : last.isEmpty ? first : first + " " + last
        return StudentSummary(id: row[0], name: name, email: row[3], phone: row[4], groups: groups,
                              lastActiveAt: date(row[5]), risk: row[7],
                              level: (row[8] as String?).flatMap(RiskLevel.init(rawValue:)), hasLeft: row[9] ?? false,
                              reasons: StoredJSON.decode([RiskReason].self, row[10]) ?? [], openAlerts: row[13] ?? 0,
                              lessonsDone: row[11], lessonsTotal: row[12])
    }
}


func date(_ v: Double?) -> Date? { v.map(Date.init(timeIntervalSince1970:)) }

func escapeLike(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
}
