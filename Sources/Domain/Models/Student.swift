import Foundation

/// A GetCourse user as the mirror keeps it. Staff accounts are users too; `StudentSummary`
/// (Storage) decides who counts as a student.
public struct Student: Sendable, Equatable, Codable {
    public var id: Int64
    public var email: String
    public var firstName: String
    public var lastName: String
    public var phone: String
    public var createdAt: Date?
    public var lastActivityAt: Date?
    public var city: String
    public var country: String
    /// Columns the account added itself (and any we do not model), by their title.
    public var customFields: [String: String]

    public init(id: Int64, email: String = "", firstName: String = "", lastName: String = "",
                phone: String = "", createdAt: Date? = nil, lastActivityAt: Date? = nil,
                city: String = "", country: String = "", customFields: [String: String] = [:]) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.createdAt = createdAt
        self.lastActivityAt = lastActivityAt
        self.city = city
        self.country = country
        self.customFields = customFields
    }

    public var fullName: String {
        [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
