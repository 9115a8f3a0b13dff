import Foundation

/// A training as the Tech API lists it (`common/get-trainings`).
public struct Training: Sendable, Equatable, Codable {
    public var id: Int64
    public var title: String
    public var description: String
    public var createdAt: Date?
    public var status: String
    public var lessonCount: Int?

    public init(id: Int64, title: String, description: String = "", createdAt: Date? = nil, status: String = "", lessonCount: Int? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.createdAt = createdAt
        self.status = status
        self.lessonCount = lessonCount
    }
}
