import Domain
import Foundation
import GRDB

/// A row of `student_questions`: a student message the assistant saw, what it did with it, and who
/// answered it when.
struct StudentQuestionRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "student_questions"

    enum Columns: String, ColumnExpression {
        case messageId = "message_id", dialogId = "dialog_id", userId = "user_id", arrivedAt = "arrived_at", seenAt = "seen_at"
        case action, reason, suggested, sources, confidence, origin, outboxId = "outbox_id", answeredBy = "answered_by"
        case answeredAt = "answered_at"
    }

    var messageId: Int64
    var dialogId: Int64
    var userId: Int64
    var arrivedAt: Double?
    var seenAt: Double
    var action: QuestionAction
    var reason: String?
    /// The reply sent, or for the curator the suggested answer.
    var suggested: String
    /// Article ids, comma-separated.
    var sources: String
    var confidence: Double?
    var origin: String?
    var outboxId: Int64?
    var answeredBy: AskedQuestion.Responder?
    var answeredAt: Double?

    init(row: Row) {
        messageId = row[Columns.messageId]
        dialogId = row[Columns.dialogId]
        userId = row[Columns.userId]
        arrivedAt = row[Columns.arrivedAt]
        seenAt = row[Columns.seenAt]
        action = Self.action(row)
        reason = row[Columns.reason]
        suggested = row[Columns.suggested]
        sources = row[Columns.sources]
        confidence = row[Columns.confidence]
        origin = row[Columns.origin]
        outboxId = row[Columns.outboxId]
        answeredBy = row.known(Columns.answeredBy)
        answeredAt = row[Columns.answeredAt]
    }

    /// An action this version does not know (a newer Curator's) reads as stale: nothing it sends,
    /// nothing the curator is waited for.
    static func action(_ row: Row) -> QuestionAction { row.known(Columns.action) ?? .stale }
}
