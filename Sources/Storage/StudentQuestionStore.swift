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
    public var action: QuestionAction
    public var reason: String?
    public var text: String
    public var sources: [String]
    public var confidence: Double?
    public var origin: String?

    public init(action: QuestionAction, reason: String?, text: String, sources: [String], confidence: Double?, origin: String?) {
        self.action = action
        self.reason = reason
        self.text = text
        self.sources = sources
        self.confidence = confidence
        self.origin = origin
    }

    /// Seen too long after it arrived for an automatic reply: left to the curator as it is.
    public static let stale = QuestionDecision(action: .stale, reason: nil, text: "", sources: [], confidence: nil, origin: nil)
}

/// The assistant's side of the dialogs: which student messages are new, what was decided, the
/// replies queued for GetCourse, and who answered each message when.
public struct StudentQuestionStore: Sendable {
    typealias Columns = StudentQuestionRecord.Columns
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// Student messages not yet seen by the assistant and not followed by a reply from the school.
    public func pending() throws -> [PendingQuestion] {
        try pool.read { db in
            var out: [PendingQuestion] = []
            let rows = try SQLRequest<Row>(literal: """
                SELECT m.*, d.user_id FROM messages m JOIN dialogs d ON d.id = m.dialog_id
                WHERE m.from_student = 1
                  AND NOT EXISTS (SELECT 1 FROM student_questions q WHERE q.message_id = m.id)
                  AND NOT EXISTS (SELECT 1 FROM messages s WHERE s.dialog_id = m.dialog_id AND s.from_student = 0
                                  AND (s.created_at > m.created_at OR (s.created_at = m.created_at AND s.id > m.id)))
                ORDER BY m.dialog_id, m.created_at, m.id
                """).fetchCursor(db)
            while let row = try rows.next() {
                let m = MessageRecord(row: row)
                if out.last?.dialogId == m.dialogId {
                    out[out.count - 1].messageIds.append(m.id)
                    out[out.count - 1].text += "\n" + m.text
                } else {
                    out.append(PendingQuestion(dialogId: m.dialogId, userId: row[DialogRecord.Columns.userId], messageIds: [m.id], text: m.text,
                                               arrivedAt: date(m.createdAt)))
                }
            }
            return out
        }
    }

    /// Records the decision for every message of the question and, for a confident answer or a
    /// choice of articles, queues the reply — in one transaction, so a crash leaves either both or neither.
    public func record(_ q: PendingQuestion, _ d: QuestionDecision, now: Date) throws {
        try pool.write { db in
            var outboxId: Int64?
            if d.action != .handoff {
                outboxId = try Outbox.enqueue(db, key: "dialog-reply:\(q.messageIds.last!)", kind: Outbox.dialogReplyKind,
                                              payload: DialogReply(dialogId: q.dialogId, text: d.text, messageIds: q.messageIds, by: .assistant), now: now)
            }
            for id in q.messageIds {
                try db.execute(literal: """
                    INSERT OR IGNORE INTO student_questions (message_id, dialog_id, user_id, arrived_at, seen_at, action, reason, suggested, sources,
                                                             confidence, origin, outbox_id)
                    SELECT id, dialog_id, \(q.userId), created_at, \(now.timeIntervalSince1970), \(d.action), \(d.reason), \(d.text),
                           \(d.sources.joined(separator: ",")), \(d.confidence), \(d.origin), \(outboxId) FROM messages WHERE id = \(id)
                    """)
            }
        }
    }

    /// The curator's reply to a question (the suggested answer as sent or edited): queued once.
    @discardableResult
    public func queueCuratorReply(messageId: Int64, text: String, now: Date) throws -> Int64 {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, StudentQuestionRecord.select(Columns.dialogId, Columns.answeredBy).filter(key: messageId)) else {
                throw QuestionError(description: "no student question with message id \(messageId)")
            }
            // As stored, even a value this version does not know.
            if let by: String = row[Columns.answeredBy] { throw QuestionError(description: "message \(messageId) was already answered by the \(by)") }
            let key = "curator-reply:\(messageId)"
            if try OutboxRecord.filter(OutboxRecord.Columns.key == key).fetchCount(db) > 0 {
                throw QuestionError(description: "a reply to message \(messageId) is already queued")
            }
            let dialog: Int64 = row[Columns.dialogId]
            let waiting = try Int64.fetchAll(db, StudentQuestionRecord.select(Columns.messageId)
                .filter(Columns.dialogId == dialog).filter(Columns.answeredBy == nil).order(Columns.messageId))
            let id = try Outbox.enqueue(db, key: key, kind: Outbox.dialogReplyKind,
                                        payload: DialogReply(dialogId: dialog, text: text, messageIds: waiting, by: .curator), now: now)
            // An automatic reply still waiting is replaced by the curator's.
            try db.execute(literal: """
                UPDATE outbox SET status = \(OutboxStatus.cancelled), last_error = 'replaced by the curator''s reply'
                WHERE status = \(OutboxStatus.pending) AND attempts = 0
                  AND id IN (SELECT outbox_id FROM student_questions WHERE dialog_id = \(dialog) AND outbox_id IS NOT NULL)
                """)
            return id
        }
    }

    /// Questions the school answered in GetCourse itself (a staff message after them that is not a
    /// reply sent from here) are marked answered by the curator, at that message's time.
    @discardableResult
    public func markAnsweredInGetCourse() throws -> Int {
        try pool.write { db in
            try db.execute(literal: """
                UPDATE student_questions SET answered_by = \(AskedQuestion.Responder.curator),
                    answered_at = (SELECT min(s.created_at) FROM messages s WHERE s.dialog_id = student_questions.dialog_id AND s.from_student = 0
                                   AND s.created_at >= student_questions.arrived_at)
                WHERE answered_by IS NULL
                  -- an automatic reply in doubt may be that message: the outbox settles it
                  AND (outbox_id IS NULL OR outbox_id NOT IN (SELECT id FROM outbox WHERE status = \(OutboxStatus.sending)))
                  AND EXISTS (SELECT 1 FROM messages s WHERE s.dialog_id = student_questions.dialog_id AND s.from_student = 0
                                                      AND s.created_at >= student_questions.arrived_at)
                """)
            return db.changesCount
        }
    }

    /// Whether any of the messages already has an answer (then an automatic reply is not sent).
    public func isAnswered(_ messageIds: [Int64]) throws -> Bool {
        try pool.read { db in
            try StudentQuestionRecord.filter(Columns.answeredBy != nil).filter(messageIds.contains(Columns.messageId)).fetchCount(db) > 0
        }
    }

    /// The articles offered to choose from by the dialog's latest reply, when that reply was a
    /// choice the assistant sent (ids in the order offered).
    public func offeredChoice(dialogId: Int64) throws -> [String]? {
        try pool.read { db in
            guard let last = try StudentQuestionRecord.filter(Columns.dialogId == dialogId).order(Columns.arrivedAt.desc, Columns.messageId.desc).fetchOne(db),
                  last.action == .clarify, let outboxId = last.outboxId,
                  try OutboxRecord.filter(key: outboxId).filter(OutboxRecord.Columns.status == OutboxStatus.sent).fetchCount(db) > 0 else { return nil }
            let ids = last.sources.split(separator: ",").map(String.init)
            return ids.isEmpty ? nil : ids
        }
    }

    /// The student a dialog belongs to.
    public func student(ofDialog id: Int64) throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, DialogRecord.select(DialogRecord.Columns.userId).filter(key: id)) }
    }

    /// Questions handed to the curator and not answered yet, per student (for the alerts).
    static func waitingForCurator(_ db: Database) throws -> [Int64: Int] {
        var out: [Int64: Int] = [:]
        let rows = try SQLRequest<Row>(literal: """
            SELECT q.user_id, count(DISTINCT q.dialog_id) AS dialogs FROM student_questions q LEFT JOIN outbox o ON o.id = q.outbox_id
            WHERE \(waiting) GROUP BY q.user_id
            """).fetchCursor(db)
        while let row = try rows.next() { out[row[Columns.userId]] = row[Waiting.dialogs] }
        return out
    }

    /// The count beside the student in `waitingForCurator`.
    private enum Waiting: String, ColumnExpression {
        case dialogs
    }

    /// Waiting for the curator: handed off, or an automatic reply (an answer, a choice of articles)
    /// that could not be sent — and no answer yet. Over `student_questions q` joined to `outbox o`.
    static let waiting: SQL = """
        q.answered_by IS NULL AND (q.action = \(QuestionAction.handoff) OR o.status IN (\(OutboxStatus.failed), \(OutboxStatus.cancelled)))
        """

    /// Questions, newest first: all, or only those waiting for the curator.
    public func list(waitingOnly: Bool, studentId: Int64? = nil, limit: Int = 200) throws -> [StudentQuestionLine] {
        var conditions: [SQL] = []
        if waitingOnly { conditions.append(Self.waiting) }
        if let studentId { conditions.append("q.user_id = \(studentId)") }
        return try lines(conditions, limit: limit)
    }

    public func question(messageId: Int64) throws -> StudentQuestionLine? {
        try lines(["q.message_id = \(messageId)"], limit: 1).first
    }

    private func lines(_ conditions: [SQL], limit: Int) throws -> [StudentQuestionLine] {
        let filter: SQL = conditions.isEmpty ? "" : "WHERE \(conditions.joined(separator: " AND "))"
        return try pool.read { db in
            var lines: [StudentQuestionLine] = []
            let rows = try SQLRequest<Row>(literal: """
                SELECT q.*, m.text, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS student_name, o.status AS outbox_status
                FROM student_questions q JOIN messages m ON m.id = q.message_id LEFT JOIN users u ON u.id = q.user_id
                LEFT JOIN outbox o ON o.id = q.outbox_id
                \(filter)
                ORDER BY q.arrived_at DESC, q.message_id DESC LIMIT \(limit)
                """).fetchCursor(db)
            while let row = try rows.next() {
                let q = StudentQuestionRecord(row: row)
                lines.append(StudentQuestionLine(messageId: q.messageId, dialogId: q.dialogId, studentId: q.userId, studentName: row[Listed.studentName],
                                                 text: row[MessageRecord.Columns.text], arrivedAt: date(q.arrivedAt), action: q.action, reason: q.reason,
                                                 suggested: q.suggested, sources: q.sources.split(separator: ",").map(String.init),
                                                 answeredBy: q.answeredBy, answeredAt: date(q.answeredAt), outboxStatus: row.known(Listed.outboxStatus)))
            }
            return lines
        }
    }

    /// The list's columns beside the question's own.
    private enum Listed: String, ColumnExpression {
        case studentName = "student_name", outboxStatus = "outbox_status"
    }
}

public struct QuestionError: Error, CustomStringConvertible, Equatable {
    public var description: String
}
