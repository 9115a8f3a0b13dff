import Domain
import Foundation
import GRDB

/// A row of `homework_checks`: the checker's result for an answer, and what was decided.
struct HomeworkCheckRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "homework_checks"

    enum Columns: String, ColumnExpression {
        case answerId = "answer_id", userId = "user_id", lessonId = "lesson_id", checkedText = "checked_text", checkedAt = "checked_at"
        case score, checkJSON = "check_json", outcome, reason, comment, decision, decidedBy = "decided_by", decidedAt = "decided_at"
        case teacherNotes = "teacher_notes"
    }

    var answerId: Int64
    var userId: Int64
    var lessonId: Int64
    /// The answer as checked: sent again with new text, it is checked again.
    var checkedText: String
    var checkedAt: Double
    var score: Double?
    var checkJSON: String
    var outcome: HomeworkPolicy.Outcome
    var reason: String?
    var comment: String
    /// accepted | declined once decided.
    var decision: AnswerStatus?
    var decidedBy: HomeworkReviewer?
    var decidedAt: Double?
    var teacherNotes: String?

    init(row: Row) {
        answerId = row[Columns.answerId]
        userId = row[Columns.userId]
        lessonId = row[Columns.lessonId]
        checkedText = row[Columns.checkedText]
        checkedAt = row[Columns.checkedAt]
        score = row[Columns.score]
        checkJSON = row[Columns.checkJSON]
        // An outcome this version does not know goes to the curator.
        outcome = row.known(Columns.outcome) ?? .review
        reason = row[Columns.reason]
        comment = row[Columns.comment]
        decision = row[Columns.decision]
        decidedBy = row.known(Columns.decidedBy)
        decidedAt = row[Columns.decidedAt]
        teacherNotes = row[Columns.teacherNotes]
    }

    /// A fresh check, not decided yet.
    init(_ answer: LessonAnswer, check: HomeworkCheck, decision: HomeworkPolicy.Decision, comment: String, at t: Double) throws {
        answerId = answer.id
        userId = answer.userId
        lessonId = answer.lessonId
        checkedText = answer.answerText
        checkedAt = t
        score = check.score
        checkJSON = String(decoding: try JSONEncoder().encode(check), as: UTF8.self)
        outcome = decision.outcome
        reason = decision.reason
        self.comment = comment
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.answerId] = answerId
        container[Columns.userId] = userId
        container[Columns.lessonId] = lessonId
        container[Columns.checkedText] = checkedText
        container[Columns.checkedAt] = checkedAt
        container[Columns.score] = score
        container[Columns.checkJSON] = checkJSON
        container[Columns.outcome] = outcome
        container[Columns.reason] = reason
        container[Columns.comment] = comment
        container[Columns.decision] = decision
        container[Columns.decidedBy] = decidedBy
        container[Columns.decidedAt] = decidedAt
        container[Columns.teacherNotes] = teacherNotes
    }

    func check() throws -> HomeworkCheck { try JSONDecoder().decode(HomeworkCheck.self, from: Data(checkJSON.utf8)) }
}
