/// The checker against answers graded by hand, per item: how often its automatic verdicts agree
/// with the grader's, and how much it leaves to a person.
public struct LabelledAnswer: Sendable, Equatable {
    public enum Label: String, Sendable, CaseIterable {
        case ok, typo, wrong, missing, review, teacher
    }

    public var line: Int
    public var lessonId: Int64
    public var labels: [Label]
    public var answer: String

    /// The set's lines: `LESSON_ID | LABELS | ANSWER` (`\n` in the answer is a line break, `#` starts a comment).
    public static func parse(_ text: String) throws(LineError) -> [LabelledAnswer] {
        var out: [LabelledAnswer] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "|", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else { throw LineError(line: i + 1, problem: "expected LESSON_ID | LABELS | ANSWER") }
            guard let lesson = Int64(parts[0]) else { throw LineError(line: i + 1, problem: "lesson id «\(parts[0])» is not a number") }
            var labels: [Label] = []
            for word in parts[1].split(separator: " ") {
                guard let l = Label(rawValue: String(word)) else {
                    throw LineError(line: i + 1, problem: "unknown label «\(word)» (one of: \(Label.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                labels.append(l)
            }
            out.append(LabelledAnswer(line: i + 1, lessonId: lesson, labels: labels, answer: parts[2].replacingOccurrences(of: "\\n", with: "\n")))
        }
        return out
    }
}

public struct HomeworkEvaluation: Sendable, Equatable {
    /// Items the checker decided itself (not sent to a person, not essays) and how many agree with the grader.
    public var automaticItems = 0
    public var automaticAgreed = 0
    /// Items, essays aside, and how many the checker left to a person.
    public var items = 0
    public var itemsToReview = 0
    /// Items the grader marked for a person that the checker decided anyway.
    public var overconfident = 0
    public var answers = 0
    /// Answers the policy sends to the curator, all and leaving aside those with an essay.
    public var answersToReview = 0
    public var answersWithoutEssay = 0
    public var answersWithoutEssayToReview = 0
    /// Why answers went to review: the checker unsure (or the structure unclear), an essay, a score between the thresholds.
    public var reviewUnsure = 0
    public var reviewEssay = 0
    public var reviewBetween = 0
    /// Where checker and grader disagree: the set's line, the item, the grader's label and the checker's.
    public var disagreements: [(line: Int, item: Int, label: LabelledAnswer.Label, checker: LabelledAnswer.Label)] = []

    public var agreement: Double { automaticItems == 0 ? 0 : Double(automaticAgreed) / Double(automaticItems) }
    public var reviewShare: Double { answers == 0 ? 0 : Double(answersToReview) / Double(answers) }
    public var reviewShareWithoutEssays: Double { answersWithoutEssay == 0 ? 0 : Double(answersWithoutEssayToReview) / Double(answersWithoutEssay) }

    public static func == (a: Self, b: Self) -> Bool {
        a.automaticItems == b.automaticItems && a.automaticAgreed == b.automaticAgreed && a.items == b.items && a.answers == b.answers
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownLesson(line: Int, Int64), labelCount(line: Int, labels: Int, items: Int)
        public var description: String {
            switch self {
            case .unknownLesson(let line, let id): "line \(line): no lesson \(id) in the school's data"
            case .labelCount(let line, let l, let n): "line \(line): \(l) labels for a homework of \(n) items"
            }
        }
    }

    /// The checker's verdict in the grader's terms.
    static func label(_ v: ItemCheck.Verdict) -> LabelledAnswer.Label {
        switch v {
        case .right: .ok
        case .spelling: .typo
        case .wrong: .wrong
        case .missing: .missing
        case .unsure: .review
        case .teacher: .teacher
        }
    }

    public static func run(_ set: [LabelledAnswer], lessons: [CurriculumLesson], checker: HomeworkChecker? = nil,
                           policy: HomeworkPolicy = HomeworkPolicy()) throws(Problem) -> HomeworkEvaluation {
        let byId = Dictionary(lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let checker = checker ?? HomeworkChecker(lessons: lessons)
        var e = HomeworkEvaluation()
        for a in set {
            guard let lesson = byId[a.lessonId] else { throw .unknownLesson(line: a.line, a.lessonId) }
            guard a.labels.count == lesson.homework.count else { throw .labelCount(line: a.line, labels: a.labels.count, items: lesson.homework.count) }
            let check = checker.check(a.answer, lesson: lesson)
            let essay = lesson.homework.contains { $0.kind == .essay }
            e.answers += 1
            let toReview = policy.decide(check).outcome == .review
            if toReview {
                e.answersToReview += 1
                if check.ambiguity != nil || !check.unsure.isEmpty { e.reviewUnsure += 1 } else if check.hasEssay { e.reviewEssay += 1 } else { e.reviewBetween += 1 }
            }
            if !essay {
                e.answersWithoutEssay += 1
                if toReview { e.answersWithoutEssayToReview += 1 }
            }
            for (i, item) in check.items.enumerated() where lesson.homework[i].kind != .essay {
                let ours = check.ambiguity != nil ? .review : label(item.verdict)
                let theirs = a.labels[i]
                e.items += 1
                if ours == .review {
                    e.itemsToReview += 1
                    continue
                }
                e.automaticItems += 1
                if ours == theirs {
                    e.automaticAgreed += 1
                } else {
                    if theirs == .review { e.overconfident += 1 }
                    e.disagreements.append((a.line, i + 1, theirs, ours))
                }
            }
        }
        return e
    }
}
