import Domain

/// The homework pane: the queue, and one answer opened for the curator's decision.
public struct HomeworkState: Sendable {
    /// Checked homework: waiting for the curator first, then the latest decided.
    public var items: [HomeworkQueueItem] = []
    public var selection = 0
    /// The answer open in the pane (its text, the checker's feedback, the decision keys).
    public var openId: Int64?
    /// The comment as the curator edits it (empty: the checker's feedback as it is).
    public var note = TextField()
    /// The comment as it was before the edit under way (Esc goes back to it).
    public var noteBeforeEdit = TextField()
    /// The answer whose decision is being queued (a second key press sends nothing more).
    public var deciding: Int64?
    /// What became of the last decision, shown in the pane.
    public var notice: String?

    public init() {}

    /// The answer open in the pane.
    public var opened: HomeworkQueueItem? { openId.flatMap { id in items.first { $0.answerId == id } } }
}
