public struct ChatEntry: Equatable, Sendable {
    /// `student`: a student's question opened from a hand-off (the text starts with their name).
    public enum Role: Sendable { case curator, assistant, note, student }
    public var role: Role
    public var text: String
    /// answer / clarify / handoff and where it came from, once the answer is complete.
    public var label: String?
    public var sources: [String] = []
}

/// A student's question the assistant handed over, open in the chat: the input holds the reply,
/// first the suggested one, which Enter queues in the outbox.
public struct ReplyDraft: Equatable, Sendable {
    /// The newest waiting message of the dialog; the reply answers all of the dialog's waiting ones.
    public var messageId: Int64
    public var studentName: String
    /// The reply as sent, while the outbox write is under way.
    public var sending: String?
    /// The student's words, and the article the assistant thought of, to teach it once answered.
    public var question = ""
    public var article: String?
}

/// After a reply: the student's question may be added to the article's example questions, so the
/// assistant answers the next such question itself (Ctrl-A while the input is empty).
public struct TeachOffer: Equatable, Sendable {
    public var question: String
    public var article: String
}

/// The chat with the assistant, and a reply to a student being written in it.
public struct ChatState: Sendable {
    public var entries: [ChatEntry] = []
    public var input = TextField()
    /// The tag of the answer being streamed; replies with another tag are stale and dropped.
    public var tag = 0
    public var busy = false
    public var replying: ReplyDraft?
    public var teaching: TeachOffer?

    public init() {}
}
