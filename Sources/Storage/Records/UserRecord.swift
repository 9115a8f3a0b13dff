import Domain
import Foundation
import GRDB

/// A row of `users`, as the ingest wrote it (`MirrorWriter`), read whole for a student's page.
struct UserRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "users"

    enum Columns: String, ColumnExpression {
        case id, email, firstName = "first_name", lastName = "last_name", phone, createdAt = "created_at"
        case lastActivityAt = "last_activity_at", city, country, customJSON = "custom_json", searchKey = "search_key"
        case lastActiveAt = "last_active_at"
    }

    var id: Int64
    var email: String
    var firstName: String
    var lastName: String
    var phone: String
    var createdAt: Double?
    /// GetCourse's own stamp.
    var lastActivityAt: Double?
    var city: String
    var country: String
    var customJSON: String
    var searchKey: String
    /// The latest of every signal (`lastActivityAt`, homework, lesson views, messages).
    var lastActiveAt: Double?

    init(row: Row) {
        id = row[Columns.id]
        email = row[Columns.email]
        firstName = row[Columns.firstName]
        lastName = row[Columns.lastName]
        phone = row[Columns.phone]
        createdAt = row[Columns.createdAt]
        lastActivityAt = row[Columns.lastActivityAt]
        city = row[Columns.city]
        country = row[Columns.country]
        customJSON = row[Columns.customJSON]
        searchKey = row[Columns.searchKey]
        lastActiveAt = row[Columns.lastActiveAt]
    }

    var customFields: [String: String] { StoredJSON.decode([String: String].self, customJSON) ?? [:] }
}
