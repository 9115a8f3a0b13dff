import Domain
import Foundation
import GRDB

/// A verdict's write-back to a homework answer in GetCourse: a comment
/// (`lesson/add-comment-to-lesson-answer`) or a status (`lesson/change-status-answers`).
public struct AnswerWriteBack: Sendable, Equatable, Codable {
    public enum Author: String, Sendable, Codable { case checker, curator }
    public var answerId: Int64
    public var lessonId: Int64
    public var userId: Int64
    /// The comment to add, or nil for a status change.
    public var text: String?
    /// accepted | declined, or nil for a comment.
    public var status: String?
    public var by: Author
}

/// The checker's side of the mirror: answers waiting to be checked, the results, the review queue
/// and the curator's decisions. Every decision queues its write-backs in the same transaction, so a
/// verdict reaches GetCourse once (see `Outbox`).
public struct HomeworkStore: Sendable {
    public static let commentKind = "lesson.add-comment"
    public static let statusKind = "lesson.change-status"
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// A checked answer waits for the curator (`c`: homework_checks, `a`: its lesson_answers row):
    /// nobody decided, and GetCourse has no verdict either. `HomeworkQueueItem.waitsForReview` in SQL.
    static let waiting = "c.decision IS NULL AND a.status = 'new'"

    /// Homework answers still new in GetCourse that the checker has not seen with their current text, oldest first.
    public func unchecked(limit: Int = 10_000) throws -> [LessonAnswer] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, a.lesson_id, a.lesson_name, a.answer_text, a.user_id, a.created_at FROM lesson_answers a
                LEFT JOIN homework_checks c ON c.answer_id = a.id
                WHERE a.type = 'mission_answer' AND a.status = 'new' AND (c.answer_id IS NULL OR c.checked_text != a.answer_text)
                ORDER BY a.created_at, a.id LIMIT ?
                """, arguments: [limit]).map {
                LessonAnswer(id: $0[0], lessonId: $0[1], lessonName: $0[2], answerText: $0[3], userId: $0[4],
                             createdAt: ($0[5] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    /// Stores a check. With `decide`, an automatic accept or decline queues the comment and the status
    /// for GetCourse; without, the verdict waits in the curator's queue as the checker's suggestion.
    public func record(_ answer: LessonAnswer, check: HomeworkCheck, decision: HomeworkPolicy.Decision, comment: String, decide: Bool = true,
                       now: Date) throws {
        let json = String(decoding: try JSONEncoder().encode(check), as: UTF8.self)
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO homework_checks (answer_id, user_id, lesson_id, checked_text, checked_at, score, check_json, outcome, reason, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [answer.id, answer.userId, answer.lessonId, answer.answerText, now.timeIntervalSince1970, check.score, json,
                                 decision.outcome.rawValue, decision.reason, comment])
            if decide, let status = decision.outcome.status {
                try Self.decide(db, answer.id, status: status, comment: comment, by: .checker, now: now)
            }
        }
    }

    public enum DecisionError: Error, Equatable, CustomStringConvertible {
        case unknownAnswer(Int64), alreadyDecided(Int64, String), reviewedInGetCourse(Int64, String)
        public var description: String {
            switch self {
            case .unknownAnswer(let id): "answer \(id) has not been checked (no such homework answer in the queue)"
            case .alreadyDecided(let id, let d): "answer \(id) is already \(d)"
            case .reviewedInGetCourse(let id, let s): "answer \(id) was reviewed in GetCourse meanwhile (status \(s))"
            }
        }
    }

    /// The curator's verdict on a checked answer, with the comment as they left it.
    public func decide(answerId: Int64, status: String, comment: String, now: Date = Date()) throws {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT c.decision, a.status FROM homework_checks c JOIN lesson_answers a ON a.id = c.answer_id WHERE c.answer_id = ?
                """, arguments: [answerId]) else { throw DecisionError.unknownAnswer(answerId) }
            if let d = row[0] as String? { throw DecisionError.alreadyDecided(answerId, d) }
            let current: String = row[1]
            guard current == "new" else { throw DecisionError.reviewedInGetCourse(answerId, current) }
            try db.execute(sql: "UPDATE homework_checks SET comment = ? WHERE answer_id = ?", arguments: [comment, answerId])
            try Self.decide(db, answerId, status: status, comment: comment, by: .curator, now: now)
        }
    }

    private static func decide(_ db: Database, _ answerId: Int64, status: String, comment: String, by: AnswerWriteBack.Author, now: Date) throws {
        precondition(status == "accepted" || status == "declined")
        let row = try Row.fetchOne(db, sql: "SELECT lesson_id, user_id FROM homework_checks WHERE answer_id = ?", arguments: [answerId])!
        try db.execute(sql: "UPDATE homework_checks SET decision = ?, decided_by = ?, decided_at = ? WHERE answer_id = ?",
                       arguments: [status, by.rawValue, now.timeIntervalSince1970, answerId])
        // One decision per answer version: its time is in the keys, so a later resubmission gets its own.
        let version = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let base = AnswerWriteBack(answerId: answerId, lessonId: row[0], userId: row[1], text: nil, status: nil, by: by)
        if !comment.isEmpty {
            var c = base
            c.text = comment
            try Outbox.enqueue(db, key: "homework:\(answerId):\(version):comment", kind: commentKind, payload: c, now: now)
        }
        var s = base
        s.status = status
        try Outbox.enqueue(db, key: "homework:\(answerId):\(version):status", kind: statusKind, payload: s, now: now)
    }

    /// The queue: answers waiting for the curator first (oldest first), then the latest decided ones (latest first).
    public func queue(decidedLimit: Int = 50) throws -> [HomeworkQueueItem] {
        try pool.read { db in
            let waiting = try Row.fetchAll(db, sql: Self.select + " WHERE \(Self.waiting) ORDER BY a.created_at, c.answer_id")
            let decided = try Row.fetchAll(db, sql: Self.select + " WHERE NOT (\(Self.waiting)) ORDER BY coalesce(c.decided_at, c.checked_at) DESC, c.answer_id DESC LIMIT ?",
                                           arguments: [decidedLimit])
            return try (waiting + decided).map(Self.item)
        }
    }

    /// One checked answer, decided or not.
    public func item(answerId: Int64) throws -> HomeworkQueueItem? {
        try pool.read { db in try Row.fetchOne(db, sql: Self.select + " WHERE c.answer_id = ?", arguments: [answerId]).map(Self.item) }
    }

    /// A queue item's columns, in the order `item(_:)` reads them.
    static let select = """
        SELECT c.answer_id, c.user_id, trim(u.first_name || ' ' || u.last_name), c.lesson_id, a.lesson_name, a.answer_text, a.created_at,
               c.checked_at, c.check_json, c.outcome, c.reason, c.comment, c.decision, c.decided_by, a.status, c.teacher_notes
        FROM homework_checks c JOIN lesson_answers a ON a.id = c.answer_id LEFT JOIN users u ON u.id = c.user_id
        """

    /// Stores the model's notes on an essay for the teacher.
    public func setTeacherNotes(answerId: Int64, _ notes: String) throws {
        try pool.write { db in try db.execute(sql: "UPDATE homework_checks SET teacher_notes = ? WHERE answer_id = ?", arguments: [notes, answerId]) }
    }

    /// The answer's status in the mirror.
    public func status(ofAnswer id: Int64) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT status FROM lesson_answers WHERE id = ?", arguments: [id]) }
    }

    static func item(_ r: Row) throws -> HomeworkQueueItem {
        HomeworkQueueItem(answerId: r[0], studentId: r[1], studentName: r[2] ?? "", lessonId: r[3], lessonName: r[4], answerText: r[5],
                          submittedAt: (r[6] as Double?).map(Date.init(timeIntervalSince1970:)), checkedAt: Date(timeIntervalSince1970: r[7]),
                          check: try JSONDecoder().decode(HomeworkCheck.self, from: Data((r[8] as String).utf8)),
                          outcome: HomeworkPolicy.Outcome(rawValue: r[9]) ?? .review, reason: r[10], comment: r[11], decision: r[12],
                          decidedBy: r[13], status: r[14], teacherNotes: r[15])
    }
}
