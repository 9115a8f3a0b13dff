import Domain
import Foundation

/// The dashboard's logic: a message in, the new state and the effects to run out. No I/O.
/// Messages go to the pane they belong to; keys go by mode, then to the focused pane, then to the keymap.
public enum Dashboard {
    /// Toasts leave after this long.
    public static let toastSeconds: TimeInterval = 8

    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key): return handle(key, &s)
        case .paste(let text): return paste(text, &s)
        case .resize(let size):
            s.size = size
            keepSelectionVisible(&s)
            layOutMetrics(&s)
            return []
        case .tick(let now):
            s.now = now
            s.toasts.removeAll { now.timeIntervalSince($0.shownAt) > toastSeconds }
            return []
        case .studentsLoaded(let list, let complete): return studentsLoaded(list, complete: complete, &s)
        case .detailLoaded(let detail, let progress, let alerts):
            // A detail for a student no longer selected is stale.
            guard let detail, detail.summary.id == s.list.selectedId else { return [] }
            s.detail = DetailState(student: detail, progress: progress, alerts: alerts)
            return []
        case .alertsLoaded(let lines, let counts):
            s.alerts.lines = lines
            s.alerts.selection = min(s.alerts.selection, max(0, lines.count - 1))
            s.counts = counts
            return []
        case .alertsRaised(let notices):
            raise(notices, &s)
            // The pass that raised them wrote them: its observation (`mirrorChanged`) reloads the alerts.
            return []
        case .syncProgress(let phase, let left):
            s.sync.running = true
            s.sync.phase = phase
            s.sync.requestsLeft = left
            return []
        case .syncFinished(let at, let problem, let left, let next, let resumes):
            s.sync.running = false
            s.sync.resumesAt = resumes
            s.sync.phase = ""
            s.sync.lastFinished = at
            s.sync.problem = problem
            s.sync.requestsLeft = left
            s.sync.nextAt = next
            return []
        case .mirrorChanged:
            // The homework queue only when its pane is on screen (its count comes with the alerts' counts).
            let homework: [Effect] = s.lowerPane == .homework || s.focus == .homework ? [.loadHomework] : []
            let metrics: [Effect] = s.mode.screen == .metrics ? [.loadMetrics(s.metrics.period)] : []
            return [.loadStudents, .loadAlerts] + homework + metrics + (s.list.selectedId.map { [.loadDetail($0)] } ?? [])
        case .metricsLoaded(let m): return metricsLoaded(m, &s)
        case .homeworkLoaded(let items):
            s.homework.items = items
            s.homework.selection = min(s.homework.selection, max(0, items.count - 1))
            return []
        case .homeworkDecided(let id, let problem): return homeworkDecided(id, problem: problem, &s)
        case .chatText(let tag, let text):
            appendStreamed(text, tag: tag, &s.chat)
            return []
        case .chatDone(let tag, let answer):
            finishAnswer(answer, tag: tag, &s.chat)
            return []
        case .handoffLoaded(let studentId, let lines): return openHandoff(studentId, lines, &s)
        case .replyQueued(let id, let problem): return replyQueued(id, problem: problem, &s)
        case .questionAdded(let article, let problem): return questionAdded(article, problem: problem, &s)
        }
    }

    /// New alerts from a sync pass as toasts: a handful one by one; a flood (the first sync of a school) as one count.
    private static func raise(_ notices: [AlertNotice], _ s: inout AppState) {
        let names = notices.count <= 3 ? notices.compactMap { n in s.list.students.first { $0.id == n.studentId }?.name } : []
        if names.count == notices.count {
            for (n, name) in zip(notices, names) {
                s.toasts.append(Toast(text: "\(name): \(n.detail)", severity: n.severity, shownAt: s.now))
            }
        } else {
            let high = notices.filter { $0.severity == .high }.count
            s.toasts.append(Toast(text: "Новых алертов: \(notices.count)" + (high > 0 ? ", важных: \(high)" : "") + " — a, чтобы открыть",
                                  severity: high > 0 ? .high : .warning, shownAt: s.now))
        }
        s.toasts = Array(s.toasts.suffix(3))
    }

    /// Focus on a pane: leaves the metrics screen; the alerts, chat and homework take the lower place.
    static func focus(_ pane: Pane, _ s: inout AppState) -> [Effect] {
        s.focus = pane
        if s.mode == .metrics { s.mode = .panes }
        if pane == .alerts || pane == .chat || pane == .homework { s.lowerPane = pane }
        return pane == .alerts ? [.loadAlerts] : pane == .homework ? [.loadHomework] : []
    }

    private static func paste(_ text: String, _ s: inout AppState) -> [Effect] {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        switch s.mode {
        case .filtering:
            s.list.filter.insert(unified.replacingOccurrences(of: "\n", with: " "))
            return refreshed(&s)
        case .editingNote: s.homework.note.insert(unified)
        case .panes, .metrics: if s.focus == .chat { s.chat.input.insert(unified) }
        case .help: break
        }
        return []
    }
}
