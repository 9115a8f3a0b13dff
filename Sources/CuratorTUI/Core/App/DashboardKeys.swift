import Domain

/// Keys, by mode: the help overlay and the text being typed take them first, then the focused
/// pane, then the keymap's commands.
extension Dashboard {
    static func handle(_ key: Key, _ s: inout AppState) -> [Effect] {
        if key == .ctrl("c") { s.quit = true; return [] }
        switch s.mode {
        case .help(let behind):
            if [.escape, .char("?"), .f(1), .char("q"), .char("й"), .char(","), .enter].contains(key) { s.mode = behind }
            return []
        case .filtering: return filterKey(key, &s)
        case .editingNote: return noteKey(key, &s)
        case .metrics: if let effects = metricsKey(key, &s) { return effects }
        case .panes: break
        }
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
        case .help: s.mode = .help(behind: s.mode)
        case .quit: s.quit = true
        case .filter:
            s.mode = .filtering
            s.focus = .students
        case .levelFilter, .sort, .reverseSort: return listCommand(command, &s)
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
            switch s.focus {
            case .alerts: return openAlert(&s)
            case .homework: openHomework(&s)
            case .students: s.focus = .progress
            default: break
            }
        case .alerts: return focus(.alerts, &s)
        case .chat: return focus(.chat, &s)
        case .homework: return focus(.homework, &s)
        case .acceptHomework, .declineHomework: return decideHomework(command == .acceptHomework ? .accept : .decline, &s)
        case .editHomeworkNote: editNote(&s)
        case .metrics: return openMetrics(&s)
        case .metricsPeriod: return nextMetricsPeriod(&s)
        case .syncNow:
            s.sync.running = true
            return [.syncNow]
        case .acknowledge, .notUseful: return markAlert(command, &s)
        }
        return []
    }

    /// Up and down move within the focused pane's list.
    private static func move(_ delta: Int, _ s: inout AppState) -> [Effect] {
        switch s.focus {
        case .alerts:
            s.alerts.selection = max(0, min(s.alerts.lines.count - 1, s.alerts.selection + delta))
            return []
        case .homework:
            if s.homework.openId == nil { s.homework.selection = max(0, min(s.homework.items.count - 1, s.homework.selection + delta)) }
            return []
        default: return moveStudent(delta, &s)
        }
    }
}
