import Domain
import Foundation
import GRDB

/// Student messages waiting for the assistant: in one dialog, everything the student wrote since
/// the school last replied, taken together as one question.
public struct PendingQuestion: Sendable, Equatable {
    public var dialogId: Int64
    public var userId: Int64
    public var messageIds: [Int64]
    public var text: String
    /// When the first of the messages arrived.
    public var arrivedAt: Date?
}

/// What the assistant decided about a question.
public struct QuestionDecision: Sendable, Equatable {
    public var action: String
    public var reason: String?
    public var text: String
    public var sources: [String]
    public var confidence: Double?
    public var origin: String?

    public init(action: String, reason: String?, text: String, sources: [String], confidence: Double?, origin: String?) {
        self.action = action
        self.reason = reason
        self.text = text
        self.sources = sources
        self.confidence = confidence
        self.origin = origin
    }

    /// Seen too long after it arrived for an automatic reply: left to the curator as it is.
    public static let stale = QuestionDecision(action: "stale", reason: nil, text: "", sources: [], confidence: nil, origin: nil)
}

/// The assistant's side of the dialogs: which student messages are new, what was decided, the
/// replies queued for GetCourse, and who answered each message when.
public struct StudentQuestionStore: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// Student messages not yet seen by the assistant and not followed by a reply from the school.
    public func pending() throws -> [PendingQuestion] {
        let rows = try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.id, m.dialog_id, d.user_id, m.text, m.created_at FROM messages m JOIN dialogs d ON d.id = m.dialog_id
                WHERE m.from_student = 1
                  AND NOT EXISTS (SELECT 1 FROM student_questions q WHERE q.message_id = m.id)
                  AND NOT EXISTS (SELECT 1 FROM messages s WHERE s.dialog_id = m.dialog_id AND s.from_student = 0
                                  AND (s.created_at > m.created_at OR (s.created_at = m.created_at AND s.id > m.id)))
                ORDER BY m.dialog_id, m.created_at, m.id
                """)
        }
        var out: [PendingQuestion] = []
        for r in rows {
            let dialog: Int64 = r[1], text: String = r[3]
            if out.last?.dialogId == dialog {
                out[out.count - 1].messageIds.append(r[0])
                out[out.count - 1].text += "\n" + text
            } else {
                out.append(PendingQuestion(dialogId: dialog, userId: r[2], messageIds: [r[0]], text: text, arrivedAt: date(r[4])))
            }
        }
        return out
    }

    /// Records the decision for every message of the question and, for a confident answer, queues
    /// the reply — in one transaction, so a crash leaves either both or neither.
    public func record(_ q: PendingQuestion, _ d: QuestionDecision, now: Date) throws {
        try pool.write { db in
            var outboxId: Int64?
            if d.action == "answer" {
                outboxId = try Outbox.enqueue(db, key: "dialog-reply:\(q.messageIds.last!)", kind: Outbox.dialogReplyKind,
                                              payload: DialogReply(dialogId: q.dialogId, text: d.text, messageIds: q.messageIds, by: .assistant), now: now)
            }
            for id in q.messageIds {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO student_questions (message_id, dialog_id, user_id, arrived_at, seen_at, action, reason, suggested, sources,
                                                             confidence, origin, outbox_id)
                    SELECT id, dialog_id, ?, created_at, ?, ?, ?, ?, ?, ?, ?, ? FROM messages WHERE id = ?
                    """, arguments: [q.userId, now.timeIntervalSince1970, d.action, d.reason, d.text, d.sources.joined(separator: ","),
                                     d.confidence, d.origin, outboxId, id])
            }
        }
    }

    /// The curator's reply to a question (the suggested answer as sent or edited): queued once.
    @discardableResult
    public func queueCuratorReply(messageId: Int64, text: String, now: Date) throws -> Int64 {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT dialog_id, answered_by FROM student_questions WHERE message_id = ?", arguments: [messageId]) else {
                throw QuestionError(description: "no student question with message id \(messageId)")
            }
            if let by: String = row["answered_by"] { throw QuestionError(description: "message \(messageId) was already answered by the \(by)") }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE idempotency_key = ?)", arguments: ["curator-reply:\(messageId)"]) == true {
                throw QuestionError(description: "a reply to message \(messageId) is already queued")
            }
            let dialog: Int64 = row["dialog_id"]
            let waiting = try Int64.fetchAll(db, sql: "SELECT message_id FROM student_questions WHERE dialog_id = ? AND answered_by IS NULL ORDER BY message_id",
                                             arguments: [dialog])
            let id = try Outbox.enqueue(db, key: "curator-reply:\(messageId)", kind: Outbox.dialogReplyKind,
                                        payload: DialogReply(dialogId: dialog, text: text, messageIds: waiting, by: .curator), now: now)
            // An automatic reply still waiting is replaced by the curator's.
            try db.execute(sql: """
                UPDATE outbox SET status = 'cancelled', last_error = 'replaced by the curator''s reply'
                WHERE status = 'pending' AND attempts = 0 AND id IN (SELECT outbox_id FROM student_questions WHERE dialog_id = ? AND outbox_id IS NOT NULL)
                """, arguments: [dialog])
            return id
        }
    }

    /// Questions the school answered in GetCourse itself (a staff message after them that is not a
    /// reply sent from here) are marked answered by the curator, at that message's time.
    @discardableResult
    public func markAnsweredInGetCourse() throws -> Int {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE student_questions SET answered_by = 'curator',
                    answered_at = (SELECT min(s.created_at) FROM messages s WHERE s.dialog_id = student_questions.dialog_id AND s.from_student = 0
                                   AND s.created_at >= student_questions.arrived_at)
                WHERE answered_by IS NULL
                  -- an automatic reply in doubt may be that message: the outbox settles it
                  AND (outbox_id IS NULL OR outbox_id NOT IN (SELECT id FROM outbox WHERE status = 'sending'))
                  AND EXISTS (SELECT 1 FROM messages s WHERE s.dialog_id = student_questions.dialog_id AND s.from_student = 0
                                                      AND s.created_at >= student_questions.arrived_at)
                """)
            return db.changesCount
        }
    }

    /// Whether any of the messages already has an answer (then an automatic reply is not sent).
    public func isAnswered(_ messageIds: [Int64]) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM student_questions WHERE answered_by IS NOT NULL AND message_id IN (\(messageIds.map(String.init).joined(separator: ","))))") ?? false
        }
    }

    /// The student a dialog belongs to.
    public func student(ofDialog id: Int64) throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT user_id FROM dialogs WHERE id = ?", arguments: [id]) }
    }

    /// Questions handed to the curator and not answered yet, per student (for the alerts).
    static func waitingForCurator(_ db: Database) throws -> [Int64: Int] {
        var out: [Int64: Int] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT q.user_id, count(DISTINCT q.dialog_id) FROM student_questions q LEFT JOIN outbox o ON o.id = q.outbox_id
            WHERE \(waiting) GROUP BY q.user_id
            """) { out[r[0]] = r[1] }
        return out
    }

    /// Waiting for the curator: handed off (or a choice to confirm), or an automatic reply that
    /// could not be sent — and no answer yet. Over `student_questions q` joined to `outbox o`.
    static let waiting = "q.answered_by IS NULL AND (q.action IN ('handoff', 'clarify') OR o.status IN ('failed', 'cancelled'))"

    /// Questions, newest first: all, or only those waiting for the curator.
    public func list(waitingOnly: Bool, studentId: Int64? = nil, limit: Int = 200) throws -> [StudentQuestionLine] {
        var conditions: [String] = []
        if waitingOnly { conditions.append(Self.waiting) }
        if let studentId { conditions.append("q.user_id = \(studentId)") }
        return try lines(conditions, limit: limit)
    }

    public func question(messageId: Int64) throws -> StudentQuestionLine? {
        try lines(["q.message_id = \(messageId)"], limit: 1).first
    }

    private func lines(_ conditions: [String], limit: Int) throws -> [StudentQuestionLine] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT q.message_id, q.dialog_id, q.user_id, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS name, m.text, q.arrived_at,
                       q.action, q.reason, q.suggested, q.sources, q.answered_by, q.answered_at, o.status
                FROM student_questions q JOIN messages m ON m.id = q.message_id LEFT JOIN users u ON u.id = q.user_id
                LEFT JOIN outbox o ON o.id = q.outbox_id
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY q.arrived_at DESC, q.message_id DESC LIMIT \(limit)
                """).map {
                StudentQuestionLine(messageId: $0[0], dialogId: $0[1], studentId: $0[2], studentName: $0[3], text: $0[4], arrivedAt: date($0[5]),
                                    action: $0[6], reason: $0[7], suggested: $0[8], sources: ($0[9] as String).split(separator: ",").map(String.init),
                                    answeredBy: $0[10], answeredAt: date($0[11]), outboxStatus: $0[12])
            }
        }
    }
}

public struct QuestionError: Error, CustomStringConvertible, Equatable {
    public var description: String
}
