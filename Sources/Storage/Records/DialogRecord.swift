import Domain
import Foundation
import GRDB

/// A row of `dialogs`, as the ingest wrote it (`MirrorWriter`).
struct DialogRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "dialogs"

    enum Columns: String, ColumnExpression {
        case id, userId = "user_id", title, createdAt = "created_at", updatedAt = "updated_at"
    }

    var id: Int64
    var userId: Int64
    var title: String
    var createdAt: Double?
    var updatedAt: Double?

    init(row: Row) {
        id = row[Columns.id]
        userId = row[Columns.userId]
        title = row[Columns.title]
        createdAt = row[Columns.createdAt]
        updatedAt = row[Columns.updatedAt]
    }

    var dialog: Dialog { Dialog(id: id, userId: userId, title: title, createdAt: date(createdAt), updatedAt: date(updatedAt)) }
}
