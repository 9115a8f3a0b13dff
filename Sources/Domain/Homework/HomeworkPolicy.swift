/// What happens to a checked answer: accepted with the feedback, declined with "try again", or the
/// curator's review queue — between the thresholds, and whenever the checker is unsure or an essay
/// needs a teacher.
public struct HomeworkPolicy: Sendable, Equatable, Codable {
    /// Accept at this score or above.
    public var acceptAt: Double
    /// Decline below this score.
    public var declineBelow: Double

    public init(acceptAt: Double = 0.8, declineBelow: Double = 0.5) {
        self.acceptAt = acceptAt
        self.declineBelow = declineBelow
    }

    public enum Outcome: String, Sendable, Codable {
        case accept, decline, review
        /// The GetCourse status it sets (`review` sets none: a human decides).
        public var status: AnswerStatus? {
            switch self {
            case .accept: .accepted
            case .decline: .declined
            case .review: nil
            }
        }
    }

    public struct Decision: Sendable, Equatable, Codable {
        public var outcome: Outcome
        /// Why it went to review, in Russian; nil otherwise.
        public var reason: String?

        public init(outcome: Outcome, reason: String? = nil) {
            self.outcome = outcome
            self.reason = reason
        }
    }

    public func decide(_ check: HomeworkCheck) -> Decision {
        if let problem = check.ambiguity { return Decision(outcome: .review, reason: "непонятно, где какой ответ: \(problem)") }
        if !check.unsure.isEmpty {
            return Decision(outcome: .review, reason: "проверка не уверена в заданиях \(check.unsure.map { String($0.number) }.joined(separator: ", "))")
        }
        if check.hasEssay { return Decision(outcome: .review, reason: "эссе проверяет преподаватель") }
        guard let score = check.score else { return Decision(outcome: .review, reason: "нечего проверить автоматически") }
        if score >= acceptAt { return Decision(outcome: .accept, reason: nil) }
        if score < declineBelow { return Decision(outcome: .decline, reason: nil) }
        return Decision(outcome: .review, reason: "\(Percent.text(score)) — между порогами \(Percent.text(declineBelow)) и \(Percent.text(acceptAt))")
    }
}
