/// A homework answer's status in GetCourse, and the verdict Curator gives one (accepted or
/// declined). A status Curator does not know is kept as GetCourse wrote it (`other`), so the mirror
/// still shows what GetCourse says; `init(rawValue:)` is how one is made, so a known status is never
/// an `other`.
public enum AnswerStatus: Hashable, Sendable {
    case new, viewed, accepted, declined
    case other(String)

    /// A verdict: the answer was accepted or declined.
    public var isVerdict: Bool { self == .accepted || self == .declined }
}

extension AnswerStatus: RawRepresentable, Codable {
    public init(rawValue: String) {
        switch rawValue {
        case "new": self = .new
        case "viewed": self = .viewed
        case "accepted": self = .accepted
        case "declined": self = .declined
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .new: "new"
        case .viewed: "viewed"
        case .accepted: "accepted"
        case .declined: "declined"
        case .other(let status): status
        }
    }
}
