import Domain
import Foundation

/// The dashboard's logic: a message in, the new state and the effects to run out. No I/O.
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
            return []
        case .tick(let now):
            s.now = now
            s.toasts.removeAll { now.timeIntervalSince($0.shownAt) > toastSeconds }
            return []
        case .studentsLoaded(let list, let complete):
            // A first page never replaces a whole list (a later load that lost the race).
            if !complete && s.studentsComplete { return [] }
            let before = s.selectedId
            s.setStudents(list)
            s.studentsComplete = complete
            keepSelectionVisible(&s)
            return s.selectedId != before || s.detail == nil ? s.selectedId.map { [.loadDetail($0)] } ?? [] : []
        case .detailLoaded(let detail, let progress, let alerts):
            // A detail for a student no longer selected is stale.
            guard let detail, detail.summary.id == s.selectedId else { return [] }
            s.detail = detail
            s.detailProgress = progress
            s.detailAlerts = alerts
            return []
        case .alertsLoaded(let alerts, let counts):
            s.alerts = alerts
            s.counts = counts
            s.alertSelection = min(s.alertSelection, max(0, alerts.count - 1))
            return []
        case .alertsRaised(let notices):
            // A handful is shown one by one; a flood (the first sync of a school) as one count.
            let names = notices.count <= 3 ? notices.compactMap { n in s.students.first { $0.id == n.studentId }?.name } : []
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
            let metrics: [Effect] = s.showMetrics ? [.loadMetrics(s.metricsPeriod)] : []
            return [.loadStudents, .loadAlerts] + homework + metrics + (s.selectedId.map { [.loadDetail($0)] } ?? [])
        case .metricsLoaded(let m):
            // Figures for a period the curator has switched away from are stale.
            guard m.period == s.metricsPeriod else { return [] }
            s.metrics = m
            clampMetricsScroll(&s)
            return []
        case .homeworkLoaded(let items):
            s.homework = items
            s.homeworkSelection = min(s.homeworkSelection, max(0, items.count - 1))
            return []
        case .homeworkDecided(let id, let problem):
            guard s.homeworkDeciding == id else { return [] }
            s.homeworkDeciding = nil
            if let problem {
                s.homeworkNotice = "Не сохранено: \(problem)"
                return []
            }
            s.homeworkNotice = "Решение сохранено: уйдёт в GetCourse с синхронизацией."
            s.homeworkOpen = nil
            s.homeworkNote.clear()
            // The verdict leaves with the next pass: start it now.
            s.sync.running = true
            return [.syncNow]
        case .chatText(let tag, let text):
            guard tag == s.chatTag, s.chatBusy, let last = s.chat.indices.last, s.chat[last].role == .assistant else { return [] }
            s.chat[last].text += text
            return []
        case .chatDone(let tag, let answer):
            guard tag == s.chatTag, s.chatBusy, let last = s.chat.indices.last else { return [] }
            s.chatBusy = false
            if !answer.keepsStreamedText || s.chat[last].text.isEmpty { s.chat[last].text = answer.text }
            s.chat[last].label = answer.label
            s.chat[last].sources = answer.sources
            if let note = answer.note { s.chat.insert(ChatEntry(role: .note, text: note), at: last) }
            return []
        case .handoffLoaded(let studentId, let lines):
            return openHandoff(studentId, lines, &s)
        case .replyQueued(let id, let problem):
            guard var draft = s.replying, draft.messageId == id else { return [] }
            if let problem {
                draft.sending = nil
                s.replying = draft
                s.chat.append(ChatEntry(role: .note, text: "Ответ не поставлен в очередь: \(problem)"))
                return []
            }
            s.chat.append(ChatEntry(role: .curator, text: draft.sending ?? "", label: "ответ ученику \(draft.studentName) · уйдёт в GetCourse с синхронизацией"))
            s.chatInput.clear()
            s.replying = nil
            // The reply leaves with the next pass: start it now rather than in a few minutes.
            s.sync.running = true
            return [.syncNow]
        }
    }

    /// The student's waiting questions arrive: the newest dialog's messages go into the chat with
    /// why the assistant handed them over, and its suggested answer into the input line.
    private static func openHandoff(_ studentId: Int64, _ lines: [StudentQuestionLine], _ s: inout AppState) -> [Effect] {
        guard let newest = lines.first else {
            s.chat.append(ChatEntry(role: .note, text: "У ученика нет вопросов, ждущих куратора: на них уже ответили."))
            return []
        }
        let messages = lines.filter { $0.dialogId == newest.dialogId }.reversed()
        s.chat.append(ChatEntry(role: .student, text: "\(newest.studentName): " + messages.map(\.text).joined(separator: "\n")))
        let why: String = switch newest.action {
        case .handoff: (newest.reason.flatMap(AssistantReply.HandoffReason.init(rawValue:)) ?? .unsure).russian
        case .clarify: "ассистент не уверен, о чём вопрос"
        default: "автоматический ответ не удалось отправить"
        }
        let hint = newest.suggested.isEmpty ? "Напишите ответ" : "Предложенный ответ — в строке ввода: правьте его (Ctrl-U — стереть)"
        s.chat.append(ChatEntry(role: .note, text: "Передано куратору: \(why). \(hint); Enter — отправить ученику, Esc — не отвечать."))
        s.replying = ReplyDraft(messageId: newest.messageId, studentName: newest.studentName)
        s.chatInput = TextField(text: newest.suggested)
        _ = focus(.chat, &s)
        return []
    }

    // MARK: - Keys

    private static func handle(_ key: Key, _ s: inout AppState) -> [Effect] {
        if key == .ctrl("c") { s.quit = true; return [] }
        if s.showHelp {
            if [.escape, .char("?"), .f(1), .char("q"), .char("й"), .char(","), .enter].contains(key) { s.showHelp = false }
            return []
        }
        if s.filterActive { return filterKey(key, &s) }
        if s.showMetrics, let effects = metricsKey(key, &s) { return effects }
        if s.focus == .chat, let effects = chatKey(key, &s) { return effects }
        if s.focus == .homework, let effects = homeworkKey(key, &s) { return effects }
        if case .char(let c) = key, let digit = c.wholeNumberValue, let pane = Pane(rawValue: digit) { return focus(pane, &s) }
        guard let command = Command.find(key) ?? Command.find(key.latinEquivalent) else {
            if key == .escape { s.focus = .students }
            return []
        }
        return run(command, &s)
    }

    private static func run(_ command: Command, _ s: inout AppState) -> [Effect] {
        switch command {
        case .help: s.showHelp = true
        case .quit: s.quit = true
        case .filter:
            s.filterActive = true
            s.showMetrics = false
            s.focus = .students
        case .levelFilter:
            s.levelFilter = switch s.levelFilter { case nil: .high; case .high: .medium; case .medium: .low; case .low: nil }
            return refreshed(&s)
        case .sort:
            let all = StudentSortKey.allCases
            s.sort = all[(all.firstIndex(of: s.sort)! + 1) % all.count]
            s.reversed = false
            return refreshed(&s)
        case .reverseSort:
            s.reversed.toggle()
            return refreshed(&s)
        case .down: return move(1, &s)
        case .up: return move(-1, &s)
        case .pageDown: return move(Layout(s.size).studentRows, &s)
        case .pageUp: return move(-Layout(s.size).studentRows, &s)
        case .top: return move(-Int.max / 2, &s)
        case .bottom: return move(Int.max / 2, &s)
        case .nextPane, .previousPane:
            let all = Pane.allCases
            let i = all.firstIndex(of: s.focus)! + (command == .nextPane ? 1 : all.count - 1)
            return focus(all[i % all.count], &s)
        case .open:
            if s.focus == .alerts, s.alerts.indices.contains(s.alertSelection) {
                let alert = s.alerts[s.alertSelection].alert
                let id = alert.studentId
                if s.visible.position(of: id) != nil {
                    s.selectedId = id
                    keepSelectionVisible(&s)
                }
                // A hand-off opens in the chat, to answer; any other alert opens the student's progress.
                if alert.rule == .handoff {
                    _ = focus(.chat, &s)
                    return [.loadDetail(id), .loadHandoff(studentId: id)]
                }
                s.focus = .progress
                return [.loadDetail(id)]
            }
            if s.focus == .homework, s.homeworkOpen == nil, s.homework.indices.contains(s.homeworkSelection) {
                s.homeworkOpen = s.homework[s.homeworkSelection].answerId
                s.homeworkNote.clear()
                s.homeworkNotice = nil
                return []
            }
            if s.focus == .students { s.focus = .progress }
        case .alerts: return focus(.alerts, &s)
        case .chat: return focus(.chat, &s)
        case .homework: return focus(.homework, &s)
        case .acceptHomework, .declineHomework: return decideHomework(command == .acceptHomework ? .accept : .decline, &s)
        case .editHomeworkNote:
            guard s.focus == .homework, let item = s.openHomework, item.waitsForReview else { return [] }
            // The first edit starts from the checker's feedback; the verdict's closing line is added on y or d.
            if s.homeworkNote.text.isEmpty { s.homeworkNote = TextField(text: HomeworkFeedback.body(item.check)) }
            s.homeworkEditing = true
        case .metrics:
            s.showMetrics = true
            s.metricsScroll = 0
            return [.loadMetrics(s.metricsPeriod)]
        case .metricsPeriod:
            guard s.showMetrics else { return [] }
            s.metricsPeriod = s.metricsPeriod.next
            return [.loadMetrics(s.metricsPeriod)]
        case .syncNow:
            s.sync.running = true
            return [.syncNow]
        case .acknowledge, .notUseful:
            guard s.focus == .alerts, s.alerts.indices.contains(s.alertSelection), let id = s.alerts[s.alertSelection].alert.id else { return [] }
            return [command == .acknowledge ? .acknowledge(alertId: id) : .markNotUseful(alertId: id)]
        }
        return []
    }

    private static func focus(_ pane: Pane, _ s: inout AppState) -> [Effect] {
        s.focus = pane
        s.showMetrics = false
        if pane == .alerts || pane == .chat || pane == .homework { s.lowerPane = pane }
        return pane == .alerts ? [.loadAlerts] : pane == .homework ? [.loadHomework] : []
    }

    private static func move(_ delta: Int, _ s: inout AppState) -> [Effect] {
        if s.focus == .alerts {
            s.alertSelection = max(0, min(s.alerts.count - 1, s.alertSelection + delta))
            return []
        }
        if s.focus == .homework {
            if s.homeworkOpen == nil { s.homeworkSelection = max(0, min(s.homework.count - 1, s.homeworkSelection + delta)) }
            return []
        }
        guard !s.visible.isEmpty else { return [] }
        let i = max(0, min(s.visible.count - 1, (s.selectedIndex ?? 0) + delta))
        let id = s.visible[i].id
        guard id != s.selectedId else { return [] }
        s.selectedId = id
        keepSelectionVisible(&s)
        return [.loadDetail(id)]
    }

    private static func refreshed(_ s: inout AppState) -> [Effect] {
        let before = s.selectedId
        s.refreshVisible()
        keepSelectionVisible(&s)
        return s.selectedId != before ? s.selectedId.map { [.loadDetail($0)] } ?? [] : []
    }

    static func keepSelectionVisible(_ s: inout AppState) {
        let rows = Layout(s.size).studentRows
        guard let i = s.selectedIndex else { s.scroll = 0; return }
        if i < s.scroll { s.scroll = i }
        if i >= s.scroll + rows { s.scroll = i - rows + 1 }
        s.scroll = max(0, min(s.scroll, max(0, s.visible.count - rows)))
    }

    private static func filterKey(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            s.filter.clear()
            s.filterActive = false
        case .enter: s.filterActive = false
        case .up: return move(-1, &s)
        case .down: return move(1, &s)
        case .f(10): s.quit = true
        default: guard s.filter.edit(key) else { return [] }
        }
        return refreshed(&s)
    }

    /// Keys the chat input takes; nil passes the key on to the commands (Tab, F-keys).
    private static func chatKey(_ key: Key, _ s: inout AppState) -> [Effect]? {
        switch key {
        case .escape:
            if s.chatBusy {
                s.chatBusy = false
                if let last = s.chat.indices.last { s.chat[last].label = "отменено" }
                return [.cancelAsk(tag: s.chatTag)]
            }
            if let draft = s.replying, draft.sending == nil {
                s.replying = nil
                s.chatInput.clear()
                s.chat.append(ChatEntry(role: .note, text: "Ответ \(draft.studentName) не отправлен: вопрос ждёт в алертах."))
                return []
            }
            s.focus = .students
        case .enter:
            let text = s.chatInput.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if var draft = s.replying {
                guard !text.isEmpty, draft.sending == nil else { return [] }
                draft.sending = text
                s.replying = draft
                return [.sendReply(messageId: draft.messageId, text: text)]
            }
            let question = text
            guard !question.isEmpty, !s.chatBusy else { return [] }
            s.chat.append(ChatEntry(role: .curator, text: question))
            s.chat.append(ChatEntry(role: .assistant, text: ""))
            s.chatInput.clear()
            s.chatTag += 1
            s.chatBusy = true
            return [.ask(tag: s.chatTag, question: question)]
        default: guard s.chatInput.edit(key) else { return nil }
        }
        return []
    }

    /// Keys the metrics screen takes itself: paging, m or Esc back to the panes. The rest (the period
    /// switch, quit, help, a pane's key, which also leaves the screen) go on to the keymap.
    private static func metricsKey(_ key: Key, _ s: inout AppState) -> [Effect]? {
        if key == .escape {
            s.showMetrics = false
            return []
        }
        let page = max(1, Layout(s.size).body.height - 3)
        let command = Command.find(key) ?? Command.find(key.latinEquivalent)
        if command == .metrics {
            s.showMetrics = false
            return []
        }
        let step: Int? = switch command {
        case .down: 1
        case .up: -1
        case .pageDown: page
        case .pageUp: -page
        case .top: -Int.max / 2
        case .bottom: Int.max / 2
        default: nil
        }
        guard let step else { return nil }
        s.metricsScroll = max(0, min(Int.max / 2, s.metricsScroll) + step)
        clampMetricsScroll(&s)
        return []
    }

    /// The top line stays within the screen's lines (so paging back starts at once after the end).
    private static func clampMetricsScroll(_ s: inout AppState) {
        let body = Layout(s.size).body
        let lines = metricsLines(s, width: body.width - 4).count
        s.metricsScroll = max(0, min(s.metricsScroll, lines - (body.height - 2)))
    }

    /// Keys the homework pane takes itself: the comment being edited (Enter finishes, Esc drops the
    /// edit), Esc back to the list; nil passes the key on.
    private static func homeworkKey(_ key: Key, _ s: inout AppState) -> [Effect]? {
        if s.homeworkEditing {
            switch key {
            case .enter: s.homeworkEditing = false
            case .escape:
                s.homeworkEditing = false
                s.homeworkNote.clear()
            default: _ = s.homeworkNote.edit(key)
            }
            return []
        }
        if key == .escape, s.homeworkOpen != nil {
            s.homeworkOpen = nil
            s.homeworkNote.clear()
            return []
        }
        return nil
    }

    /// The curator's verdict on the open answer: the comment as they edited it (else the checker's
    /// feedback), closed for the verdict.
    private static func decideHomework(_ outcome: HomeworkPolicy.Outcome, _ s: inout AppState) -> [Effect] {
        guard s.focus == .homework, s.homeworkDeciding == nil, let item = s.openHomework, item.waitsForReview, let status = outcome.status else { return [] }
        let edited = s.homeworkNote.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let comment = HomeworkFeedback.comment(item.check, outcome: outcome, body: edited.isEmpty ? nil : edited)
        s.homeworkDeciding = item.answerId
        s.homeworkNotice = nil
        return [.decideHomework(answerId: item.answerId, status: status, comment: comment)]
    }

    private static func paste(_ text: String, _ s: inout AppState) -> [Effect] {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if s.filterActive {
            s.filter.insert(unified.replacingOccurrences(of: "\n", with: " "))
            return refreshed(&s)
        }
        if s.focus == .chat && !s.showHelp { s.chatInput.insert(unified) }
        if s.homeworkEditing && !s.showHelp { s.homeworkNote.insert(unified) }
        return []
    }
}
