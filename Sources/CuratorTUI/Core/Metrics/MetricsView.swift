import Domain

/// The metrics screen over the panes: the period switch in the title, the laid-out lines, scrolled.
enum MetricsView {
    static func draw(_ m: MetricsState, in r: Layout.Rect, _ g: inout Grid) {
        let others = MetricsPeriod.allCases.map { $0 == m.period ? "[\($0.title)]" : $0.title }.joined(separator: " ")
        Box.draw("Показатели · \(others) — p сменить · j/k листать · Esc назад", in: r, focused: true, &g)
        guard m.figures != nil else {
            g.put("Считаем показатели по зеркалу…", x: r.x + 2, y: r.y + 1, style: .dimmed, limit: r.width - 4)
            return
        }
        let lines = m.document.lines
        let rows = r.height - 2
        let top = min(m.scroll, max(0, lines.count - rows))
        TextBlock.draw(lines, top: top, x: r.x + 2, y: r.y + 1, width: r.width - 4, height: rows, &g)
        if lines.count > rows { Box.footer("\(top + 1)–\(min(lines.count, top + rows)) из \(lines.count)", in: r, from: 18, &g) }
    }
}
