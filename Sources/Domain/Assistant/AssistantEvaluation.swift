import Foundation

/// A question with the reply it should get, from the hand-labelled evaluation set.
public struct LabelledQuestion: Sendable, Equatable {
    public enum Expected: Sendable, Equatable {
        /// Answerable: the reply must answer and cite one of these articles.
        case answer([String])
        /// Must reach the curator (refunds, complaints, a person, anger, escalating rules).
        case handoff
        /// Outside the school's topics: must not be answered with an article.
        case outOfScope
    }

    public var expected: Expected
    public var text: String
    public var line: Int

    public init(expected: Expected, text: String, line: Int) {
        self.expected = expected
        self.text = text
        self.line = line
    }

    public typealias ParseError = LineError

    /// Tab-separated lines `expected<TAB>ids<TAB>question`; `#` starts a comment line.
    public static func parse(_ text: String) throws -> [LabelledQuestion] {
        var out: [LabelledQuestion] = []
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw ParseError(line: i + 1, problem: "expected 3 tab-separated fields, found \(fields.count)") }
            let ids = fields[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let question = fields[2].trimmingCharacters(in: .whitespaces)
            guard !question.isEmpty else { throw ParseError(line: i + 1, problem: "the question is empty") }
            let expected: Expected
            switch fields[0] {
            case "answer":
                guard !ids.isEmpty else { throw ParseError(line: i + 1, problem: "an answer needs at least one article id") }
                expected = .answer(ids)
            case "handoff": expected = .handoff
            case "out": expected = .outOfScope
            default: throw ParseError(line: i + 1, problem: "unknown expected action \"\(fields[0])\" (answer, handoff or out)")
            }
            out.append(LabelledQuestion(expected: expected, text: question, line: i + 1))
        }
        return out
    }
}

/// How the assistant does on a labelled set: resolution (answerable questions answered with a right
/// article), precision (answers that cite a right article), hand-off recall and out-of-scope refusal.
public struct AssistantEvaluation: Sendable, Encodable {
    public struct Miss: Sendable, Encodable {
        public var line: Int
        public var question: String
        public var expected: String
        public var got: String
    }

    public var questions: Int
    public var answerable: Int
    public var answered: Int
    public var correctAnswers: Int
    public var mustHandOff: Int
    public var handedOff: Int
    public var outOfScope: Int
    public var refused: Int
    public var clarified: Int
    public var misses: [Miss]

    public var resolutionRate: Double?
    public var precision: Double?
    public var handoffRecall: Double?
    public var outOfScopeRefusal: Double?

    public static func evaluate(_ set: [LabelledQuestion], reply: (String) -> AssistantReply) -> AssistantEvaluation {
        var e = AssistantEvaluation(questions: set.count, answerable: 0, answered: 0, correctAnswers: 0, mustHandOff: 0, handedOff: 0,
                                    outOfScope: 0, refused: 0, clarified: 0, misses: [])
        func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
        for q in set {
            let r = reply(q.text)
            let cited = r.sources.first ?? "—"
            let got = r.action == .handoff ? "handoff (\(r.handoffReason?.rawValue ?? "?"))" : "\(r.action.rawValue) \(r.sources.joined(separator: ","))"
            if r.action == .answer { e.answered += 1 }
            if r.action == .clarify { e.clarified += 1 }
            let ok: Bool
            let expected: String
            switch q.expected {
            case .answer(let ids):
                e.answerable += 1
                ok = r.action == .answer && ids.contains(cited)
                if ok { e.correctAnswers += 1 }
                expected = "answer " + ids.joined(separator: ",")
            case .handoff:
                e.mustHandOff += 1
                ok = r.action == .handoff
                if ok { e.handedOff += 1 }
                expected = "handoff"
            case .outOfScope:
                e.outOfScope += 1
                ok = r.action != .answer
                if ok { e.refused += 1 }
                expected = "not answered"
            }
            if !ok { e.misses.append(Miss(line: q.line, question: q.text, expected: expected, got: got)) }
        }
        e.resolutionRate = ratio(e.correctAnswers, e.answerable)
        e.precision = ratio(e.correctAnswers, e.answered)
        e.handoffRecall = ratio(e.handedOff, e.mustHandOff)
        e.outOfScopeRefusal = ratio(e.refused, e.outOfScope)
        return e
    }

    enum CodingKeys: String, CodingKey {
        case questions, answerable, answered, correctAnswers = "correct_answers", mustHandOff = "must_hand_off", handedOff = "handed_off",
             outOfScope = "out_of_scope", refused, clarified, misses, resolutionRate = "resolution_rate", precision,
             handoffRecall = "handoff_recall", outOfScopeRefusal = "out_of_scope_refusal"
    }
}
