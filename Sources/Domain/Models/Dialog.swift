import Foundation

/// A conversation between a student and the school (Tech API `user/get-dialogs`).
public struct Dialog: Sendable, Equatable, Codable {
    public var id: Int64
    public var userId: Int64
    public var title: String
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(id: Int64, userId: Int64, title: String = "", createdAt: Date? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.userId = userId
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One message of a dialog (`dialog/get-history`). `fromStudent` is true when the dialog's user wrote it.
public struct DialogMessage: Sendable, Equatable, Codable {
    public var id: Int64
    public var dialogId: Int64
    public var authorUserId: Int64?
    public var text: String
    public var createdAt: Date?
    public var fromStudent: Bool

    public init(id: Int64, dialogId: Int64, authorUserId: Int64?, text: String, createdAt: Date?, fromStudent: Bool) {
        self.id = id
        self.dialogId = dialogId
        self.authorUserId = authorUserId
        self.text = text
        self.createdAt = createdAt
        self.fromStudent = fromStudent
    }
}
