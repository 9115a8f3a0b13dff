import Foundation

/// A lesson answer from the Tech API; `mission_answer` answers are homework.
public struct LessonAnswer: Sendable, Equatable, Codable {
    /// The `type` of homework answers (the others are comments).
    public static let homeworkType = "mission_answer"

    public var id: Int64
    public var lessonId: Int64
    public var lessonName: String
    public var answerText: String
    public var userId: Int64
    public var createdAt: Date?
    public var updatedAt: Date?
    public var status: String
    public var type: String
    public var reviewerUserId: Int64?
    public var reviewedAt: Date?
    public var reviewText: String
    public var trainingId: Int64?
    public var trainingName: String
    public var needTeacherReaction: Bool

    public init(id: Int64, lessonId: Int64, lessonName: String = "", answerText: String = "", userId: Int64,
                createdAt: Date? = nil, updatedAt: Date? = nil, status: String = "new", type: String = LessonAnswer.homeworkType,
                reviewerUserId: Int64? = nil, reviewedAt: Date? = nil, reviewText: String = "",
                trainingId: Int64? = nil, trainingName: String = "", needTeacherReaction: Bool = false) {
        self.id = id
        self.lessonId = lessonId
        self.lessonName = lessonName
        self.answerText = answerText
        self.userId = userId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.status = status
        self.type = type
        self.reviewerUserId = reviewerUserId
        self.reviewedAt = reviewedAt
        self.reviewText = reviewText
        self.trainingId = trainingId
        self.trainingName = trainingName
        self.needTeacherReaction = needTeacherReaction
    }

    public var isHomework: Bool { type == Self.homeworkType }
}
