import Foundation

public struct StudentDetail: Sendable, Equatable {
    public struct DealLine: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var status: String
        public var costKopecks: Int64?
        public var createdAt: Date?
        public var paidAt: Date?

        public init(id: Int64, title: String, status: String, costKopecks: Int64?, createdAt: Date?, paidAt: Date?) {
            self.id = id
            self.title = title
            self.status = status
            self.costKopecks = costKopecks
            self.createdAt = createdAt
            self.paidAt = paidAt
        }
    }

    public struct AnswerLine: Sendable, Equatable {
        public var id: Int64
        public var lessonName: String
        public var status: AnswerStatus
        public var createdAt: Date?
        /// The homework checker's score, where it checked the answer.
        public var score: Double?

        public init(id: Int64, lessonName: String, status: AnswerStatus, createdAt: Date?, score: Double?) {
            self.id = id
            self.lessonName = lessonName
            self.status = status
            self.createdAt = createdAt
            self.score = score
        }
    }

    public var summary: StudentSummary
    public var createdAt: Date?
    public var city: String
    public var customFields: [String: String]
    public var lessonsViewed: [String]
    public var deals: [DealLine]
    public var homework: [AnswerLine]
    public var messageCount: Int
    /// Every feature of the latest score with its contribution, in the model's order.
    public var features: [FeatureValue]
    public var model: String?

    public init(summary: StudentSummary, createdAt: Date? = nil, city: String = "", customFields: [String: String] = [:], lessonsViewed: [String] = [],
                deals: [DealLine] = [], homework: [AnswerLine] = [], messageCount: Int = 0, features: [FeatureValue] = [], model: String? = nil) {
        self.summary = summary
        self.createdAt = createdAt
        self.city = city
        self.customFields = customFields
        self.lessonsViewed = lessonsViewed
        self.deals = deals
        self.homework = homework
        self.messageCount = messageCount
        self.features = features
        self.model = model
    }
}
