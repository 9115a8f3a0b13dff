/// The comment a checked answer gets in GetCourse, in Russian: the score, then each item — right,
/// the slip to fix, or the expected answer and the rule behind it — and a closing line for the outcome.
public enum HomeworkFeedback {
    /// `body`: the curator's edit of `body(check)`, when they made one.
    public static func comment(_ check: HomeworkCheck, outcome: HomeworkPolicy.Outcome, body edited: String? = nil) -> String {
        ([edited ?? body(check)] + [closing(check, outcome: outcome)].compactMap { $0 }).joined(separator: "\n")
    }

    /// The summary line and the items: what the curator may edit before deciding.
    public static func body(_ check: HomeworkCheck) -> String {
        var lines = [summary(check)]
        for item in check.items {
            let mark = switch item.verdict {
            case .right, .spelling: "✓"
            case .wrong, .missing: "✗"
            case .unsure, .teacher: "•"
            }
            lines.append("\(item.number). \(mark) " + (item.note.isEmpty ? (item.verdict == .right ? "верно" : "") : item.note))
        }
        return lines.joined(separator: "\n")
    }

    /// The line that closes the comment for the outcome (none for review).
    public static func closing(_ check: HomeworkCheck, outcome: HomeworkPolicy.Outcome) -> String? {
        switch outcome {
        case .accept: return "Работа принята. Отлично!"
        case .decline:
            let fix = check.items.filter { !$0.verdict.isRight && $0.verdict != .teacher }.map { String($0.number) }
            if fix.isEmpty { return "Попробуйте ещё раз: исправьте ответ и отправьте его заново." }
            return "Попробуйте ещё раз: исправьте \(fix.count == 1 ? "задание" : "задания") \(fix.joined(separator: ", ")) и отправьте ответ заново."
        case .review: return nil
        }
    }

    /// "Автопроверка: 3 из 4 (75%)", or why there is no score.
    public static func summary(_ check: HomeworkCheck) -> String {
        if let problem = check.ambiguity { return "Автопроверка: не удалось разобрать ответ — \(problem)." }
        guard let score = check.score else { return "Автопроверка: заданий с ключом нет." }
        return "Автопроверка: \(check.rightCount) из \(check.gradable.count) (\(Percent.text(score)))."
    }
}
