import Domain
import Foundation

/// The panes, in Tab order; digits 1–4 jump to them.
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

public enum StudentSortKey: String, CaseIterable, Sendable {
    case risk, name, activity, alerts

    public var title: String {
        switch self {
        case .risk: "риск"
        case .name: "имя"
        case .activity: "активность"
        case .alerts: "алерты"
        }
    }
}

/// A one-line text field with a cursor (in graphemes): the filter and the chat input.
public struct TextField: Equatable, Sendable {
    public var text = ""
    public var cursor = 0

    public init(text: String = "") {
        self.text = text
        cursor = text.count
    }

    public mutating func insert(_ s: String) {
        let i = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: s, at: i)
        cursor += s.count
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    }

    public mutating func clear() { self = TextField() }

    /// The line-editing keys both fields share (readline's where it has one: Ctrl-A/E/U/K/W).
    /// False: not an editing key.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .backspace: backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            text.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"): text.removeLast(text.count - cursor)
        case .ctrl("w"):
            // The word before the cursor and the spaces after it.
            var start = cursor
            let chars = Array(text)
            while start > 0 && chars[start - 1].isWhitespace { start -= 1 }
            while start > 0 && !chars[start - 1].isWhitespace { start -= 1 }
            text = String(chars[..<start] + chars[cursor...])
            cursor = start
        default: return false
        }
        return true
    }
}

public struct ChatEntry: Equatable, Sendable {
    /// `student`: a student's question opened from a hand-off (the text starts with their name).
    public enum Role: Sendable { case curator, assistant, note, student }
    public var role: Role
    public var text: String
    /// answer / clarify / handoff and where it came from, once the answer is complete.
    public var label: String?
    public var sources: [String] = []
}

/// A student's question the assistant handed over, open in the chat: the input holds the reply,
/// first the suggested one, which Enter queues in the outbox.
public struct ReplyDraft: Equatable, Sendable {
    /// The newest waiting message of the dialog; the reply answers all of the dialog's waiting ones.
    public var messageId: Int64
    public var studentName: String
    /// The reply as sent, while the outbox write is under way.
    public var sending: String?
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

/// Everything the dashboard shows; changed only by `update`.
public struct AppState: Sendable {
    public var size = TermSize(width: 80, height: 24)
    /// The school's name for the title bar (its own files' name, else its account's host); empty: none.
    public var schoolName = ""
    public var focus: Pane = .students
    /// Which pane sits under the progress pane on a wide screen: the last of alerts, chat and homework used.
    public var lowerPane: Pane = .alerts
    public var showHelp = false

    /// Every student from the mirror, as loaded; `visible` is the filtered, sorted view of it.
    public private(set) var students: [StudentSummary] = []
    public private(set) var visible = StudentRows()
    /// False until the whole list is in: before the first load, and while only its first page is (the title says so).
    public var studentsComplete = false
    /// Name, email, phone and groups folded (case, ё) once per load, not once per keystroke.
    private var search = StudentSearch()
    /// Positions in `students` in the current order: sorted when the list or the order changes, never per keystroke.
    private var order: [Int] = []
    private var orderedBy: SortOrder?
    /// Students still studying, by level: counted once per load, not once per frame.
    public private(set) var levelCounts: [RiskLevel: Int] = [:]
    public var filter = TextField()
    public var filterActive = false
    public var levelFilter: RiskLevel?
    public var sort: StudentSortKey = .risk
    public var reversed = false
    /// The selection is a student, not a row: it stays on them across live refreshes.
    public var selectedId: Int64?
    public var scroll = 0

    public var detail: StudentDetail?
    public var detailProgress: StudentProgress?
    public var detailAlerts: [AlertLine] = []
    /// The first open alerts (the pane shows these); the counters are over the whole mirror.
    public var alerts: [AlertLine] = []
    public var counts = StatusCounts()
    public var alertSelection = 0
    public var toasts: [Toast] = []

    public var chat: [ChatEntry] = []
    public var chatInput = TextField()
    /// The tag of the answer being streamed; replies with another tag are stale and dropped.
    public var chatTag = 0
    public var chatBusy = false
    public var replying: ReplyDraft?

    /// Checked homework: waiting for the curator first, then the latest decided.
    public var homework: [HomeworkQueueItem] = []
    public var homeworkSelection = 0
    /// The answer open in the homework pane (its text, the checker's feedback, the decision keys).
    public var homeworkOpen: Int64?
    /// The comment as the curator edits it (empty: the checker's feedback as it is); `homeworkEditing` while typed.
    public var homeworkNote = TextField()
    public var homeworkEditing = false
    /// The answer whose decision is being queued (a second key press sends nothing more).
    public var homeworkDeciding: Int64?
    /// What became of the last decision, shown in the pane.
    public var homeworkNotice: String?

    /// The metrics screen over the panes: the school's figures by `metricsPeriod`, scrolled by lines.
    public var showMetrics = false
    public var metricsPeriod: MetricsPeriod = .month
    public var metrics: SchoolMetrics?
    public var metricsScroll = 0

    public var sync = SyncStatus()
    public var now = Date()
    public var quit = false

    public init() {}

    /// Recomputes `visible` from the students, the filter, the level filter and the sort; the
    /// selection stays on its student when they are still visible, else moves to the first row.
    public mutating func setStudents(_ list: [StudentSummary]) {
        students = list
        search = StudentSearch(list.map { TextFold.key(([$0.name, $0.email, $0.phone] + $0.groups).joined(separator: " ")) })
        orderedBy = nil
        levelCounts = [:]
        for s in list where !s.hasLeft { if let level = s.level { levelCounts[level, default: 0] += 1 } }
        refreshVisible()
    }

    public mutating func refreshVisible() {
        let wanted = SortOrder(key: sort, reversed: reversed)
        if orderedBy != wanted {
            order = Self.sorted(students, by: wanted)
            orderedBy = wanted
        }
        let words = filter.text.split(whereSeparator: \.isWhitespace).map { TextFold.key(String($0)) }
        let matching = words.isEmpty ? nil : search.matches(words)
        var rows: [Int] = []
        rows.reserveCapacity(order.count)
        for i in order {
            if let levelFilter, students[i].level != levelFilter { continue }
            if let matching, !matching[i] { continue }
            rows.append(i)
        }
        visible = StudentRows(all: students, rows: rows)
        if let id = selectedId, rows.contains(where: { students[$0].id == id }) { return }
        selectedId = rows.first.map { students[$0].id }
        scroll = 0
    }

    struct SortOrder: Equatable {
        var key: StudentSortKey
        var reversed: Bool
    }

    /// A stable order with the id as the last key: equal rows never swap between refreshes.
    /// Students who have left are history, not work: they go last whatever the order.
    static func sorted(_ students: [StudentSummary], by o: SortOrder) -> [Int] {
        // The keys are taken out first: comparing whole summaries copies them, a second at 100k.
        // Numbers sort descending (most at risk, latest active, most alerts first); names ascending,
        // as folded text (Cyrillic letters are in alphabetical order by code point once ё is е).
        let left = students.map(\.hasLeft), ids = students.map(\.id)
        let names = o.key == .name ? students.map { TextFold.key($0.name) } : []
        let values: [Double] = switch o.key {
        case .risk: students.map { $0.risk ?? -1 }
        case .activity: students.map { $0.lastActiveAt?.timeIntervalSince1970 ?? -.infinity }
        case .alerts: students.map { Double($0.openAlerts) }
        case .name: []
        }
        return students.indices.sorted { i, j in
            if left[i] != left[j] { return left[j] }
            let order: Bool? = o.key == .name ? (names[i] == names[j] ? nil : names[i] < names[j])
                : (values[i] == values[j] ? nil : values[i] > values[j])
            guard let order else { return ids[i] < ids[j] }
            return order != o.reversed
        }
    }

    public var selectedIndex: Int? { selectedId.flatMap(visible.position(of:)) }

    /// The homework answer open in its pane.
    public var openHomework: HomeworkQueueItem? { homeworkOpen.flatMap { id in homework.first { $0.answerId == id } } }
}
