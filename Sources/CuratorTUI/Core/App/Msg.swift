import Domain
import Foundation

/// What happens to the dashboard: keys, the terminal, and results of effects coming back.
public enum Msg: Sendable {
    case key(Key)
    /// A bracketed paste: one piece of text, however many lines.
    case paste(String)
    case resize(TermSize)
    case tick(Date)
    /// `complete` false: the first screenful of the riskiest students, while the whole list loads.
    case studentsLoaded([StudentSummary], complete: Bool = true)
    case detailLoaded(StudentDetail?, progress: StudentProgress?, alerts: [AlertLine])
    /// The first open alerts, and the status bar's counts over the whole mirror.
    case alertsLoaded([AlertLine], counts: StatusCounts)
    /// New alerts raised by a sync pass (toasts).
    case alertsRaised([AlertNotice])
    /// A transaction changed scores, alerts, the outbox or students' questions (Storage observation).
    case mirrorChanged
    case syncProgress(phase: String, requestsLeft: Int)
    /// `resumesAt`: when work the pass deferred (to stay within the request budget) goes on.
    case syncFinished(at: Date, problem: String?, requestsLeft: Int, next: Date?, resumesAt: Date? = nil)
    case chatText(tag: Int, String)
    case chatDone(tag: Int, ChatAnswer)
    /// A student's questions waiting for the curator, newest first (opening a hand-off alert).
    case handoffLoaded(studentId: Int64, [StudentQuestionLine])
    /// The curator's reply was queued in the outbox, or could not be (`problem`).
    case replyQueued(messageId: Int64, problem: String?)
    /// The student's question was added to the article's example questions (or why not).
    case questionAdded(article: String, problem: String?)
    case homeworkLoaded([HomeworkQueueItem])
    /// The curator's homework decision was queued in the outbox, or could not be (`problem`).
    case homeworkDecided(answerId: Int64, problem: String?)
    case metricsLoaded(SchoolMetrics)
}

/// A finished assistant answer as the chat shows it.
public struct ChatAnswer: Equatable, Sendable {
    public var text: String
    public var label: String
    public var sources: [String]
    public var note: String?
    /// The streamed text was the answer (it stays); otherwise `text` replaces it.
    public var keepsStreamedText: Bool

    public init(text: String, label: String, sources: [String], note: String?, keepsStreamedText: Bool) {
        self.text = text
        self.label = label
        self.sources = sources
        self.note = note
        self.keepsStreamedText = keepsStreamedText
    }
}

/// Work `update` asks for; the runtime does it off the UI thread and answers with messages.
public enum Effect: Equatable, Sendable {
    case loadStudents
    case loadDetail(Int64)
    case loadAlerts
    case syncNow
    case ask(tag: Int, question: String)
    case cancelAsk(tag: Int)
    case acknowledge(alertId: Int64)
    case markNotUseful(alertId: Int64)
    case loadHandoff(studentId: Int64)
    case sendReply(messageId: Int64, text: String)
    /// Add a student's question to an article's example questions.
    case addQuestion(text: String, article: String)
    case loadHomework
    /// status: accepted | declined.
    case decideHomework(answerId: Int64, status: AnswerStatus, comment: String)
    case loadMetrics(MetricsPeriod)
}
