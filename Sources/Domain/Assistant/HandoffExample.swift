/// A message with what it needs: a person (and why) or nothing but the knowledge base. The school's
/// examples (data/assistant/handoff-exemplars.tsv) teach the hand-off classifier by nearness in
/// meaning, so a polite complaint in words no rule lists still reaches the curator.
public struct HandoffExample: Sendable, Equatable {
    /// Why a person is needed; nil for a message the knowledge base answers.
    public var reason: AssistantReply.HandoffReason?
    public var text: String

    public init(reason: AssistantReply.HandoffReason?, text: String) {
        self.reason = reason
        self.text = text
    }

    /// The reasons an example may carry: those that need a person whatever the articles say.
    public static let reasons: [AssistantReply.HandoffReason] = [.refund, .complaint, .human, .anger, .threat, .privacy, .safety]

    /// Tab-separated lines `reason<TAB>message` (a reason of `reasons`, or `none`); `#` starts a comment line.
    public static func parse(_ text: String) throws(LineError) -> [HandoffExample] {
        var out: [HandoffExample] = []
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2 else { throw LineError(line: i + 1, problem: "expected `reason<TAB>message`, found \(fields.count) fields") }
            guard !fields[1].isEmpty else { throw LineError(line: i + 1, problem: "the message is empty") }
            if fields[0] == "none" {
                out.append(HandoffExample(reason: nil, text: fields[1]))
            } else if let reason = AssistantReply.HandoffReason(rawValue: fields[0]), reasons.contains(reason) {
                out.append(HandoffExample(reason: reason, text: fields[1]))
            } else {
                throw LineError(line: i + 1, problem: "unknown reason \"\(fields[0])\" (\((reasons.map(\.rawValue) + ["none"]).joined(separator: ", ")))")
            }
        }
        return out
    }
}
