import Domain
import Foundation

/// A drawn frame and where the terminal cursor goes (in a focused text field), if anywhere.
public struct Frame: Sendable {
    public var grid: Grid
    public var cursor: (x: Int, y: Int)?
}

extension Dashboard {
    static let levelStyle: [RiskLevel: CellStyle] = [
        .high: CellStyle(color: .red, bold: true), .medium: CellStyle(color: .yellow), .low: CellStyle(color: .green),
    ]

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

    /// The whole screen from the state. Pure: the same state and size give the same cells.
    public static func view(_ s: AppState) -> Frame {
        var g = Grid(width: s.size.width, height: s.size.height)
        if Layout.tooSmall(s.size) {
            let lines = ["Терминал слишком мал: \(s.size.width)×\(s.size.height),", "нужно не меньше \(Layout.minWidth)×\(Layout.minHeight).", "q — выход"]
            for (i, line) in lines.enumerated() { g.put(line, x: 0, y: max(0, s.size.height / 2 - 1) + i - 1) }
            return Frame(grid: g, cursor: nil)
        }
        let layout = Layout(s.size)
        var cursor: (Int, Int)?
        titleBar(s, &g)
        if s.showMetrics {
            metricsScreen(s, layout.body, &g)
        } else if let r = layout.single {
            switch s.focus {
            case .students: cursor = studentList(s, r, &g)
            case .progress: progressPane(s, r, &g)
            case .alerts: alertsPane(s, r, &g)
            case .chat: cursor = chatPane(s, r, &g)
            case .homework: cursor = homeworkPane(s, r, &g)
            }
        } else {
            cursor = studentList(s, layout.students!, &g)
            progressPane(s, layout.progress!, &g)
            switch s.lowerPane {
            case .chat: cursor = chatPane(s, layout.lower!, &g) ?? cursor
            case .homework: cursor = homeworkPane(s, layout.lower!, &g) ?? cursor
            default: alertsPane(s, layout.lower!, &g)
            }
        }
        statusBar(s, &g)
        toasts(s, &g)
        if s.showHelp { help(s, &g) }
        return Frame(grid: g, cursor: s.showHelp ? nil : cursor)
    }

    // MARK: - Chrome

    private static func titleBar(_ s: AppState, _ g: inout Grid) {
        g.fill(x: 0, y: 0, width: g.width, style: .selected)
        var x = g.put(s.schoolName.isEmpty ? " Curator " : " Curator · \(s.schoolName) ", x: 0, y: 0, style: CellStyle(bold: true, reverse: true))
        for pane in Pane.allCases {
            let focused = pane == s.focus && !s.showMetrics
            x += g.put(" \(pane.rawValue) \(pane.title) ", x: x, y: 0, style: focused ? .bold : .selected)
        }
        let metrics = " m Показатели "
        if x + Grid.width(of: metrics) <= g.width { g.put(metrics, x: x, y: 0, style: s.showMetrics ? .bold : .selected) }
    }

    static func box(_ title: String, _ r: Layout.Rect, focused: Bool, _ g: inout Grid) {
        let style = focused ? CellStyle(color: .cyan, bold: true) : CellStyle.dimmed
        let inner = max(0, r.width - 2)
        g.put("┌" + String(repeating: "─", count: inner) + "┐", x: r.x, y: r.y, style: style, ellipsis: false)
        for y in (r.y + 1)..<max(r.y + 1, r.y + r.height - 1) {
            g.put("│", x: r.x, y: y, style: style)
            g.put("│", x: r.x + r.width - 1, y: y, style: style)
        }
        g.put("└" + String(repeating: "─", count: inner) + "┘", x: r.x, y: r.y + r.height - 1, style: style, ellipsis: false)
        g.put(" \(title) ", x: r.x + 2, y: r.y, style: focused ? CellStyle(color: .cyan, bold: true, reverse: true) : .bold, limit: max(0, r.width - 4))
    }

    private static func statusBar(_ s: AppState, _ g: inout Grid) {
        let y = g.height - 1
        g.fill(x: 0, y: y, width: g.width, style: .selected)
        var parts: [String] = []
        if let reason = s.sync.readOnly {
            parts.append("⚠ только чтение: \(reason) — синхронизация выключена")
        } else if s.sync.running {
            parts.append("⟳ синхронизация" + (s.sync.phase.isEmpty ? "" : ": \(s.sync.phase)"))
        } else if let last = s.sync.lastFinished {
            var text = "✓ синхр. \(AccountTime.moscow.clock(last))"
            if let next = s.sync.nextAt { text += next > s.now ? " · след. через \(RelativeDay.duration(next.timeIntervalSince(s.now)))" : " · скоро" }
            parts.append(text)
        } else {
            parts.append("⟳ первая синхронизация")
        }
        if let problem = s.sync.problem { parts.append("⚠ \(problem)") }
        if let resumes = s.sync.resumesAt, resumes > s.now { parts.append("⏸ часть отложена до \(AccountTime.moscow.clock(resumes))") }
        if !s.sync.drafts.isEmpty { parts.append("✎ черновики: " + s.sync.drafts.joined(separator: ", ")) }
        if let left = s.sync.requestsLeft { parts.append("запросов: \(left)") }
        if s.counts.outboxWaiting > 0 { parts.append("к отправке: \(s.counts.outboxWaiting)") }
        if s.counts.homeworkWaiting > 0 { parts.append("домашки: \(s.counts.homeworkWaiting)") }
        let counts = s.levelCounts
        parts.append("▲\(counts[.high] ?? 0) ●\(counts[.medium] ?? 0) ○\(counts[.low] ?? 0)")
        parts.append("алертов: \(s.counts.unacknowledgedAlerts)")
        let left = " " + parts.joined(separator: " · ")
        let hints = s.filterActive || s.homeworkEditing ? "Enter — готово · Esc — сбросить"
            : s.showMetrics ? "p неделя/месяц/квартал · j/k листать · Esc назад · q выход"
            : s.focus == .homework && s.openHomework?.waitsForReview == true ? "y принять · d на доработку · e править отзыв · Esc назад"
            : s.focus == .chat ? (s.replying == nil ? "Enter — спросить · Esc — отмена · Tab — панели" : "Enter — отправить ученику · Esc — не отвечать")
            : "? справка · / фильтр · s сорт. · a алерты · c чат · h домашки · m показатели · r синхр. · q выход"
        // The state of things first; the hints take what room is left, down to "? справка".
        let used = g.put(left, x: 0, y: y, style: .selected)
        for h in [hints, "? справка"] where g.width - used - 2 >= Grid.width(of: h) {
            g.put(h, x: g.width - Grid.width(of: h) - 1, y: y, style: .selected)
            break
        }
    }

    private static func toasts(_ s: AppState, _ g: inout Grid) {
        let width = min(50, g.width - 4)
        let shown = s.toasts.suffix(3)
        for (i, t) in shown.enumerated() {
            // Bottom right, above the status bar: over the lower pane, never over the input line's focus.
            let y = g.height - 4 - (shown.count - 1 - i)
            let x = g.width - width - 2
            let style = t.severity == .high ? CellStyle(color: .red, bold: true, reverse: true) : CellStyle(color: .yellow, reverse: true)
            g.fill(x: x, y: y, width: width, style: style)
            g.put((t.severity == .high ? " ▲ " : " ● ") + t.text, x: x, y: y, style: style, limit: width)
        }
    }

    private static func help(_ s: AppState, _ g: inout Grid) {
        let lines = Command.allCases.map { c in (c.keys.map(Command.name).joined(separator: " "), c.help) }
        let footer = ["В строке ввода: ←/→, Home/End, Ctrl-A/E, Ctrl-U/K — стереть до начала/конца, Ctrl-W — слово",
                      "На русской раскладке те же клавиши: й=q, о=j, л=k, ы=s, .=/, ,=?"]
        let width = min(g.width - 4, 98), height = min(g.height - 2, lines.count + footer.count + 3)
        let r = Layout.Rect(x: (g.width - width) / 2, y: 1, width: width, height: height)
        g.fill(x: r.x, y: r.y, width: r.width, height: r.height)
        box("Клавиши · Esc — закрыть", r, focused: true, &g)
        for (i, line) in lines.prefix(height - footer.count - 3).enumerated() {
            g.put(line.0, x: r.x + 2, y: r.y + 1 + i, style: .bold, limit: 16)
            g.put(line.1, x: r.x + 19, y: r.y + 1 + i, limit: width - 21)
        }
        for (i, line) in footer.enumerated() {
            g.put(line, x: r.x + 2, y: r.y + height - 1 - footer.count + i, style: .dimmed, limit: width - 4)
        }
    }

    // MARK: - Panes

    /// Returns the cursor position when the filter is being typed.
    private static func studentList(_ s: AppState, _ r: Layout.Rect, _ g: inout Grid) -> (Int, Int)? {
        var title = "1 Ученики \(s.visible.count)"
        if !s.studentsComplete { title += " · загрузка…" }
        if s.visible.count != s.students.count { title += " из \(s.students.count)" }
        title += " · сорт.: \(s.sort.title)\(s.reversed ? " ↑" : "")"
        if let level = s.levelFilter { title += " · только \(level.russian)" }
        box(title, r, focused: s.focus == .students, &g)
        let inner = r.width - 2
        var cursor: (Int, Int)?
        if s.filterActive || !s.filter.text.isEmpty {
            let label = "/ "
            g.put(label, x: r.x + 2, y: r.y + r.height - 1, style: CellStyle(color: .cyan, bold: true))
            let shown = g.put(s.filter.text, x: r.x + 4, y: r.y + r.height - 1, style: .bold, limit: max(1, inner - 4))
            if s.filterActive {
                let before = Grid.width(of: String(s.filter.text.prefix(s.filter.cursor)))
                cursor = (r.x + 4 + min(before, shown), r.y + r.height - 1)
            }
        }
        // Columns: level, name (what is left), group, risk, last active, lessons done, alerts.
        let groupWidth = inner >= 70 ? 15 : 10
        let fixed = 2 + groupWidth + 6 + 9 + 7 + 4
        let nameWidth = max(8, inner - fixed)
        let y0 = r.y + 1
        var x = r.x + 1
        for (title, w) in [("", 2), ("Имя", nameWidth), ("Группа", groupWidth), ("Риск", 6), ("Был", 9), ("Уроки", 7), ("Ал.", 4)] {
            g.put(title, x: x, y: y0, style: .dimmed, limit: w - 1)
            x += w
        }
        if s.visible.isEmpty {
            g.put(s.students.isEmpty ? "Данных ещё нет: идёт первая синхронизация…" : "Никто не подходит под фильтр.", x: r.x + 2, y: y0 + 1, style: .dimmed,
                  limit: inner - 2)
            return cursor
        }
        let rows = Layout(s.size).studentRows
        for (i, st) in s.visible.dropFirst(s.scroll).prefix(rows).enumerated() {
            let y = y0 + 1 + i
            let selected = st.id == s.selectedId
            let base: CellStyle = selected ? (s.focus == .students ? .selected : CellStyle(bold: true, underline: true)) : st.hasLeft ? .dimmed : .plain
            if selected { g.fill(x: r.x + 1, y: y, width: inner, style: base) }
            var lx = r.x + 1
            var mark: CellStyle = st.level.flatMap { Self.levelStyle[$0] } ?? .plain
            mark.reverse = base.reverse
            g.put(st.hasLeft ? "×" : st.level?.symbol ?? "·", x: lx, y: y, style: mark)
            lx += 2
            g.put(st.name, x: lx, y: y, style: base, limit: nameWidth - 1)
            lx += nameWidth
            g.put(st.groups.first ?? "—", x: lx, y: y, style: base, limit: groupWidth - 1)
            lx += groupWidth
            g.put(st.risk.map { "\(Int(($0 * 100).rounded()))%" } ?? "—", x: lx, y: y, style: base, limit: 5)
            lx += 6
            g.put(RelativeDay.short(st.lastActiveAt, now: s.now), x: lx, y: y, style: base, limit: 8)
            lx += 9
            g.put(st.lessonsDone.flatMap { done in st.lessonsTotal.map { "\(done)/\($0)" } } ?? "—", x: lx, y: y, style: base, limit: 6)
            lx += 7
            if st.openAlerts > 0 { g.put("\(st.openAlerts)", x: lx, y: y, style: CellStyle(color: .red, bold: true, reverse: base.reverse), limit: 3) }
        }
        if s.visible.count > rows {
            g.put(" \(s.scroll + 1)–\(min(s.visible.count, s.scroll + rows)) из \(s.visible.count) ", x: r.x + r.width - 20, y: r.y + r.height - 1,
                  style: .dimmed, limit: 18)
        }
        return cursor
    }

    private static func progressPane(_ s: AppState, _ r: Layout.Rect, _ g: inout Grid) {
        guard let d = s.detail, d.summary.id == s.selectedId else {
            box("2 Прогресс", r, focused: s.focus == .progress, &g)
            g.put(s.selectedId == nil ? "Выберите ученика." : "Загрузка…", x: r.x + 2, y: r.y + 1, style: .dimmed, limit: r.width - 4)
            return
        }
        let st = d.summary
        box("2 " + st.name, r, focused: s.focus == .progress, &g)
        var lines: [(String, CellStyle)] = []
        let contact = [st.email, st.phone].filter { !$0.isEmpty }.joined(separator: " · ")
        lines.append(((st.groups.isEmpty ? "без группы" : st.groups.joined(separator: ", ")) + (contact.isEmpty ? "" : " · " + contact), .dimmed))
        if let risk = st.risk, let level = st.level {
            var style = levelStyle[level] ?? .plain
            style.bold = true
            lines.append(("\(level.symbol) риск \(Int((risk * 100).rounded()))% — \(st.hasLeft ? "ушёл" : level.russian)", style))
            for reason in st.reasons.prefix(3) { lines.append(("  • \(reason.text)  (+\(String(format: "%.2f", reason.contribution)))", .plain)) }
        }
        lines.append(("Был: \(RelativeDay.describe(st.lastActiveAt, now: s.now)) · сообщений: \(d.messageCount)", .plain))
        if let p = s.detailProgress {
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
            let score = hw.score.map { " · \(Int(($0 * 100).rounded()))%" } ?? ""
            lines.append(("  \(mark) \(hw.lessonName)\(score)", hw.status == .declined ? CellStyle(color: .red) : .plain))
        }
        if !s.detailAlerts.isEmpty {
            lines.append(("Алерты:", .bold))
            for a in s.detailAlerts.prefix(3) { lines.append(("  \(a.alert.rule.severity == .high ? "▲" : "●") \(a.alert.detail)", .plain)) }
        }
        if let deal = d.deals.first {
            let paid = deal.paidAt.map { "оплачен \(RelativeDay.describe($0, now: s.now))" } ?? deal.status
            lines.append(("Заказ: \(deal.title) — \(paid)", .plain))
        }
        for (i, line) in lines.prefix(r.height - 2).enumerated() { g.put(line.0, x: r.x + 2, y: r.y + 1 + i, style: line.1, limit: r.width - 4) }
    }

    private static func alertsPane(_ s: AppState, _ r: Layout.Rect, _ g: inout Grid) {
        box("3 Алерты \(s.counts.openAlerts) · x принят · n бесполезен · Enter — открыть", r, focused: s.focus == .alerts, &g)
        if s.alerts.isEmpty {
            g.put("Открытых алертов нет.", x: r.x + 2, y: r.y + 1, style: .dimmed, limit: r.width - 4)
            return
        }
        let rows = r.height - 2
        let top = firstRow(selection: s.alertSelection, count: s.alerts.count, rows: rows)
        for (i, line) in s.alerts.dropFirst(top).prefix(rows).enumerated() {
            let a = line.alert
            let y = r.y + 1 + i
            let selected = top + i == s.alertSelection && s.focus == .alerts
            let base: CellStyle = selected ? .selected : a.state == .open ? .plain : .dimmed
            if selected { g.fill(x: r.x + 1, y: y, width: r.width - 2, style: base) }
            var mark = a.rule.severity == .high ? CellStyle(color: .red, bold: true) : CellStyle(color: .yellow)
            mark.reverse = base.reverse
            g.put(a.rule.severity == .high ? "▲" : "●", x: r.x + 2, y: y, style: mark)
            let state = a.state == .acknowledged ? " (принят)" : a.state == .notUseful ? " (бесполезен)" : ""
            g.put("\(line.studentName) — \(a.detail)\(state)", x: r.x + 4, y: y, style: base, limit: r.width - 6)
        }
    }

    /// The homework queue, or one answer opened with the checker's feedback and the decision keys.
    /// Returns the cursor position while the curator types their note.
    private static func homeworkPane(_ s: AppState, _ r: Layout.Rect, _ g: inout Grid) -> (Int, Int)? {
        let focused = s.focus == .homework
        let inner = r.width - 4
        guard let item = s.openHomework else {
            box("5 Домашки: ● ждут куратора \(s.counts.homeworkWaiting) · ✓ принято · ✗ на доработке · Enter — открыть", r, focused: focused, &g)
            var y = r.y + 1
            if let notice = s.homeworkNotice {
                g.put(notice, x: r.x + 2, y: y, style: CellStyle(color: .green), limit: inner)
                y += 1
            }
            if s.homework.isEmpty {
                g.put("Проверенных домашек пока нет: они проверяются при каждой синхронизации.", x: r.x + 2, y: y, style: .dimmed, limit: inner)
                return nil
            }
            let rows = r.y + r.height - 1 - y
            let top = firstRow(selection: s.homeworkSelection, count: s.homework.count, rows: rows)
            for (i, h) in s.homework.dropFirst(top).prefix(rows).enumerated() {
                let selected = top + i == s.homeworkSelection && focused
                let base: CellStyle = selected ? .selected : h.waitsForReview ? .plain : .dimmed
                if selected { g.fill(x: r.x + 1, y: y + i, width: r.width - 2, style: base) }
                var mark: CellStyle = h.waitsForReview ? CellStyle(color: .yellow, bold: true) : .plain
                mark.reverse = base.reverse
                let decided = h.decision ?? h.status
                g.put(h.waitsForReview ? "●" : decided == .accepted ? "✓" : "✗", x: r.x + 2, y: y + i, style: mark)
                // The score first: names and lesson titles are long, and the mark already says where it stands.
                let score = h.check.score.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
                g.put(score, x: r.x + 4, y: y + i, style: base, limit: 4)
                g.put("\(h.studentName) — \(h.lessonName)", x: r.x + 9, y: y + i, style: base, limit: r.width - 11)
            }
            return nil
        }
        box("5 \(item.studentName) · \(item.lessonName)", r, focused: focused, &g)
        // The decision lines stay at the bottom; the answer and the feedback take the rest.
        var bottom: [(String, CellStyle)] = []
        if let reason = item.reason, item.waitsForReview { bottom.append(("На проверке: \(reason)", CellStyle(color: .yellow))) }
        if let notice = s.homeworkNotice { bottom.append((notice, CellStyle(color: .red))) }
        if !item.waitsForReview { bottom.append(("\(item.statusText) · Esc — к списку", .dimmed)) }
        var lines: [(String, CellStyle)] = [("Сдано \(RelativeDay.describe(item.submittedAt, now: s.now)). Ответ ученика:", .bold)]
        for l in wrap(item.answerText, width: inner - 2).prefix(4) { lines.append(("  " + l, .plain)) }
        lines.append((HomeworkFeedback.summary(item.check), .bold))
        for c in item.check.items {
            let mark = c.verdict.isRight ? "✓" : c.verdict == .wrong || c.verdict == .missing ? "✗" : "•"
            let style: CellStyle = c.verdict.isRight ? CellStyle(color: .green) : c.verdict == .wrong || c.verdict == .missing ? CellStyle(color: .red) : CellStyle(color: .yellow)
            let text = "\(c.number). \(mark) " + (c.given.isEmpty ? "" : "«\(c.given)» ") + (c.note.isEmpty ? (c.verdict == .right ? "верно" : "") : "— " + c.note)
            for (j, l) in wrap(text, width: inner).enumerated() { lines.append((j == 0 ? l : "   " + l, style)) }
        }
        if let notes = item.teacherNotes {
            lines.append(("Заметки для преподавателя (черновик модели, не оценка):", .bold))
            for l in wrap(notes, width: inner - 2) { lines.append(("  " + l, .dimmed)) }
        }
        let noteRows = item.waitsForReview ? 1 : 0
        let room = r.height - 2 - bottom.count - noteRows
        for (i, line) in lines.prefix(max(0, room)).enumerated() { g.put(line.0, x: r.x + 2, y: r.y + 1 + i, style: line.1, limit: inner) }
        var y = r.y + r.height - 1 - bottom.count - noteRows
        for line in bottom {
            g.put(line.0, x: r.x + 2, y: y, style: line.1, limit: inner)
            y += 1
        }
        guard item.waitsForReview else { return nil }
        let label = s.homeworkDeciding != nil ? "Сохранение… " : "Комментарий (e — править): "
        let lx = r.x + 2 + g.put(label, x: r.x + 2, y: y, style: CellStyle(color: .cyan, bold: true), limit: inner)
        let room2 = max(1, r.x + r.width - 2 - lx)
        let field = s.homeworkNote
        // One line, line breaks as ⏎; scrolled so the cursor stays on screen.
        let shown = field.text.replacingOccurrences(of: "\n", with: "⏎")
        let start = scrollStart(shown, cursor: field.cursor, room: room2)
        let visible = String(shown.dropFirst(start))
        g.put(visible.isEmpty && !s.homeworkEditing ? "отзыв проверки, как выше" : visible, x: lx, y: y, style: s.homeworkEditing ? .bold : .dimmed,
              limit: room2, ellipsis: false)
        guard focused, s.homeworkEditing else { return nil }
        return (lx + Grid.width(of: String(visible.prefix(field.cursor - start))), y)
    }

    /// Returns the cursor position in the input line when the chat has focus.
    private static func chatPane(_ s: AppState, _ r: Layout.Rect, _ g: inout Grid) -> (Int, Int)? {
        let title = s.replying.map { "4 Ответ ученику: \($0.studentName)" + ($0.sending == nil ? "" : " · отправка…") }
            ?? "4 Ассистент" + (s.chatBusy ? " · отвечает… (Esc — отменить)" : "")
        box(title, r, focused: s.focus == .chat, &g)
        let inner = r.width - 4
        var lines: [(String, CellStyle)] = []
        for e in s.chat {
            let (prefix, style): (String, CellStyle) = switch e.role {
            case .curator: ("Вы: ", .bold)
            case .assistant: ("", .plain)
            case .note: ("⚠ ", CellStyle(color: .yellow))
            case .student: ("✉ ", CellStyle(color: .cyan))
            }
            var text = prefix + e.text
            if e.role == .assistant && e.text.isEmpty { text = "…" }
            for l in wrap(text, width: inner) { lines.append((l, style)) }
            if let label = e.label {
                lines.append(("[\(label)\(e.sources.isEmpty ? "" : " · " + e.sources.joined(separator: ", "))]", .dimmed))
            }
        }
        if s.chat.isEmpty {
            lines.append(("Спросите о школе («кто не заходил неделю?», «прогресс Ивановой») или о правилах.", .dimmed))
        }
        let room = r.height - 3
        for (i, line) in lines.suffix(room).enumerated() { g.put(line.0, x: r.x + 2, y: r.y + 1 + i, style: line.1, limit: inner) }
        // The input line: the tail that fits, with the cursor at its display column.
        let y = r.y + r.height - 2
        g.put("›", x: r.x + 2, y: y, style: CellStyle(color: .cyan, bold: true))
        let field = s.chatInput
        let shown = field.text.replacingOccurrences(of: "\n", with: "⏎")
        let room2 = inner - 3
        let start = scrollStart(shown, cursor: field.cursor, room: room2)
        let visible = String(shown.dropFirst(start))
        g.put(visible, x: r.x + 4, y: y, limit: room2, ellipsis: false)
        guard s.focus == .chat else { return nil }
        return (r.x + 4 + Grid.width(of: String(visible.prefix(field.cursor - start))), y)
    }

    // MARK: - Text

    /// The first row a list of `count` shows in `rows` lines so that the selection is on screen.
    static func firstRow(selection: Int, count: Int, rows: Int) -> Int { max(0, min(selection - rows + 1, count - rows)) }

    /// Where a one-line field's text starts on screen so that the cursor stays within `room` columns.
    static func scrollStart(_ shown: String, cursor: Int, room: Int) -> Int {
        guard Grid.width(of: String(shown.prefix(cursor))) >= room else { return 0 }
        var w = 0, start = cursor
        for c in shown.prefix(cursor).reversed() {
            w += Grid.width(of: String(c))
            if w >= room { break }
            start -= 1
        }
        return start
    }

    /// Words wrapped to `width` columns of the grid, keeping line breaks.
    static func wrap(_ text: String, width: Int) -> [String] { TextWrap.lines(text, width: width, widthOf: Grid.width(of:)) }
}
