import Foundation

/// A checked answer as the curator's queue shows it.
public struct HomeworkQueueItem: Sendable, Equatable {
    public var answerId: Int64
    public var studentId: Int64
    public var studentName: String
    public var lessonId: Int64
    public var lessonName: String
    public var answerText: String
    public var submittedAt: Date?
    public var checkedAt: Date
    public var check: HomeworkCheck
    public var outcome: HomeworkPolicy.Outcome
    public var reason: String?
    public var comment: String
    /// accepted | declined once decided (nil: waiting for the curator), by checker | curator.
    public var decision: AnswerStatus?
    public var decidedBy: HomeworkReviewer?
    /// The answer's status in the mirror (GetCourse's, or ours once sent).
    public var status: AnswerStatus
    /// An essay's notes for the teacher, drafted by the model.
    public var teacherNotes: String?

    public init(answerId: Int64, studentId: Int64, studentName: String, lessonId: Int64, lessonName: String, answerText: String,
                submittedAt: Date? = nil, checkedAt: Date, check: HomeworkCheck, outcome: HomeworkPolicy.Outcome, reason: String? = nil,
                comment: String, decision: AnswerStatus? = nil, decidedBy: HomeworkReviewer? = nil, status: AnswerStatus = .new,
                teacherNotes: String? = nil) {
        self.teacherNotes = teacherNotes
        self.answerId = answerId
        self.studentId = studentId
        self.studentName = studentName
        self.lessonId = lessonId
        self.lessonName = lessonName
        self.answerText = answerText
        self.submittedAt = submittedAt
        self.checkedAt = checkedAt
        self.check = check
        self.outcome = outcome
        self.reason = reason
        self.comment = comment
        self.decision = decision
        self.decidedBy = decidedBy
        self.status = status
    }

    public var waitsForReview: Bool { decision == nil && status == .new }

    /// Where it stands, in the curator's words.
    public var statusText: String {
        if waitsForReview { return "ждёт куратора" }
        switch (decision ?? status, decidedBy) {
        case (.accepted, .checker?): return "принято проверкой"
        case (.declined, .checker?): return "на доработке (проверка)"
        case (.accepted, _): return "принято"
        case (.declined, _): return "на доработке"
        default: return status.rawValue
        }
    }
}
