/// What the school's metrics are computed from: the mirror's facts as plain values (Storage loads
/// them), times in seconds since 1970.
public struct MetricsRecords: Sendable {
    /// Every student in a course, with activity, enrolment and packages (as the risk model sees them).
    public var histories: [StudentHistory]
    /// Homework answers: when submitted, and when and by whom a verdict was given.
    public var homework: [HomeworkTurn]
    /// Every dialog message, with text (for the resolution rate's "same question").
    public var messages: [DialogMessage]
    /// What the assistant did with student messages, by message id.
    public var decisions: [Int64: QuestionRecord]
    /// When each early-warning alert opened.
    public var alertsOpened: [Double]
    /// When the checker sent an answer to the curator's review queue.
    public var reviewsQueued: [Double]
    public var payments: [Payment]
    public var tokens: [TokenUse]

    public init(histories: [StudentHistory] = [], homework: [HomeworkTurn] = [], messages: [DialogMessage] = [],
                decisions: [Int64: QuestionRecord] = [:], alertsOpened: [Double] = [], reviewsQueued: [Double] = [],
                payments: [Payment] = [], tokens: [TokenUse] = []) {
        self.histories = histories
        self.homework = homework
        self.messages = messages
        self.decisions = decisions
        self.alertsOpened = alertsOpened
        self.reviewsQueued = reviewsQueued
        self.payments = payments
        self.tokens = tokens
    }
}

/// Who gave a homework verdict: the checker under the policy, the curator from Curator's queue, or a
/// teacher in GetCourse itself.
public enum HomeworkReviewer: String, Sendable, Codable {
    case checker, curator, teacher

    public var isAutomatic: Bool { self == .checker }
}

public struct HomeworkTurn: Sendable, Equatable {
    public var submittedAt: Double
    /// When the verdict (accepted or declined) was given; nil while it waits.
    public var verdictAt: Double?
    public var reviewer: HomeworkReviewer

    public init(submittedAt: Double, verdictAt: Double? = nil, reviewer: HomeworkReviewer = .teacher) {
        self.submittedAt = submittedAt
        self.verdictAt = verdictAt
        self.reviewer = reviewer
    }
}

/// The assistant's record of one student message (a row of `student_questions`).
public struct QuestionRecord: Sendable, Equatable {
    public var action: QuestionAction
    /// Once answered.
    public var answeredBy: AskedQuestion.Responder?
    public var answeredAt: Double?

    public init(action: QuestionAction, answeredBy: AskedQuestion.Responder? = nil, answeredAt: Double? = nil) {
        self.action = action
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
    }
}

public struct Payment: Sendable, Equatable {
    public var at: Double
    public var kopecks: Int64

    public init(at: Double, kopecks: Int64) {
        self.at = at
        self.kopecks = kopecks
    }
}

public struct TokenUse: Sendable, Equatable {
    public var at: Double
    public var prompt: Int
    public var completion: Int

    public init(at: Double, prompt: Int, completion: Int) {
        self.at = at
        self.prompt = prompt
        self.completion = completion
    }
}

/// How long something took, over many cases: count, median and 90th percentile in seconds (nil when
/// there were none). The median of an even count is the mean of the middle two; p90 is the
/// nearest-rank value.
public struct DurationSummary: Sendable, Equatable, Encodable {
    public var count: Int
    public var median: Double?
    public var p90: Double?

    public init(_ seconds: [Double]) {
        count = seconds.count
        median = RiskMetrics.median(seconds)
        let sorted = seconds.sorted()
        p90 = sorted.isEmpty ? nil : sorted[Int((0.9 * Double(sorted.count)).rounded(.up)) - 1]
    }

    enum CodingKeys: String, CodingKey { case count, median = "medianSeconds", p90 = "p90Seconds" }
}
