import Domain
import Foundation

/// The panes, in Tab order; digits 1–5 jump to them.
public enum Pane: Int, CaseIterable, Sendable {
    case students = 1, progress, alerts, chat, homework

    public var title: String {
        switch self {
        case .students: "Ученики"
        case .progress: "Прогресс"
        case .alerts: "Алерты"
        case .chat: "Ассистент"
        case .homework: "Домашки"
        }
    }
}

/// What the keyboard is talking to: the panes, a text being typed, or a screen over the panes.
public indirect enum Mode: Equatable, Sendable {
    case panes
    /// The student filter is being typed.
    case filtering
    /// The homework comment is being typed.
    case editingNote
    /// The metrics screen over the panes.
    case metrics
    /// The key help over whatever `behind` shows.
    case help(behind: Mode)

    /// The screen without the help overlay.
    public var screen: Mode { if case .help(let behind) = self { behind.screen } else { self } }
    public var showsHelp: Bool { if case .help = self { true } else { false } }
}

public struct Toast: Equatable, Sendable {
    public var text: String
    public var severity: AlertSeverity
    public var shownAt: Date
}

/// Sync as the status bar shows it.
public struct SyncStatus: Equatable, Sendable {
    public var running = false
    public var phase = ""
    public var lastFinished: Date?
    public var nextAt: Date?
    public var requestsLeft: Int?
    public var problem: String?
    /// When work deferred to stay within GetCourse's request limit goes on (nil: nothing deferred).
    public var resumesAt: Date?
    /// What the school has not switched on (on a real account): replies and verdicts wait as drafts.
    public var drafts: [String] = []
    /// Why the mirror is open read-only (a read-only folder, a full disk); nil when it syncs.
    public var readOnly: String?
}

public struct TermSize: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// Everything the dashboard shows, one part per pane; changed only by `Dashboard.update`.
public struct AppState: Sendable {
    public var size = TermSize(width: 80, height: 24)
    /// The school's name for the title bar (its own files' name, else its account's host); empty: none.
    public var schoolName = ""
    public var mode: Mode = .panes
    public var focus: Pane = .students
    /// Which pane sits under the progress pane on a wide screen: the last of alerts, chat and homework used.
    public var lowerPane: Pane = .alerts

    public var list = StudentListState()
    public var detail = DetailState()
    public var alerts = AlertsState()
    public var chat = ChatState()
    public var homework = HomeworkState()
    public var metrics = MetricsState()

    /// The status bar's counters over the whole mirror.
    public var counts = StatusCounts()
    public var toasts: [Toast] = []
    public var sync = SyncStatus()
    public var now = Date()
    public var quit = false

    public init() {}
}
