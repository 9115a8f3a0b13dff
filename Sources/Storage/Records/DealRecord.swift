import Domain
import Foundation
import GRDB

/// A row of `deals`, as the ingest wrote it (`MirrorWriter`).
struct DealRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "deals"

    enum Columns: String, ColumnExpression {
        case id, number, userId = "user_id", createdAt = "created_at", paidAt = "paid_at", title, status
        case costKopecks = "cost_kopecks", paidKopecks = "paid_kopecks", currency, tagsJSON = "tags_json"
        case offerTagsJSON = "offer_tags_json", customJSON = "custom_json"
    }

    var id: Int64
    var number: String
    var userId: Int64?
    var createdAt: Double?
    var paidAt: Double?
    var title: String
    /// `DealStatus`'s raw value (the ingest stores the parsed status).
    var status: String
    var costKopecks: Int64?
    var paidKopecks: Int64?
    var currency: String
    var tagsJSON: String
    var offerTagsJSON: String
    var customJSON: String

    init(row: Row) {
        id = row[Columns.id]
        number = row[Columns.number]
        userId = row[Columns.userId]
        createdAt = row[Columns.createdAt]
        paidAt = row[Columns.paidAt]
        title = row[Columns.title]
        status = row[Columns.status]
        costKopecks = row[Columns.costKopecks]
        paidKopecks = row[Columns.paidKopecks]
        currency = row[Columns.currency]
        tagsJSON = row[Columns.tagsJSON]
        offerTagsJSON = row[Columns.offerTagsJSON]
        customJSON = row[Columns.customJSON]
    }

    var line: StudentDetail.DealLine {
        StudentDetail.DealLine(id: id, title: title, status: status, costKopecks: costKopecks, createdAt: date(createdAt), paidAt: date(paidAt))
    }
}
