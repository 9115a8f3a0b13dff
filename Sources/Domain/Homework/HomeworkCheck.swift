/// What the checker found in one homework answer: a verdict per item with its feedback, the score
/// and whether the split into items was clear.
public struct HomeworkCheck: Sendable, Equatable, Codable {
    public var items: [ItemCheck]
    /// Why the answer's structure could not be read (the items are then unchecked); nil when clear.
    public var ambiguity: String?

    public init(items: [ItemCheck], ambiguity: String? = nil) {
        self.items = items
        self.ambiguity = ambiguity
    }

    /// Items with an automatic verdict (not essays).
    public var gradable: [ItemCheck] { items.filter { $0.verdict != .teacher } }
    public var rightCount: Int { gradable.filter(\.verdict.isRight).count }
    /// The share of gradable items answered right; nil when there is nothing to grade automatically.
    public var score: Double? {
        let g = gradable.count
        return ambiguity != nil || g == 0 ? nil : Double(rightCount) / Double(g)
    }
    public var unsure: [ItemCheck] { items.filter { $0.verdict == .unsure } }
    public var hasEssay: Bool { items.contains { $0.verdict == .teacher } }
}

public struct ItemCheck: Sendable, Equatable, Codable {
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        /// Right; `spelling`: right with a one-letter slip to point out.
        case right, spelling, wrong, missing
        /// The checker cannot tell (a translation with words the key does not have, a choice it cannot read).
        case unsure
        /// An essay: a teacher's work.
        case teacher

        public var isRight: Bool { self == .right || self == .spelling }
    }

    public var number: Int
    public var kind: Exercise.Kind
    public var verdict: Verdict
    /// What the student wrote for it ("" when nothing).
    public var given: String
    /// The canonical answer (empty for essays).
    public var expected: String
    /// The explanation in Russian: the rule, the slip, the word order, why unsure.
    public var note: String

    public init(number: Int, kind: Exercise.Kind, verdict: Verdict, given: String, expected: String, note: String) {
        self.number = number
        self.kind = kind
        self.verdict = verdict
        self.given = given
        self.expected = expected
        self.note = note
    }
}
