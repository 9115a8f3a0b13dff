import Domain
import Foundation
import Storage

/// How a sync pass paces itself. Defaults suit the real service; demo and tests compress them.
public struct SyncConfiguration: Sendable {
    /// The first poll of a kind of export this account has not built yet; after that, the first
    /// poll comes when that kind was last ready (see `ExportPacing`).
    public var firstPollDelay: TimeInterval = 5
    /// The longest wait between two polls of an export that is not ready.
    public var pollInterval: TimeInterval = 20
    /// Polls of one export per pass; beyond, the export id stays persisted and the next pass resumes it.
    public var maxPollsPerExport = 12
    public var retry = RetryPolicy()
    /// Tech API pace: it publishes no limit, so stay at a few requests per second.
    public var techRequestsPerSecond = 4.0
    /// Users whose dialogs are fetched per pass (new or recently active first, then the longest unswept).
    public var dialogUsersPerPass = 400
    /// Users whose answers are read whole per pass (never read, then those whose activity moved).
    public var answerUsersPerPass = 400
    /// Replies the assistant is sure of are sent to GetCourse; off, each becomes a draft the curator
    /// sends, edits or drops. Off by default on a real account (the school switches it on).
    public var autoReplies = true
    /// The checker's accept and decline go to GetCourse; off, they wait in the curator's queue with the comment.
    public var autoVerdicts = true
    /// A full users export (to refresh "last activity" of everyone) at most this often.
    public var fullUserRefreshInterval: TimeInterval = 6 * 3600
    /// Seconds between passes of the background job.
    public var passInterval: TimeInterval = 15 * 60
    /// A pass that changed nothing rescores only when the last scores are this old (time alone
    /// moves "days since" slowly; reloading a large mirror every pass would not).
    public var rescoreInterval: TimeInterval = 15 * 60
    /// Student messages older than this when first seen get no automatic reply (a reply days
    /// later reads as a bot waking up): the curator sees them as unanswered.
    public var replyWindow: TimeInterval = 72 * 3600
    /// Check new homework answers on every pass, under this policy (nil: only mirror them).
    public var homeworkPolicy: HomeworkPolicy? = HomeworkPolicy()

    public init() {}
}

/// Retries with exponential backoff and jitter, honouring Retry-After.
public struct RetryPolicy: Sendable {
    public var maxAttempts = 5
    public var baseDelay: TimeInterval = 1
    public var maxDelay: TimeInterval = 60
    /// Pause after a 903 the budget did not foresee (someone else uses the account).
    public var rateLimitedDelay: TimeInterval = 60

    public init(maxAttempts: Int = 5, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 60, rateLimitedDelay: TimeInterval = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.rateLimitedDelay = rateLimitedDelay
    }

    func delay(attempt: Int, jitter: Double) -> TimeInterval {
        min(maxDelay, baseDelay * pow(2, Double(attempt - 1))) * (0.5 + jitter)
    }
}

/// Progress of a pass, for the command line now and the dashboard's status bar later.
public struct SyncEvent: Sendable, Equatable {
    public enum Phase: String, Sendable, Codable {
        case started, groups, users, deals, members, trainings, homework, dialogs, assistant, outbox, waiting, retrying, deferred, finished
    }

    public var phase: Phase
    public var message: String
    public var rows: Int
    public var requestsLeft: Int
}

/// The assistant's share of a pass: new questions decided, replies sent to GetCourse.
public struct ReplySummary: Sendable, Codable, Equatable {
    /// Questions answered automatically (their replies queued).
    public var answered = 0
    /// Questions handed to the curator (a hand-off or a clarifying choice to confirm).
    public var handedOff = 0
    /// Messages seen too long after they arrived to reply automatically.
    public var stale = 0
    /// Write-backs that reached GetCourse this pass (sent now, or found already there after a crash).
    public var sent = 0
    /// Write-backs given up (the curator sees the question).
    public var failed = 0
    /// Automatic replies dropped because the curator answered first.
    public var cancelled = 0

    public init() {}
}

/// The checker's share of a pass: answers checked and what became of them, verdicts sent.
public struct HomeworkSummary: Sendable, Codable, Equatable {
    public var checked = 0
    /// Answers to lessons data/school has no key for: queued for the curator unchecked.
    public var unkeyed = 0
    public var accepted = 0
    public var declined = 0
    /// Left to the curator (between the thresholds, unsure, an essay).
    public var review = 0
    /// Comments and statuses that reached GetCourse this pass.
    public var sent = 0
    public var failed = 0
    /// Automatic verdicts dropped because a teacher reviewed the answer in GetCourse first.
    public var cancelled = 0
    /// Essays given the model's notes for the teacher, and those the model failed on.
    public var essayNotes = 0
    public var essayNotesFailed = 0

    public init() {}
}

/// What one pass did.
public struct SyncSummary: Sendable, Codable, Equatable {
    public var startedAt: Date
    public var finishedAt: Date
    public var entities: [String: UpsertCount] = [:]
    /// Rows deleted because a full export no longer lists them (members who left a group).
    public var removed: [String: Int] = [:]
    public var legacyRequests = 0
    public var techRequests = 0
    public var budgetLeft = 0
    /// Work postponed to a later pass to stay inside the request budget.
    public var deferred: [String] = []
    /// When the deferred work can go on (the budget has room again, or an export is built).
    public var resumesAt: Date?
    /// Polls each export collected this pass needed.
    public var exportPolls: [Int] = []
    public var errors: [String] = []
    /// A failure that stopped the pass (bad credentials, not a GetCourse URL...).
    public var fatal: String?
    /// Scores and alerts computed after the pass.
    public var risk: RiskPassSummary?
    /// What the assistant did with new student messages, and the write-backs sent.
    public var replies = ReplySummary()
    public var homework = HomeworkSummary()

    public var ok: Bool { errors.isEmpty && fatal == nil }
    /// True when the pass wrote or removed any row (the assistant's decisions and sent replies included).
    public var changedMirror: Bool {
        entities.values.contains { $0.new + $0.updated > 0 } || removed.values.contains { $0 > 0 } || replies != ReplySummary() || homework != HomeworkSummary()
    }
    public var durationSeconds: Double { finishedAt.timeIntervalSince(startedAt) }

    mutating func add(_ entity: String, _ c: UpsertCount) { entities[entity] = (entities[entity] ?? UpsertCount()) + c }
}
