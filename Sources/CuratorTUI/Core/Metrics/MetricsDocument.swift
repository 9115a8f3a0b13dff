import Domain
import Foundation

/// The metrics screen's content: the school's figures as bar charts, sparklines and tables, laid
/// out as lines of styled text at a width, so `update` pages through the same lines the view draws.
public struct MetricsDocument: Sendable {
    public private(set) var lines: [[Span]] = []

    public init() {}

    public init(_ m: SchoolMetrics, width: Int) { lines = Self.lines(m, width: width) }

    private static func lines(_ m: SchoolMetrics, width: Int) -> [[Span]] {
        let heading = CellStyle(color: .cyan, bold: true)
        var out: [[Span]] = []
        func line(_ parts: Span...) { out.append(parts) }
        func gap() { out.append([]) }
        let labelWidth = max(12, (m.periods.map { Grid.width(of: MetricsText.periodLabel($0)) }.max() ?? 0) + 1)
        func label(_ f: PeriodFigures) -> String { TextBlock.pad(MetricsText.periodLabel(f), labelWidth) }

        // Students: active per period as bars, with retention beside.
        line(("Активные ученики и удержание (доля активных, вернувшихся в следующем периоде; * — он ещё идёт)", heading))
        let barWidth = max(6, min(50, width - labelWidth - 28))
        let maxActive = Double(m.periods.map(\.activeStudents).max() ?? 0)
        for f in m.periods {
            let bar = BarChart.bar(Double(f.activeStudents), maximum: maxActive, width: barWidth)
            line((label(f), f.complete ? .plain : .bold), (bar + String(repeating: " ", count: max(0, barWidth - Grid.width(of: bar))), CellStyle(color: .cyan)),
                 (" " + TextBlock.leftPad("\(f.activeStudents)", 5), .bold), ("  удерж. " + MetricsText.retention(f), .plain))
        }
        func trend(_ name: String, _ values: [Int], total: String) {
            line((TextBlock.pad(name, labelWidth), .plain), (Sparkline.of(values, maximum: values.max() ?? 0), CellStyle(color: .cyan)), ("  всего " + total, .dimmed))
        }
        trend("Новые", m.periods.map(\.newStudents), total: "\(m.total.newStudents)")
        trend("Выбыли", m.periods.map(\.dropouts), total: "\(m.total.dropouts)")
        trend("Выручка", m.periods.map { Int($0.revenueKopecks / 100) }, total: MetricsText.rub(kopecks: m.total.revenueKopecks))
        gap()

        // Speed and workload: the last two periods and the whole range.
        let columns = Array(m.periods.suffix(width >= 100 ? 2 : 1)) + [m.total]
        let cell = max(16, min(30, (width - 28) / columns.count))
        func row(_ name: String, _ value: (PeriodFigures) -> String) {
            var parts: [Span] = [(TextBlock.pad("  " + name, 28), .plain)]
            for f in columns { parts.append((TextBlock.pad(value(f), cell), .plain)) }
            out.append(parts)
        }
        var header: [Span] = [(TextBlock.pad("Скорость (медиана / p90)", 28), heading)]
        for f in columns { header.append((TextBlock.pad(f == m.total ? "всего" : MetricsText.periodLabel(f), cell), .bold)) }
        out.append(header)
        row("проверка домашки: авто") { MetricsText.medianAndP90($0.homeworkAutomatic) }
        row("проверка домашки: люди") { MetricsText.medianAndP90($0.homeworkHuman) }
        row("ответ ученику: ассистент") { MetricsText.medianAndP90($0.repliesAssistant) }
        row("ответ ученику: куратор") { MetricsText.medianAndP90($0.repliesCurator) }
        row("решено ассистентом") { $0.assistantSeen == 0 ? "—" : "\(Percent.text($0.resolutionRate)) из \($0.assistantSeen)" }
        line(("Нагрузка куратора в день", heading))
        row("передано куратору") { MetricsText.decimal($0.perDay($0.handoffs)) }
        row("алертов") { MetricsText.decimal($0.perDay($0.alertsOpened)) }
        row("домашек на проверку") { MetricsText.decimal($0.perDay($0.reviewsQueued)) }
        gap()

        if !m.cohorts.isEmpty {
            line(("Когорты: доля активных по периодам с зачисления (+0 — период зачисления)", heading))
            let columns = min(m.cohorts.map(\.active.count).max() ?? 0, max(1, (width - labelWidth - 8) / 5))
            var head: [Span] = [(TextBlock.pad("", labelWidth) + TextBlock.leftPad("уч.", 5), .dimmed)]
            for k in 0..<columns { head.append((TextBlock.leftPad("+\(k)", 5), .dimmed)) }
            out.append(head)
            for c in m.cohorts {
                var parts: [Span] = [(TextBlock.pad(c.cohort, labelWidth) + TextBlock.leftPad("\(c.size)", 5), .plain)]
                for share in c.active.prefix(columns) { parts.append((TextBlock.leftPad(Percent.text(share), 5), share >= 0.75 ? .bold : .plain)) }
                out.append(parts)
            }
            gap()
        }

        line(("Деньги за \(m.total.period.label)", heading))
        for l in MetricsText.roiLines(m.roi) {
            let lead = TextBlock.pad("  " + l.label, 22) + TextBlock.pad(l.value, 18)
            let room = max(10, width - Grid.width(of: lead))
            for (i, b) in TextBlock.wrap(l.basis, width: room).enumerated() {
                out.append(i == 0 ? [(lead, l.label == "Итог" ? .bold : .plain), (b, .dimmed)] : [(TextBlock.pad("", Grid.width(of: lead)) + b, .dimmed)])
            }
        }
        line(("  Допущения: флаги `curator dashboard --help` или config.json, раздел roi.", .dimmed))
        return out
    }
}
