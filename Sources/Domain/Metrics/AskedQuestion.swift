import Foundation

/// A student's question as the dialogs show it: everything the student wrote since the school last
/// replied (as the assistant takes it), and the reply that followed. Built from the messages alone,
/// so the school's history from before Curator counts too (answered by a person).
public struct AskedQuestion: Sendable, Equatable {
    public enum Responder: String, Sendable, Codable { case assistant, curator }

    public var dialogId: Int64
    public var askedAt: Double
    public var text: String
    /// What the assistant did with it (nil: it never saw the question).
    public var action: QuestionAction?
    public var repliedAt: Double?
    public var repliedBy: Responder?

    public var replySeconds: Double? { repliedAt.map { max(0, $0 - askedAt) } }

    /// The assistant's own reply, with no hand-off.
    public var answeredByAssistant: Bool { action == .answer && repliedBy == .assistant }

    /// Questions from the messages, oldest first. A message that only thanks asks nothing and is left
    /// out. The reply is the school's next message, or — when it is not mirrored yet — the moment
    /// Curator sent one; who replied comes from the assistant's record (a person when there is none).
    public static func build(_ messages: [DialogMessage], decisions: [Int64: QuestionRecord]) -> [AskedQuestion] {
        var out: [AskedQuestion] = []
        let byDialog = Dictionary(grouping: messages.filter { $0.createdAt != nil }, by: \.dialogId)
        for dialog in byDialog.keys.sorted() {
            let thread = byDialog[dialog]!.sorted { ($0.createdAt!, $0.id) < ($1.createdAt!, $1.id) }
            var run: [DialogMessage] = []
            func close(reply: Double?) {
                defer { run = [] }
                guard let first = run.first else { return }
                let text = run.map(\.text).joined(separator: "\n")
                if Gratitude.isThanksOnly(text) { return }
                let records = run.compactMap { decisions[$0.id] }
                let answered = records.first { $0.answeredBy != nil }
                let repliedAt = answered?.answeredAt ?? reply
                let by = answered?.answeredBy ?? .curator
                out.append(AskedQuestion(dialogId: dialog, askedAt: first.createdAt!.timeIntervalSince1970, text: text,
                                         action: records.first?.action, repliedAt: repliedAt, repliedBy: repliedAt == nil ? nil : by))
            }
            for m in thread {
                if m.fromStudent { run.append(m) } else { close(reply: m.createdAt!.timeIntervalSince1970) }
            }
            close(reply: nil)
        }
        return out.sorted { ($0.askedAt, $0.dialogId) < ($1.askedAt, $1.dialogId) }
    }

    /// The student came back within 72 hours of the assistant's reply on the same question: the
    /// next question of the dialog says the answer did not help, or shares most of its words.
    public static let comeBackWindow = 72.0 * 3600

    public static func cameBack(after q: AskedQuestion, next: AskedQuestion?) -> Bool {
        guard let next, let replied = q.repliedAt, next.dialogId == q.dialogId, next.askedAt - replied <= comeBackWindow else { return false }
        let folded = TextFold.key(next.text)
        if notHelped.contains(where: folded.contains) { return true }
        let a = Set(SearchTerms.terms(q.text)), b = Set(SearchTerms.terms(next.text))
        guard !a.isEmpty, !b.isEmpty else { return false }
        return Double(a.intersection(b).count) / Double(min(a.count, b.count)) >= 0.5
    }

    static let notHelped = ["не помогло", "не помог", "не работает", "не получается", "не получилось", "не понял", "не поняла", "не то",
                            "все еще", "все равно", "по-прежнему", "опять", "снова"]
}
