import Domain

/// The open alerts, a line each: severity, student, what happened, and what the curator marked.
enum AlertsView {
    static func draw(_ alerts: AlertsState, open: Int, focused: Bool, in r: Layout.Rect, _ g: inout Grid) {
        Box.draw("3 Алерты \(open) · x принят · n бесполезен · Enter — открыть", in: r, focused: focused, &g)
        if alerts.lines.isEmpty {
            g.put("Открытых алертов нет.", x: r.x + 2, y: r.y + 1, style: .dimmed, limit: r.width - 4)
            return
        }
        let rows = r.height - 2
        let top = ListView.firstRow(selection: alerts.selection, count: alerts.lines.count, rows: rows)
        ListView.draw(alerts.lines.dropFirst(top).prefix(max(0, rows)).map { row($0, width: r.width - 2) }, selected: focused ? alerts.selection - top : nil,
                      highlight: .selected,
                      x: r.x + 1, y: r.y + 1, width: r.width - 2, height: rows, &g)
    }

    /// A margin, the mark, the text; a column kept free before the border.
    private static func row(_ line: AlertLine, width: Int) -> ListView.Row {
        let a = line.alert
        let high = a.rule.severity == .high
        let state = a.state == .acknowledged ? " (принят)" : a.state == .notUseful ? " (бесполезен)" : ""
        return ListView.Row(cells: [
            ListView.Cell("", width: 1),
            ListView.Cell(high ? "▲" : "●", width: 2, style: high ? CellStyle(color: .red, bold: true) : CellStyle(color: .yellow)),
            ListView.Cell("\(line.studentName) — \(a.detail)\(state)", width: width - 3),
        ], style: a.state == .open ? .plain : .dimmed)
    }
}
