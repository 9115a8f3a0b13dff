import Domain
import Foundation

/// The selected student: contacts, risk and its reasons, activity, lessons, homework, alerts, the order.
enum ProgressView {
    /// A lesson's state in the timeline: a symbol, so it reads without colour.
    static func glyph(_ state: StudentProgress.LessonState) -> Character {
        switch state {
        case .accepted: "✓"
        case .submitted: "◆"
        case .viewed: "○"
        case .missed: "✗"
        case .open: "·"
        case .notOpen: "─"
        }
    }

    static func draw(_ detail: DetailState, selectedId: Int64?, focused: Bool, now: Date, in r: Layout.Rect, _ g: inout Grid) {
        guard let d = detail.student, d.summary.id == selectedId else {
            Box.draw("2 Прогресс", in: r, focused: focused, &g)
            g.put(selectedId == nil ? "Выберите ученика." : "Загрузка…", x: r.x + 2, y: r.y + 1, style: .dimmed, limit: r.width - 4)
            return
        }
        Box.draw("2 " + d.summary.name, in: r, focused: focused, &g)
        TextBlock.draw(lines(d, progress: detail.progress, alerts: detail.alerts, now: now), x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2, &g)
    }

    private static func lines(_ d: StudentDetail, progress: StudentProgress?, alerts: [AlertLine], now: Date) -> [Span] {
        let st = d.summary
        var lines: [Span] = []
        let contact = [st.email, st.phone].filter { !$0.isEmpty }.joined(separator: " · ")
        lines.append(((st.groups.isEmpty ? "без группы" : st.groups.joined(separator: ", ")) + (contact.isEmpty ? "" : " · " + contact), .dimmed))
        if let risk = st.risk, let level = st.level {
            var style = StudentListView.levelStyle[level] ?? .plain
            style.bold = true
            lines.append(("\(level.symbol) риск \(Percent.text(risk)) — \(st.hasLeft ? "ушёл" : level.russian)", style))
            for reason in st.reasons.prefix(3) { lines.append(("  • \(reason.text)  (+\(String(format: "%.2f", reason.contribution)))", .plain)) }
        }
        lines.append(("Был: \(RelativeDay.describe(st.lastActiveAt, now: now)) · сообщений: \(d.messageCount)", .plain))
        if let p = progress {
            if !p.lessons.isEmpty {
                lines.append(("Уроки \(p.done)/\(p.total): " + String(p.lessons.map { glyph($0.state) }), .bold))
                lines.append(("  ✓ принят  ◆ сдан  ○ просмотрен  ✗ пропущен  · открыт  ─ впереди", .dimmed))
            }
            let weeks = p.weeklyActiveDays
            lines.append(("Активность, \(weeks.count) нед.: " + Sparkline.of(weeks, maximum: 7) + "  на этой неделе \(RussianPlural.days(weeks.last ?? 0))", .plain))
        }
        let statuses = Dictionary(grouping: d.homework, by: \.status).mapValues(\.count)
        lines.append(("Домашки: \(d.homework.count) — принято \(statuses[.accepted] ?? 0), отклонено \(statuses[.declined] ?? 0), ждут \((statuses[.new] ?? 0) + (statuses[.viewed] ?? 0))", .bold))
        for hw in d.homework.suffix(4).reversed() {
            let mark = switch hw.status { case .accepted: "✓"; case .declined: "✗"; default: "…" }
            let score = hw.score.map { " · " + Percent.text($0) } ?? ""
            lines.append(("  \(mark) \(hw.lessonName)\(score)", hw.status == .declined ? CellStyle(color: .red) : .plain))
        }
        if !alerts.isEmpty {
            lines.append(("Алерты:", .bold))
            for a in alerts.prefix(3) { lines.append(("  \(a.alert.rule.severity == .high ? "▲" : "●") \(a.alert.detail)", .plain)) }
        }
        if let deal = d.deals.first {
            let paid = deal.paidAt.map { "оплачен \(RelativeDay.describe($0, now: now))" } ?? deal.status
            lines.append(("Заказ: \(deal.title) — \(paid)", .plain))
        }
        return lines
    }
}
