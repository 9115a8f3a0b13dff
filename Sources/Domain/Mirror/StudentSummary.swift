import Foundation

/// A student as the list shows it: who, which study groups, when last active.
public struct StudentSummary: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var email: String
    public var phone: String
    public var groups: [String]
    public var lastActiveAt: Date?
    /// The latest risk pass (nil before the first one).
    public var risk: Double?
    public var level: RiskLevel?
    public var hasLeft: Bool
    public var reasons: [RiskReason]
    public var openAlerts: Int
    /// Lessons done of the course's lessons, as of the latest risk pass (nil before it, or without a course).
    public var lessonsDone: Int?
    public var lessonsTotal: Int?

    public init(id: Int64, name: String, email: String = "", phone: String = "", groups: [String] = [], lastActiveAt: Date? = nil,
                risk: Double? = nil, level: RiskLevel? = nil, hasLeft: Bool = false, reasons: [RiskReason] = [], openAlerts: Int = 0,
                lessonsDone: Int? = nil, lessonsTotal: Int? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.groups = groups
        self.lastActiveAt = lastActiveAt
        self.risk = risk
        self.level = level
        self.hasLeft = hasLeft
        self.reasons = reasons
        self.openAlerts = openAlerts
        self.lessonsDone = lessonsDone
        self.lessonsTotal = lessonsTotal
    }
}
