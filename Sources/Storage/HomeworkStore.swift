import Domain
import Foundation
import GRDB

/// A verdict's write-back to a homework answer in GetCourse: a comment
/// (`lesson/add-comment-to-lesson-answer`) or a status (`lesson/change-status-answers`).
public struct AnswerWriteBack: Sendable, Equatable, Codable {
    public var answerId: Int64
    public var lessonId: Int64
    public var userId: Int64
    /// The comment to add, or nil for a status change.
    public var text: String?
    /// accepted | declined, or nil for a comment.
    public var status: AnswerStatus?
    /// The checker or the curator.
    public var by: HomeworkReviewer
}

/// The checker's side of the mirror: answers waiting to be checked, the results, the review queue
/// and the curator's decisions. Every decision queues its write-backs in the same transaction, so a
/// verdict reaches GetCourse once (see `Outbox`).
public struct HomeworkStore: Sendable {
    public static let commentKind = "lesson.add-comment"
    public static let statusKind = "lesson.change-status"
    typealias Columns = HomeworkCheckRecord.Columns
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// A checked answer waits for the curator (`c`: homework_checks, `a`: its lesson_answers row):
    /// nobody decided, and GetCourse has no verdict either. `HomeworkQueueItem.waitsForReview` in SQL.
    static let waiting: SQL = "c.decision IS NULL AND a.status = \(AnswerStatus.new)"

    /// Homework answers still new in GetCourse that the checker has not seen with their current text, oldest first.
    public func unchecked(limit: Int = 10_000) throws -> [LessonAnswer] {
        try pool.read { db in
            try SQLRequest<LessonAnswerRecord>(literal: """
                SELECT a.* FROM lesson_answers a LEFT JOIN homework_checks c ON c.answer_id = a.id
                WHERE a.type = \(LessonAnswer.homeworkType) AND a.status = \(AnswerStatus.new) AND (c.answer_id IS NULL OR c.checked_text != a.answer_text)
                ORDER BY a.created_at, a.id LIMIT \(limit)
                """).fetchAll(db).map(\.answer)
        }
    }

    /// Stores a check. With `decide`, an automatic accept or decline queues the comment and the status
    /// for GetCourse; without, the verdict waits in the curator's queue as the checker's suggestion.
    public func record(_ answer: LessonAnswer, check: HomeworkCheck, decision: HomeworkPolicy.Decision, comment: String, decide: Bool = true,
                       now: Date) throws {
        let checked = try HomeworkCheckRecord(answer, check: check, decision: decision, comment: comment, at: now.timeIntervalSince1970)
        try pool.write { db in
            try checked.insert(db, onConflict: .replace)
            if decide, let status = decision.outcome.status {
                try Self.decide(db, answer.id, status: status, comment: comment, by: .checker, now: now)
            }
        }
    }

    public enum DecisionError: Error, Equatable, CustomStringConvertible {
        case unknownAnswer(Int64), alreadyDecided(Int64, AnswerStatus), reviewedInGetCourse(Int64, AnswerStatus)
        public var description: String {
            switch self {
            case .unknownAnswer(let id): "answer \(id) has not been checked (no such homework answer in the queue)"
            case .alreadyDecided(let id, let d): "answer \(id) is already \(d.rawValue)"
            case .reviewedInGetCourse(let id, let s): "answer \(id) was reviewed in GetCourse meanwhile (status \(s.rawValue))"
            }
        }
    }

    /// The curator's verdict on a checked answer (accepted or declined), with the comment as they left it.
    public func decide(answerId: Int64, status: AnswerStatus, comment: String, now: Date = Date()) throws {
        try pool.write { db in
            guard let check = try HomeworkCheckRecord.fetchOne(db, key: answerId),
                  let current = try AnswerStatus.fetchOne(db, LessonAnswerRecord.select(LessonAnswerRecord.Columns.status).filter(key: answerId))
            else { throw DecisionError.unknownAnswer(answerId) }
            if let d = check.decision { throw DecisionError.alreadyDecided(answerId, d) }
            guard current == .new else { throw DecisionError.reviewedInGetCourse(answerId, current) }
            try HomeworkCheckRecord.filter(key: answerId).updateAll(db, Columns.comment.set(to: comment))
            try Self.decide(db, answerId, status: status, comment: comment, by: .curator, now: now)
        }
    }

    private static func decide(_ db: Database, _ answerId: Int64, status: AnswerStatus, comment: String, by: HomeworkReviewer, now: Date) throws {
        precondition(status.isVerdict)
        let check = try HomeworkCheckRecord.fetchOne(db, key: answerId)!
        try HomeworkCheckRecord.filter(key: answerId).updateAll(db, Columns.decision.set(to: status), Columns.decidedBy.set(to: by),
                                                                Columns.decidedAt.set(to: now.timeIntervalSince1970))
        // One decision per answer version: its time is in the keys, so a later resubmission gets its own.
        let version = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let base = AnswerWriteBack(answerId: answerId, lessonId: check.lessonId, userId: check.userId, text: nil, status: nil, by: by)
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
            let toReview = try Self.items(db, "\(Self.select) WHERE \(Self.waiting) ORDER BY a.created_at, c.answer_id")
            let decided = try Self.items(db, """
                \(Self.select) WHERE NOT (\(Self.waiting)) ORDER BY coalesce(c.decided_at, c.checked_at) DESC, c.answer_id DESC LIMIT \(decidedLimit)
                """)
            return toReview + decided
        }
    }

    /// One checked answer, decided or not.
    public func item(answerId: Int64) throws -> HomeworkQueueItem? {
        try pool.read { db in try Self.items(db, "\(Self.select) WHERE c.answer_id = \(answerId)").first }
    }

    /// A check with its answer and the student's name, read by `items`.
    static let select: SQL = """
        SELECT c.*, a.lesson_name, a.answer_text, a.created_at, a.status, trim(u.first_name || ' ' || u.last_name) AS student_name
        FROM homework_checks c JOIN lesson_answers a ON a.id = c.answer_id LEFT JOIN users u ON u.id = c.user_id
        """

    /// The queue's column beside the check's and the answer's own.
    private enum Queued: String, ColumnExpression {
        case studentName = "student_name"
    }

    /// Stores the model's notes on an essay for the teacher.
    public func setTeacherNotes(answerId: Int64, _ notes: String) throws {
        try pool.write { db in try HomeworkCheckRecord.filter(key: answerId).updateAll(db, Columns.teacherNotes.set(to: notes)) }
    }

    /// The answer's status in the mirror.
    public func status(ofAnswer id: Int64) throws -> AnswerStatus? {
        try pool.read { db in try AnswerStatus.fetchOne(db, LessonAnswerRecord.select(LessonAnswerRecord.Columns.status).filter(key: id)) }
    }

    /// `query` selects `select`'s columns.
    private static func items(_ db: Database, _ query: SQL) throws -> [HomeworkQueueItem] {
        var items: [HomeworkQueueItem] = []
        let rows = try SQLRequest<Row>(literal: query).fetchCursor(db)
        while let row = try rows.next() { items.append(try queueItem(row)) }
        return items
    }

    private static func queueItem(_ row: Row) throws -> HomeworkQueueItem {
        typealias A = LessonAnswerRecord.Columns
        let c = HomeworkCheckRecord(row: row)
        return HomeworkQueueItem(answerId: c.answerId, studentId: c.userId, studentName: row[Queued.studentName] ?? "", lessonId: c.lessonId,
                                 lessonName: row[A.lessonName], answerText: row[A.answerText], submittedAt: date(row[A.createdAt]),
                                 checkedAt: Date(timeIntervalSince1970: c.checkedAt), check: try c.check(), outcome: c.outcome, reason: c.reason,
                                 comment: c.comment, decision: c.decision, decidedBy: c.decidedBy, status: row[A.status], teacherNotes: c.teacherNotes)
    }
}
