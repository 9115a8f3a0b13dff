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
    public var viewedLessonNumber: Int? { LessonViewGroupName.lessonNumber(in: name) }
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

public enum LessonViewGroupName {
    /// "Урок 05 просмотрен" → 5; "General English B1 · Урок 12 просмотрен" → 12.
    public static func lessonNumber(in name: String) -> Int? {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" })
        guard let i = words.firstIndex(where: { $0.lowercased() == "урок" }), i + 2 < words.count,
              words[i + 2].lowercased().hasPrefix("просмотр"),
              let n = Int(words[i + 1]) else { return nil }
        return n
    }

    public static func make(trainingTitle: String, lesson: Int) -> String {
        "\(trainingTitle) · Урок \(lesson < 10 ? "0" : "")\(lesson) просмотрен"
    }
}
