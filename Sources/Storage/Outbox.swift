import Domain
import Foundation
import GRDB

/// A reply to post in a GetCourse dialog (`dialog/add-comment`), and the student messages it answers.
public struct DialogReply: Sendable, Equatable, Codable {
    public var dialogId: Int64
    public var text: String
    public var messageIds: [Int64]
    /// The assistant or the curator.
    public var by: AskedQuestion.Responder

    public init(dialogId: Int64, text: String, messageIds: [Int64], by: AskedQuestion.Responder) {
        self.dialogId = dialogId
        self.text = text
        self.messageIds = messageIds
        self.by = by
    }
}

public struct OutboxItem: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var kind: String
    public var payloadJSON: String
    public var status: OutboxStatus
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
    typealias Columns = OutboxRecord.Columns
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// Still to send: not tried yet, or tried and in doubt.
    static var isDue: SQLExpression { [OutboxStatus.pending, .sending].contains(Columns.status) }

    /// Queues an item unless one with the key exists; returns its id either way.
    @discardableResult
    static func enqueue(_ db: Database, key: String, kind: String, payload: some Encodable, now: Date) throws -> Int64 {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        try OutboxRecord(key: key, kind: kind, payloadJSON: json, createdAt: now.timeIntervalSince1970).insert(db, onConflict: .ignore)
        return try Int64.fetchOne(db, OutboxRecord.select(Columns.id).filter(Columns.key == key))!
    }

    /// Items still to send, oldest first.
    public func due() throws -> [OutboxItem] {
        try pool.read { db in try Self.items(db, OutboxRecord.filter(Self.isDue)) }
    }

    public func all() throws -> [OutboxItem] {
        try pool.read { db in try Self.items(db, OutboxRecord.all()) }
    }

    public func item(_ id: Int64) throws -> OutboxItem? {
        try pool.read { db in try Self.items(db, OutboxRecord.filter(key: id)).first }
    }

    static func items(_ db: Database, _ request: QueryInterfaceRequest<OutboxRecord>) throws -> [OutboxItem] {
        try request.order(Columns.id).fetchAll(db).map { r in
            OutboxItem(id: r.id!, key: r.key, kind: r.kind, payloadJSON: r.payloadJSON, status: r.status, attempts: r.attempts, lastError: r.lastError,
                       createdAt: Date(timeIntervalSince1970: r.createdAt))
        }
    }

    /// Recorded before the request leaves: after a crash the item is known to be in doubt.
    public func markSending(_ id: Int64) throws {
        try pool.write { db in
            try OutboxRecord.filter(key: id).filter(Self.isDue).updateAll(db, Columns.status.set(to: OutboxStatus.sending), Columns.attempts += 1)
        }
    }

    /// The write reached GetCourse (`at`: when). A dialog reply marks the messages it answers; a
    /// status sets the mirror's answer at once (the next sync brings GetCourse's own record of it).
    public func markSent(_ id: Int64, at: Date) throws {
        let t = at.timeIntervalSince1970
        try pool.write { db in
            try OutboxRecord.filter(key: id).updateAll(db, Columns.status.set(to: OutboxStatus.sent), Columns.sentAt.set(to: t),
                                                       Columns.lastError.set(to: nil))
            guard let item = try Self.items(db, OutboxRecord.filter(key: id)).first else { return }
            if let w = item.answerWriteBack, let status = w.status {
                typealias A = LessonAnswerRecord.Columns
                try LessonAnswerRecord.filter(key: w.answerId).updateAll(db, A.status.set(to: status), A.reviewedAt.set(to: t), A.updatedAt.set(to: t))
            }
            guard let reply = item.dialogReply else { return }
            typealias Q = StudentQuestionRecord.Columns
            for message in reply.messageIds {
                try StudentQuestionRecord.filter(key: message).filter(Q.answeredBy == nil)
                    .updateAll(db, Q.answeredBy.set(to: reply.by), Q.answeredAt.set(to: t))
            }
        }
    }

    /// The attempt failed; the item stays due (in doubt) until `maxAttempts`, then fails for good.
    public func markAttemptFailed(_ id: Int64, error: String, permanent: Bool) throws {
        try pool.write { db in
            try db.execute(literal: """
                UPDATE outbox SET last_error = \(error),
                    status = CASE WHEN \(permanent) OR attempts >= \(Self.maxAttempts) THEN \(OutboxStatus.failed) ELSE \(OutboxStatus.sending) END
                WHERE id = \(id)
                """)
        }
    }

    /// Not to be sent after all (the messages were answered meanwhile).
    public func cancel(_ id: Int64, reason: String) throws {
        try pool.write { db in
            try OutboxRecord.filter(key: id).filter(Self.isDue).updateAll(db, Columns.status.set(to: OutboxStatus.cancelled), Columns.lastError.set(to: reason))
        }
    }
}
