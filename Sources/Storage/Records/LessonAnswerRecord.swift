import Domain
import Foundation
import GRDB

/// A row of `lesson_answers`, as the ingest wrote it (`MirrorWriter`). Read whole only for the
/// answers the checker takes up: elsewhere the queries name the columns they need (the texts are long).
struct LessonAnswerRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "lesson_answers"

    enum Columns: String, ColumnExpression {
        case id, lessonId = "lesson_id", lessonName = "lesson_name", userId = "user_id", answerText = "answer_text"
        case createdAt = "created_at", updatedAt = "updated_at", status, type, reviewerUserId = "reviewer_user_id"
        case reviewedAt = "reviewed_at", reviewText = "review_text", trainingId = "training_id", trainingName = "training_name"
        case needTeacherReaction = "need_teacher_reaction"
    }

    var id: Int64
    var lessonId: Int64
    var lessonName: String
    var userId: Int64
    var answerText: String
    var createdAt: Double?
    var updatedAt: Double?
    /// As GetCourse wrote it (`AnswerStatus` reads it).
    var status: String
    var type: String
    var reviewerUserId: Int64?
    var reviewedAt: Double?
    var reviewText: String
    var trainingId: Int64?
    var trainingName: String
    var needTeacherReaction: Bool

    init(row: Row) {
        id = row[Columns.id]
        lessonId = row[Columns.lessonId]
        lessonName = row[Columns.lessonName]
        userId = row[Columns.userId]
        answerText = row[Columns.answerText]
        createdAt = row[Columns.createdAt]
        updatedAt = row[Columns.updatedAt]
        status = row[Columns.status]
        type = row[Columns.type]
        reviewerUserId = row[Columns.reviewerUserId]
        reviewedAt = row[Columns.reviewedAt]
        reviewText = row[Columns.reviewText]
        trainingId = row[Columns.trainingId]
        trainingName = row[Columns.trainingName]
        needTeacherReaction = row[Columns.needTeacherReaction]
    }

    var answer: LessonAnswer {
        LessonAnswer(id: id, lessonId: lessonId, lessonName: lessonName, answerText: answerText, userId: userId, createdAt: date(createdAt),
                     updatedAt: date(updatedAt), status: status, type: type, reviewerUserId: reviewerUserId, reviewedAt: date(reviewedAt),
                     reviewText: reviewText, trainingId: trainingId, trainingName: trainingName, needTeacherReaction: needTeacherReaction)
    }
}
