import Foundation

public struct StudyGroup: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var lastAddedAt: Date?

    public init(id: Int64, name: String, lastAddedAt: Date?) {
        self.id = id
        self.name = name
        self.lastAddedAt = lastAddedAt
    }

    /// Lesson views are not exported by GetCourse; schools run a process that adds a user to a
    /// group named like «Урок 05 просмотрен» (optionally prefixed by the training) when a lesson is opened.
    public var viewedLessonNumber: Int? { SchoolNames.lessonView(name)?.number }
}

public struct GroupMembership: Sendable, Equatable, Codable, Hashable {
    public var groupId: Int64
    public var userId: Int64
    public var addedAt: Date?

    public init(groupId: Int64, userId: Int64, addedAt: Date?) {
        self.groupId = groupId
        self.userId = userId
        self.addedAt = addedAt
    }
}

/// How the mock's simulated schools name their lesson-view groups (Curator reads any such name: `SchoolNames`).
public enum LessonViewGroupName {
    public static func make(trainingTitle: String, lesson: Int, separator: String = " · ") -> String {
        "\(trainingTitle)\(separator)Урок \(lesson < 10 ? "0" : "")\(lesson) просмотрен"
    }
}
