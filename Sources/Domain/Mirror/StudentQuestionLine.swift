import Foundation

/// A student's question as the curator sees it: the message, the assistant's decision, who answered.
public struct StudentQuestionLine: Sendable, Equatable {
    public var messageId: Int64
    public var dialogId: Int64
    public var studentId: Int64
    public var studentName: String
    public var text: String
    public var arrivedAt: Date?
    public var action: QuestionAction
    public var reason: String?
    public var suggested: String
    public var sources: [String]
    public var answeredBy: AskedQuestion.Responder?
    public var answeredAt: Date?
    /// The automatic or curator's reply in the outbox, if one was queued.
    public var outboxStatus: OutboxStatus?

    public init(messageId: Int64, dialogId: Int64, studentId: Int64, studentName: String, text: String, arrivedAt: Date? = nil, action: QuestionAction,
                reason: String? = nil, suggested: String = "", sources: [String] = [], answeredBy: AskedQuestion.Responder? = nil, answeredAt: Date? = nil,
                outboxStatus: OutboxStatus? = nil) {
        self.messageId = messageId
        self.dialogId = dialogId
        self.studentId = studentId
        self.studentName = studentName
        self.text = text
        self.arrivedAt = arrivedAt
        self.action = action
        self.reason = reason
        self.suggested = suggested
        self.sources = sources
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
        self.outboxStatus = outboxStatus
    }
}
