import Domain
import Foundation
import GRDB

/// A row of `outbox`: a write-back to GetCourse (see `Outbox`).
struct OutboxRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "outbox"

    enum Columns: String, ColumnExpression {
        case id, key = "idempotency_key", kind, payloadJSON = "payload_json", status, attempts, lastError = "last_error"
        case createdAt = "created_at", sentAt = "sent_at"
    }

    var id: Int64?
    /// Makes a retry recognisable: a second item with the same key is refused.
    var key: String
    var kind: String
    var payloadJSON: String
    var status: OutboxStatus
    var attempts: Int
    var lastError: String?
    var createdAt: Double
    var sentAt: Double?

    init(row: Row) {
        id = row[Columns.id]
        key = row[Columns.key]
        kind = row[Columns.kind]
        payloadJSON = row[Columns.payloadJSON]
        // A status this version does not know is taken as still to send.
        status = row.known(Columns.status) ?? .pending
        attempts = row[Columns.attempts]
        lastError = row[Columns.lastError]
        createdAt = row[Columns.createdAt]
        sentAt = row[Columns.sentAt]
    }

    /// A new item, not tried yet.
    init(key: String, kind: String, payloadJSON: String, createdAt: Double) {
        self.key = key
        self.kind = kind
        self.payloadJSON = payloadJSON
        status = .pending
        attempts = 0
        self.createdAt = createdAt
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        container[Columns.key] = key
        container[Columns.kind] = kind
        container[Columns.payloadJSON] = payloadJSON
        container[Columns.status] = status
        container[Columns.attempts] = attempts
        container[Columns.lastError] = lastError
        container[Columns.createdAt] = createdAt
        container[Columns.sentAt] = sentAt
    }
}
