import Domain
import Foundation
import GRDB

/// A row of `messages`, as the ingest wrote it (`MirrorWriter`).
struct MessageRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "messages"

    enum Columns: String, ColumnExpression {
        case id, dialogId = "dialog_id", authorUserId = "author_user_id", text, createdAt = "created_at", fromStudent = "from_student"
    }

    var id: Int64
    var dialogId: Int64
    var authorUserId: Int64?
    var text: String
    var createdAt: Double?
    /// Written by the dialog's student (else by the school).
    var fromStudent: Bool

    init(row: Row) {
        id = row[Columns.id]
        dialogId = row[Columns.dialogId]
        authorUserId = row[Columns.authorUserId]
        text = row[Columns.text]
        createdAt = row[Columns.createdAt]
        fromStudent = row[Columns.fromStudent]
    }
}
