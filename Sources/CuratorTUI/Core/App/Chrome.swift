import Domain

/// What frames the panes: the title bar, the status bar, toasts and the key help.
enum Chrome {
    static func titleBar(_ s: AppState, _ g: inout Grid) {
        g.fill(x: 0, y: 0, width: g.width, style: .selected)
        var x = g.put(s.schoolName.isEmpty ? " Curator " : " Curator · \(s.schoolName) ", x: 0, y: 0, style: CellStyle(bold: true, reverse: true))
        let metrics = s.mode.screen == .metrics
        for pane in Pane.allCases {
            x += g.put(" \(pane.rawValue) \(pane.title) ", x: x, y: 0, style: pane == s.focus && !metrics ? .bold : .selected)
        }
        let label = " m Показатели "
        if x + Grid.width(of: label) <= g.width { g.put(label, x: x, y: 0, style: metrics ? .bold : .selected) }
    }

    static func statusBar(_ s: AppState, _ g: inout Grid) {
        let y = g.height - 1
        g.fill(x: 0, y: y, width: g.width, style: .selected)
        // The state of things first; the hints take what room is left, down to "? справка".
        let used = g.put(" " + state(s).joined(separator: " · "), x: 0, y: y, style: .selected)
        for h in [hints(s), "? справка"] where g.width - used - 2 >= Grid.width(of: h) {
            g.put(h, x: g.width - Grid.width(of: h) - 1, y: y, style: .selected)
            break
        }
    }

    private static func state(_ s: AppState) -> [String] {
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
        let counts = s.list.levelCounts
        parts.append("▲\(counts[.high] ?? 0) ●\(counts[.medium] ?? 0) ○\(counts[.low] ?? 0)")
        parts.append("алертов: \(s.counts.unacknowledgedAlerts)")
        return parts
    }

    /// The keys that matter in the current mode and pane.
    private static func hints(_ s: AppState) -> String {
        switch s.mode.screen {
        case .filtering, .editingNote: return "Enter — готово · Esc — сбросить"
        case .metrics: return "p неделя/месяц/квартал · j/k листать · Esc назад · q выход"
        default: break
        }
        if s.focus == .homework && s.homework.opened?.waitsForReview == true { return "y принять · d на доработку · e править отзыв · Esc назад" }
        if s.focus == .chat { return s.chat.replying == nil ? "Enter — спросить · Esc — отмена · Tab — панели" : "Enter — отправить ученику · Esc — не отвечать" }
        return "? справка · / фильтр · s сорт. · a алерты · c чат · h домашки · m показатели · r синхр. · q выход"
    }

    /// Bottom right, above the status bar: over the lower pane, never over the input line's focus.
    static func toasts(_ toasts: [Toast], _ g: inout Grid) {
        let width = min(50, g.width - 4)
        let shown = toasts.suffix(3)
        for (i, t) in shown.enumerated() {
            let y = g.height - 4 - (shown.count - 1 - i)
            let x = g.width - width - 2
            let style = t.severity == .high ? CellStyle(color: .red, bold: true, reverse: true) : CellStyle(color: .yellow, reverse: true)
            g.fill(x: x, y: y, width: width, style: style)
            g.put((t.severity == .high ? " ▲ " : " ● ") + t.text, x: x, y: y, style: style, limit: width)
        }
    }

    /// The key help, generated from the keymap.
    static func help(_ g: inout Grid) {
        let lines = Command.allCases.map { c in (c.keys.map(Command.name).joined(separator: " "), c.help) }
        let footer = ["В строке ввода: ←/→, Home/End, Ctrl-A/E, Ctrl-U/K — стереть до начала/конца, Ctrl-W — слово",
                      "После ответа ученику Ctrl-A в пустой строке добавляет его вопрос к примерам статьи",
                      "На русской раскладке те же клавиши: й=q, о=j, л=k, ы=s, .=/, ,=?"]
        let width = min(g.width - 4, 98), height = min(g.height - 2, lines.count + footer.count + 3)
        let r = Layout.Rect(x: (g.width - width) / 2, y: 1, width: width, height: height)
        g.fill(x: r.x, y: r.y, width: r.width, height: r.height)
        Box.draw("Клавиши · Esc — закрыть", in: r, focused: true, &g)
        for (i, line) in lines.prefix(height - footer.count - 3).enumerated() {
            g.put(line.0, x: r.x + 2, y: r.y + 1 + i, style: .bold, limit: 16)
            g.put(line.1, x: r.x + 19, y: r.y + 1 + i, limit: width - 21)
        }
        TextBlock.draw(footer.map { ($0, CellStyle.dimmed) }, x: r.x + 2, y: r.y + height - 1 - footer.count, width: width - 4, height: footer.count, &g)
    }
}
