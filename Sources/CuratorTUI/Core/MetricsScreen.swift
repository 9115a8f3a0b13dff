import Domain
import Foundation

/// The metrics screen: the school's figures as bar charts, sparklines and tables, drawn as lines
/// of styled text so `update` can page through them with the same count the view draws.
extension Dashboard {
    typealias Segment = (text: String, style: CellStyle)

    /// The screen's lines at a width; empty until the first figures arrive.
    static func metricsLines(_ s: AppState, width: Int) -> [[Segment]] {
        guard let m = s.metrics else { return [] }
        let heading = CellStyle(color: .cyan, bold: true)
        var out: [[Segment]] = []
        func line(_ parts: Segment...) { out.append(parts) }
        func gap() { out.append([]) }
        let labelWidth = max(12, (m.periods.map { Grid.width(of: MetricsText.periodLabel($0)) }.max() ?? 0) + 1)
        func label(_ f: PeriodFigures) -> String { pad(MetricsText.periodLabel(f), labelWidth) }

        // Students: active per period as bars, with retention beside.
        line(("Активные ученики и удержание (доля активных, вернувшихся в следующем периоде; * — он ещё идёт)", heading))
        let barWidth = max(6, min(50, width - labelWidth - 28))
        let maxActive = Double(m.periods.map(\.activeStudents).max() ?? 0)
        for f in m.periods {
            let bar = BarChart.bar(Double(f.activeStudents), maximum: maxActive, width: barWidth)
            line((label(f), f.complete ? .plain : .bold), (pad(bar, barWidth), CellStyle(color: .cyan)),
                 (" " + leftPad("\(f.activeStudents)", 5), .bold), ("  удерж. " + MetricsText.retention(f), .plain))
        }
        func trend(_ name: String, _ values: [Int], total: String) {
            line((pad(name, labelWidth), .plain), (Sparkline.of(values, maximum: values.max() ?? 0), CellStyle(color: .cyan)), ("  всего " + total, .dimmed))
        }
        trend("Новые", m.periods.map(\.newStudents), total: "\(m.total.newStudents)")
        trend("Выбыли", m.periods.map(\.dropouts), total: "\(m.total.dropouts)")
        trend("Выручка", m.periods.map { Int($0.revenueKopecks / 100) }, total: MetricsText.rub(kopecks: m.total.revenueKopecks))
        gap()

        // Speed and workload: the last two periods and the whole range.
        let columns = Array(m.periods.suffix(width >= 100 ? 2 : 1)) + [m.total]
        let cell = max(16, min(30, (width - 28) / columns.count))
        func row(_ name: String, _ value: (PeriodFigures) -> String) {
            var parts: [Segment] = [(pad("  " + name, 28), .plain)]
            for f in columns { parts.append((pad(value(f), cell), .plain)) }
            out.append(parts)
        }
        var header: [Segment] = [(pad("Скорость (медиана / p90)", 28), heading)]
        for f in columns { header.append((pad(f == m.total ? "всего" : MetricsText.periodLabel(f), cell), .bold)) }
        out.append(header)
        row("проверка домашки: авто") { MetricsText.medianAndP90($0.homeworkAutomatic) }
        row("проверка домашки: люди") { MetricsText.medianAndP90($0.homeworkHuman) }
        row("ответ ученику: ассистент") { MetricsText.medianAndP90($0.repliesAssistant) }
        row("ответ ученику: куратор") { MetricsText.medianAndP90($0.repliesCurator) }
        row("решено ассистентом") { $0.assistantSeen == 0 ? "—" : "\(MetricsText.percent($0.resolutionRate)) из \($0.assistantSeen)" }
        line(("Нагрузка куратора в день", heading))
        row("передано куратору") { MetricsText.decimal($0.perDay($0.handoffs)) }
        row("алертов") { MetricsText.decimal($0.perDay($0.alertsOpened)) }
        row("домашек на проверку") { MetricsText.decimal($0.perDay($0.reviewsQueued)) }
        gap()

        if !m.cohorts.isEmpty {
            line(("Когорты: доля активных по периодам с зачисления (+0 — период зачисления)", heading))
            let columns = min(m.cohorts.map(\.active.count).max() ?? 0, max(1, (width - labelWidth - 8) / 5))
            var head: [Segment] = [(pad("", labelWidth) + leftPad("уч.", 5), .dimmed)]
            for k in 0..<columns { head.append((leftPad("+\(k)", 5), .dimmed)) }
            out.append(head)
            for c in m.cohorts {
                var parts: [Segment] = [(pad(c.cohort, labelWidth) + leftPad("\(c.size)", 5), .plain)]
                for share in c.active.prefix(columns) { parts.append((leftPad(MetricsText.percent(share), 5), share >= 0.75 ? .bold : .plain)) }
                out.append(parts)
            }
            gap()
        }

        line(("Деньги за \(m.total.period.label)", heading))
        for l in MetricsText.roiLines(m.roi) {
            let lead = pad("  " + l.label, 22) + pad(l.value, 18)
            let room = max(10, width - Grid.width(of: lead))
            for (i, b) in wrap(l.basis, width: room).enumerated() {
                out.append(i == 0 ? [(lead, l.label == "Итог" ? .bold : .plain), (b, .dimmed)] : [(pad("", Grid.width(of: lead)) + b, .dimmed)])
            }
        }
        line(("  Допущения: флаги `curator dashboard --help` или config.json, раздел roi.", .dimmed))
        return out
    }

    static func metricsScreen(_ s: AppState, _ r: Layout.Rect, _ g: inout Grid) {
        let others = MetricsPeriod.allCases.map { $0 == s.metricsPeriod ? "[\($0.title)]" : $0.title }.joined(separator: " ")
        box("Показатели · \(others) — p сменить · j/k листать · Esc назад", r, focused: true, &g)
        let inner = r.width - 4
        guard s.metrics != nil else {
            g.put("Считаем показатели по зеркалу…", x: r.x + 2, y: r.y + 1, style: .dimmed, limit: inner)
            return
        }
        let lines = metricsLines(s, width: inner)
        let rows = r.height - 2
        let top = min(s.metricsScroll, max(0, lines.count - rows))
        for (i, parts) in lines.dropFirst(top).prefix(rows).enumerated() {
            var x = r.x + 2
            for p in parts where x < r.x + 2 + inner { x += g.put(p.text, x: x, y: r.y + 1 + i, style: p.style, limit: r.x + 2 + inner - x) }
        }
        if lines.count > rows {
            g.put(" \(top + 1)–\(min(lines.count, top + rows)) из \(lines.count) ", x: r.x + r.width - 18, y: r.y + r.height - 1, style: .dimmed)
        }
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        let w = Grid.width(of: s)
        return w >= width ? s + " " : s + String(repeating: " ", count: width - w)
    }

    private static func leftPad(_ s: String, _ width: Int) -> String {
        let w = Grid.width(of: s)
        return w >= width ? s : String(repeating: " ", count: width - w) + s
    }
}
