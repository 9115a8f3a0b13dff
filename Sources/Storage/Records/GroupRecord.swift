import Domain
import Foundation
import GRDB

/// A row of `groups`: a study group, or a lesson-view group (`lessonNumber`).
struct GroupRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "groups"

    enum Columns: String, ColumnExpression {
        case id, name, lastAddedAt = "last_added_at", lessonNumber = "lesson_number"
    }

    var id: Int64
    var name: String
    var lastAddedAt: Double?
    /// The lesson a lesson-view group marks; nil for a study group.
    var lessonNumber: Int?

    init(row: Row) {
        id = row[Columns.id]
        name = row[Columns.name]
        lastAddedAt = row[Columns.lastAddedAt]
        lessonNumber = row[Columns.lessonNumber]
    }

    var group: StudyGroup { StudyGroup(id: id, name: name, lastAddedAt: date(lastAddedAt)) }
}
