import Domain
import Foundation
import GRDB

/// A row of `trainings`, as the ingest wrote it (`MirrorWriter`).
struct TrainingRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "trainings"

    enum Columns: String, ColumnExpression {
        case id, title, description, createdAt = "created_at", status, lessonCount = "lesson_count", slug, level
        case homeworkRequired = "homework_required"
    }

    var id: Int64
    var title: String
    var description: String
    var createdAt: Double?
    var status: String
    var lessonCount: Int?
    var slug: String?
    var level: String?
    var homeworkRequired: Bool

    init(row: Row) {
        id = row[Columns.id]
        title = row[Columns.title]
        description = row[Columns.description]
        createdAt = row[Columns.createdAt]
        status = row[Columns.status]
        lessonCount = row[Columns.lessonCount]
        slug = row[Columns.slug]
        level = row[Columns.level]
        homeworkRequired = row[Columns.homeworkRequired]
    }

    var training: Training {
        Training(id: id, title: title, description: description, createdAt: date(createdAt), status: status, lessonCount: lessonCount)
    }
}
