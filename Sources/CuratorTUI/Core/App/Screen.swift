import Domain

/// A drawn frame and where the terminal cursor goes (in a focused text field), if anywhere.
public struct Frame: Sendable {
    public var grid: Grid
    public var cursor: (x: Int, y: Int)?
}

extension Dashboard {
    /// The whole screen from the state. Pure: the same state and size give the same cells.
    public static func view(_ s: AppState) -> Frame {
        var g = Grid(width: s.size.width, height: s.size.height)
        if Layout.tooSmall(s.size) {
            let lines = ["Терминал слишком мал: \(s.size.width)×\(s.size.height),", "нужно не меньше \(Layout.minWidth)×\(Layout.minHeight).", "q — выход"]
            for (i, line) in lines.enumerated() { g.put(line, x: 0, y: max(0, s.size.height / 2 - 1) + i - 1) }
            return Frame(grid: g, cursor: nil)
        }
        let layout = Layout(s.size)
        var cursor: (x: Int, y: Int)?
        Chrome.titleBar(s, &g)
        if s.mode.screen == .metrics {
            MetricsView.draw(s.metrics, in: layout.body, &g)
        } else if let r = layout.single {
            cursor = pane(s.focus, s, in: r, &g)
        } else {
            cursor = pane(.students, s, in: layout.students!, &g)
            _ = pane(.progress, s, in: layout.progress!, &g)
            cursor = pane(s.lowerPane == .chat || s.lowerPane == .homework ? s.lowerPane : .alerts, s, in: layout.lower!, &g) ?? cursor
        }
        Chrome.statusBar(s, &g)
        Chrome.toasts(s.toasts, &g)
        if s.mode.showsHelp { Chrome.help(&g) }
        return Frame(grid: g, cursor: s.mode.showsHelp ? nil : cursor)
    }

    /// One pane in its area, from its own part of the state; the cursor when it has a text field in use.
    private static func pane(_ pane: Pane, _ s: AppState, in r: Layout.Rect, _ g: inout Grid) -> (x: Int, y: Int)? {
        let focused = s.focus == pane
        switch pane {
        case .students: return StudentListView.draw(s.list, focused: focused, filtering: s.mode.screen == .filtering, now: s.now, in: r, &g)
        case .progress: ProgressView.draw(s.detail, selectedId: s.list.selectedId, focused: focused, now: s.now, in: r, &g)
        case .alerts: AlertsView.draw(s.alerts, open: s.counts.openAlerts, focused: focused, in: r, &g)
        case .chat: return ChatView.draw(s.chat, focused: focused, in: r, &g)
        case .homework:
            return HomeworkView.draw(s.homework, waiting: s.counts.homeworkWaiting, focused: focused, editing: s.mode.screen == .editingNote, now: s.now, in: r, &g)
        }
        return nil
    }
}
