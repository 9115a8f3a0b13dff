import Foundation
import GRDB

/// A reply to post in a GetCourse dialog (`dialog/add-comment`), and the student messages it answers.
public struct DialogReply: Sendable, Equatable, Codable {
    public enum Author: String, Sendable, Codable { case assistant, curator }
    public var dialogId: Int64
    public var text: String
    public var messageIds: [Int64]
    public var by: Author

    public init(dialogId: Int64, text: String, messageIds: [Int64], by: Author) {
        self.dialogId = dialogId
        self.text = text
        self.messageIds = messageIds
        self.by = by
    }
}

public struct OutboxItem: Sendable, Equatable {
    public enum Status: String, Sendable { case pending, sending, sent, failed, cancelled }
    public var id: Int64
    public var key: String
    public var kind: String
    public var payloadJSON: String
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date

    /// Tried before and not known to have failed: the write may have reached GetCourse.
    public var inDoubt: Bool { attempts > 0 }

    public var dialogReply: DialogReply? {
        kind == Outbox.dialogReplyKind ? try? JSONDecoder().decode(DialogReply.self, from: Data(payloadJSON.utf8)) : nil
    }

    public var answerWriteBack: AnswerWriteBack? {
        kind == HomeworkStore.commentKind || kind == HomeworkStore.statusKind
            ? try? JSONDecoder().decode(AnswerWriteBack.self, from: Data(payloadJSON.utf8)) : nil
    }
}

/// Write-backs to GetCourse, each sent once. An item is queued in the same transaction as the
/// decision that makes it (its idempotency key refuses a second copy), marked `sending` with the
/// attempt counted before the request leaves, and `sent` after; an item tried before is checked
/// against GetCourse before it is sent again, so neither a crash nor a lost reply sends it twice.
public struct Outbox: Sendable {
    public static let dialogReplyKind = "dialog.add-comment"
    /// Attempts before an item is given up as failed (the curator sees it).
    public static let maxAttempts = 8
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// Queues an item unless one with the key exists; returns its id either way.
    @discardableResult
    static func enqueue(_ db: Database, key: String, kind: String, payload: some Encodable, now: Date) throws -> Int64 {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        try db.execute(sql: "INSERT OR IGNORE INTO outbox (idempotency_key, kind, payload_json, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [key, kind, json, now.timeIntervalSince1970])
        return try Int64.fetchOne(db, sql: "SELECT id FROM outbox WHERE idempotency_key = ?", arguments: [key])!
    }

    /// Items still to send, oldest first.
    public func due() throws -> [OutboxItem] {
        try pool.read { db in try Self.items(db, where: "status IN ('pending', 'sending')") }
    }

    public func all() throws -> [OutboxItem] {
        try pool.read { db in try Self.items(db, where: "1") }
    }

    public func item(_ id: Int64) throws -> OutboxItem? {
        try pool.read { db in try Self.items(db, where: "id = \(id)").first }
    }

    static func items(_ db: Database, where condition: String) throws -> [OutboxItem] {
        try Row.fetchAll(db, sql: """
            SELECT id, idempotency_key, kind, payload_json, status, attempts, last_error, created_at FROM outbox WHERE \(condition) ORDER BY id
            """).map {
            OutboxItem(id: $0[0], key: $0[1], kind: $0[2], payloadJSON: $0[3], status: OutboxItem.Status(rawValue: $0[4]) ?? .pending,
                       attempts: $0[5], lastError: $0[6], createdAt: Date(timeIntervalSince1970: $0[7]))
        }
    }

    /// Recorded before the request leaves: after a crash the item is known to be in doubt.
    public func markSending(_ id: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status IN ('pending', 'sending')", arguments: [id])
        }
    }

    /// The write reached GetCourse (`at`: when). A dialog reply marks the messages it answers; a
    /// status sets the mirror's answer at once (the next sync brings GetCourse's own record of it).
    public func markSent(_ id: Int64, at: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?", arguments: [at.timeIntervalSince1970, id])
            guard let item = try Self.items(db, where: "id = \(id)").first else { return }
            if let w = item.answerWriteBack, let status = w.status {
                try db.execute(sql: "UPDATE lesson_answers SET status = ?, reviewed_at = ?, updated_at = ? WHERE id = ?",
                               arguments: [status, at.timeIntervalSince1970, at.timeIntervalSince1970, w.answerId])
            }
            guard let reply = item.dialogReply else { return }
            for message in reply.messageIds {
                try db.execute(sql: "UPDATE student_questions SET answered_by = ?, answered_at = ? WHERE message_id = ? AND answered_by IS NULL",
                               arguments: [reply.by.rawValue, at.timeIntervalSince1970, message])
            }
        }
    }

    /// The attempt failed; the item stays due (in doubt) until `maxAttempts`, then fails for good.
    public func markAttemptFailed(_ id: Int64, error: String, permanent: Bool) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET last_error = ?, status = CASE WHEN ? OR attempts >= ? THEN 'failed' ELSE 'sending' END WHERE id = ?
                """, arguments: [error, permanent, Self.maxAttempts, id])
        }
    }

    /// Not to be sent after all (the messages were answered meanwhile).
    public func cancel(_ id: Int64, reason: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'cancelled', last_error = ? WHERE id = ? AND status IN ('pending', 'sending')", arguments: [reason, id])
        }
    }
}
