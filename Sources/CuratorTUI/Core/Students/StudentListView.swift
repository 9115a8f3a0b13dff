import Domain
import Foundation

/// The student list: a row per student (level, name, group, risk, last active, lessons, alerts),
/// the filter in the bottom border.
enum StudentListView {
    static let levelStyle: [RiskLevel: CellStyle] = [
        .high: CellStyle(color: .red, bold: true), .medium: CellStyle(color: .yellow), .low: CellStyle(color: .green),
    ]

    /// Returns the cursor position while the filter is being typed.
    static func draw(_ list: StudentListState, focused: Bool, filtering: Bool, now: Date, in r: Layout.Rect, _ g: inout Grid) -> (x: Int, y: Int)? {
        var title = "1 Ученики \(list.visible.count)"
        if !list.complete { title += " · загрузка…" }
        if list.visible.count != list.students.count { title += " из \(list.students.count)" }
        title += " · сорт.: \(list.sort.title)\(list.reversed ? " ↑" : "")"
        if let level = list.levelFilter { title += " · только \(level.russian)" }
        Box.draw(title, in: r, focused: focused, &g)
        let inner = r.width - 2
        var cursor: (x: Int, y: Int)?
        if filtering || !list.filter.text.isEmpty {
            let y = r.y + r.height - 1
            g.put("/ ", x: r.x + 2, y: y, style: CellStyle(color: .cyan, bold: true))
            let at = InputLine.draw(list.filter, style: .bold, x: r.x + 4, y: y, room: max(1, inner - 4), &g)
            if filtering { cursor = at }
        }
        // Columns: level, name (what is left), group, risk, last active, lessons done, alerts.
        let groupWidth = inner >= 70 ? 15 : 10
        let nameWidth = max(8, inner - (2 + groupWidth + 6 + 9 + 7 + 4))
        let widths = [2, nameWidth, groupWidth, 6, 9, 7, 4]
        let header = ListView.Row(cells: zip(["", "Имя", "Группа", "Риск", "Был", "Уроки", "Ал."], widths).map { ListView.Cell($0, width: $1) },
                                  style: .dimmed)
        ListView.draw([header], selected: nil, highlight: .plain, x: r.x + 1, y: r.y + 1, width: inner, height: 1, &g)
        if list.visible.isEmpty {
            g.put(list.students.isEmpty ? "Данных ещё нет: идёт первая синхронизация…" : "Никто не подходит под фильтр.", x: r.x + 2, y: r.y + 2,
                  style: .dimmed, limit: inner - 2)
            return cursor
        }
        let rows = max(1, r.height - 3)
        let shown = list.visible.dropFirst(list.scroll).prefix(rows).map { row($0, widths: widths, now: now) }
        let selected = list.selectedIndex.map { $0 - list.scroll }
        ListView.draw(shown, selected: selected, highlight: focused ? .selected : CellStyle(bold: true, underline: true),
                      x: r.x + 1, y: r.y + 2, width: inner, height: rows, &g)
        if list.visible.count > rows {
            Box.footer("\(list.scroll + 1)–\(min(list.visible.count, list.scroll + rows)) из \(list.visible.count)", in: r, from: 20, &g)
        }
        return cursor
    }

    private static func row(_ st: StudentSummary, widths: [Int], now: Date) -> ListView.Row {
        let lessons = st.lessonsDone.flatMap { done in st.lessonsTotal.map { "\(done)/\($0)" } } ?? "—"
        return ListView.Row(cells: [
            ListView.Cell(st.hasLeft ? "×" : st.level?.symbol ?? "·", width: widths[0], style: st.level.flatMap { levelStyle[$0] } ?? .plain),
            ListView.Cell(st.name, width: widths[1]),
            ListView.Cell(st.groups.first ?? "—", width: widths[2]),
            ListView.Cell(Percent.text(st.risk), width: widths[3]),
            ListView.Cell(RelativeDay.short(st.lastActiveAt, now: now), width: widths[4]),
            ListView.Cell(lessons, width: widths[5]),
            ListView.Cell(st.openAlerts > 0 ? "\(st.openAlerts)" : "", width: widths[6], style: CellStyle(color: .red, bold: true)),
        ], style: st.hasLeft ? .dimmed : .plain)
    }
}
