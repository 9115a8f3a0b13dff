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
    /// a homework answer (staff have none). Over `users u`.
    static let isStudent: SQL = """
        (EXISTS (SELECT 1 FROM group_members gm LEFT JOIN groups g ON g.id = gm.group_id
                 WHERE gm.user_id = u.id AND g.lesson_number IS NULL)
         OR EXISTS (SELECT 1 FROM deals d WHERE d.user_id = u.id)
         OR EXISTS (SELECT 1 FROM lesson_answers a WHERE a.user_id = u.id AND a.type = \(LessonAnswer.homeworkType)))
        """

    /// `inactiveSince`: only students still studying (not known to be gone) with no activity since then.
    public func students(search: String? = nil, group: String? = nil, level: RiskLevel? = nil, inactiveSince: Date? = nil,
                         sort: StudentSort? = .name, limit: Int? = nil, withReasons: Bool = true) throws -> [StudentSummary] {
        var query: SQL = """
            SELECT \(StudentListRecord.selection(withReasons: withReasons)) FROM users u LEFT JOIN risk_scores r ON r.user_id = u.id
            WHERE \(Self.isStudent)
            """
        if let inactiveSince {
            query += " AND NOT coalesce(r.has_left, 0) AND (u.last_active_at IS NULL OR u.last_active_at < \(inactiveSince.timeIntervalSince1970))"
        }
        if let level {
            query += " AND r.level = \(level) AND NOT r.has_left"
        }
        if let search, !search.isEmpty {
            // Every word must appear; LIKE metacharacters in the text are escaped, so they are just text.
            for word in TextFold.key(search).split(separator: " ") {
                let pattern = "%" + escapeLike(String(word)) + "%"
                query += " AND u.search_key LIKE \(pattern) ESCAPE '\\'"
            }
        }
        if let group, !group.isEmpty {
            query += " AND EXISTS (SELECT 1 FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.user_id = u.id AND g.name = \(group))"
        }
        switch sort {
        case .name: query += " ORDER BY u.last_name COLLATE curator_ru, u.first_name COLLATE curator_ru, u.id"
        case .activity: query += " ORDER BY u.last_active_at IS NULL, u.last_active_at DESC, u.id"
        case .risk: query += " ORDER BY r.probability IS NULL, r.has_left, r.probability DESC, u.last_name COLLATE curator_ru, u.id"
        case nil: break  // the caller sorts (the dashboard, by its own keys)
        }
        if let limit { query += " LIMIT \(limit)" }
        let request = SQLRequest<StudentListRecord>(literal: query)
        return try pool.read { db in
            // Row by row: a 100k list never holds every row and its summary at once.
            var list: [StudentSummary] = []
            let rows = try request.fetchCursor(db)
            while let row = try rows.next() { list.append(row.summary) }
            return list
        }
    }

    public func student(id: Int64) throws -> StudentDetail? {
        try pool.read { db in
            guard let listed = try SQLRequest<StudentListRecord>(literal: """
                    SELECT \(StudentListRecord.selection(withReasons: true)) FROM users u LEFT JOIN risk_scores r ON r.user_id = u.id WHERE u.id = \(id)
                    """).fetchOne(db),
                  let user = try UserRecord.fetchOne(db, key: id) else { return nil }
            let score = try RiskScoreRecord.fetchOne(db, key: id)
            let viewed = try SQLRequest<String>(literal: """
                SELECT coalesce(l.title, g.name) FROM group_members gm JOIN groups g ON g.id = gm.group_id
                LEFT JOIN school_lessons l ON l.view_group_id = g.id
                WHERE gm.user_id = \(id) AND g.lesson_number IS NOT NULL ORDER BY gm.added_at
                """).fetchAll(db)
            let deals = try DealRecord.filter(DealRecord.Columns.userId == id).order(DealRecord.Columns.createdAt).fetchAll(db).map(\.line)
            typealias A = LessonAnswerRecord.Columns
            let homework = try SQLRequest<Row>(literal: """
                SELECT a.id, a.lesson_name, a.status, a.created_at, c.score FROM lesson_answers a LEFT JOIN homework_checks c ON c.answer_id = a.id
                WHERE a.user_id = \(id) AND a.type = \(LessonAnswer.homeworkType) ORDER BY a.created_at
                """).fetchAll(db).map { r in
                StudentDetail.AnswerLine(id: r[A.id], lessonName: r[A.lessonName], status: r[A.status], createdAt: date(r[A.createdAt]),
                                         score: r[HomeworkCheckRecord.Columns.score])
            }
            let messages = try SQLRequest<Int>(literal: """
                SELECT count(*) FROM messages m JOIN dialogs d ON d.id = m.dialog_id WHERE d.user_id = \(id)
                """).fetchOne(db) ?? 0
            return StudentDetail(summary: listed.summary, createdAt: date(user.createdAt), city: user.city, customFields: user.customFields,
                                 lessonsViewed: viewed, deals: deals, homework: homework, messageCount: messages,
                                 features: score?.features ?? [], model: score?.model)
        }
    }

    /// Row counts of mirror tables (for the benchmark's cross-check).
    public func tableCounts(_ tables: [String]) throws -> [Int] {
        let known: Set<String> = ["users", "groups", "group_members", "deals", "lesson_answers", "dialogs", "messages"]
        return try pool.read { db in
            try tables.map { t in try known.contains(t) ? Table(t).fetchCount(db) : 0 }
        }
    }
}

func escapeLike(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
}
