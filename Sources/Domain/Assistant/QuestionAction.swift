/// What the assistant did with a student's question, as recorded with its messages.
public enum QuestionAction: String, Sendable {
    case answer, clarify, handoff
    /// Seen too long after it arrived to reply automatically: left to the curator as it is.
    case stale

    public init(_ action: AssistantReply.Action) {
        switch action {
        case .answer: self = .answer
        case .clarify: self = .clarify
        case .handoff: self = .handoff
        }
    }
}
