import Foundation

/// A student's question as the curator sees it: the message, the assistant's decision, who answered.
public struct StudentQuestionLine: Sendable, Equatable {
    public var messageId: Int64
    public var dialogId: Int64
    public var studentId: Int64
    public var studentName: String
    public var text: String
    public var arrivedAt: Date?
    public var action: String
    public var reason: String?
    public var suggested: String
    public var sources: [String]
    public var answeredBy: String?
    public var answeredAt: Date?
    public var outboxStatus: String?

    public init(messageId: Int64, dialogId: Int64, studentId: Int64, studentName: String, text: String, arrivedAt: Date? = nil, action: String,
                reason: String? = nil, suggested: String = "", sources: [String] = [], answeredBy: String? = nil, answeredAt: Date? = nil,
                outboxStatus: String? = nil) {
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
