import Domain
import Foundation

/// The homework queue, or one answer opened with the checker's feedback and the decision keys.
enum HomeworkView {
    /// Returns the cursor position while the curator types their comment.
    static func draw(_ hw: HomeworkState, waiting: Int, focused: Bool, editing: Bool, now: Date, in r: Layout.Rect, _ g: inout Grid) -> (x: Int, y: Int)? {
        guard let item = hw.opened else {
            queue(hw, waiting: waiting, focused: focused, in: r, &g)
            return nil
        }
        return answer(item, hw, focused: focused, editing: editing, now: now, in: r, &g)
    }

    private static func queue(_ hw: HomeworkState, waiting: Int, focused: Bool, in r: Layout.Rect, _ g: inout Grid) {
        Box.draw("5 Домашки: ● ждут куратора \(waiting) · ✓ принято · ✗ на доработке · Enter — открыть", in: r, focused: focused, &g)
        let inner = r.width - 4
        var y = r.y + 1
        if let notice = hw.notice {
            g.put(notice, x: r.x + 2, y: y, style: CellStyle(color: .green), limit: inner)
            y += 1
        }
        if hw.items.isEmpty {
            g.put("Проверенных домашек пока нет: они проверяются при каждой синхронизации.", x: r.x + 2, y: y, style: .dimmed, limit: inner)
            return
        }
        let rows = r.y + r.height - 1 - y
        let top = ListView.firstRow(selection: hw.selection, count: hw.items.count, rows: rows)
        ListView.draw(hw.items.dropFirst(top).prefix(max(0, rows)).map { row($0, width: r.width - 2) }, selected: focused ? hw.selection - top : nil,
                      highlight: .selected,
                      x: r.x + 1, y: y, width: r.width - 2, height: rows, &g)
    }

    /// A margin, the mark, the score first (names and lesson titles are long, and the mark already
    /// says where it stands), then who and which lesson; a column kept free before the border.
    private static func row(_ h: HomeworkQueueItem, width: Int) -> ListView.Row {
        let decided = h.decision ?? h.status
        return ListView.Row(cells: [
            ListView.Cell("", width: 1),
            ListView.Cell(h.waitsForReview ? "●" : decided == .accepted ? "✓" : "✗", width: 2,
                          style: h.waitsForReview ? CellStyle(color: .yellow, bold: true) : .plain),
            ListView.Cell(Percent.text(h.check.score), width: 5),
            ListView.Cell("\(h.studentName) — \(h.lessonName)", width: width - 8),
        ], style: h.waitsForReview ? .plain : .dimmed)
    }

    private static func answer(_ item: HomeworkQueueItem, _ hw: HomeworkState, focused: Bool, editing: Bool, now: Date, in r: Layout.Rect,
                               _ g: inout Grid) -> (x: Int, y: Int)? {
        Box.draw("5 \(item.studentName) · \(item.lessonName)", in: r, focused: focused, &g)
        let inner = r.width - 4
        // The decision lines stay at the bottom; the answer and the feedback take the rest.
        var bottom: [Span] = []
        if let reason = item.reason, item.waitsForReview { bottom.append(("На проверке: \(reason)", CellStyle(color: .yellow))) }
        if let notice = hw.notice { bottom.append((notice, CellStyle(color: .red))) }
        if !item.waitsForReview { bottom.append(("\(item.statusText) · Esc — к списку", .dimmed)) }
        let noteRows = item.waitsForReview ? 1 : 0
        TextBlock.draw(body(item, width: inner, now: now), x: r.x + 2, y: r.y + 1, width: inner, height: r.height - 2 - bottom.count - noteRows, &g)
        let y = r.y + r.height - 1 - bottom.count - noteRows
        TextBlock.draw(bottom, x: r.x + 2, y: y, width: inner, height: bottom.count, &g)
        guard item.waitsForReview else { return nil }
        let noteY = y + bottom.count
        let label = hw.deciding != nil ? "Сохранение… " : "Комментарий (e — править): "
        let x = r.x + 2 + g.put(label, x: r.x + 2, y: noteY, style: CellStyle(color: .cyan, bold: true), limit: inner)
        let at = InputLine.draw(hw.note, placeholder: editing ? nil : "отзыв проверки, как выше", style: editing ? .bold : .dimmed,
                                x: x, y: noteY, room: max(1, r.x + r.width - 2 - x), &g)
        return focused && editing ? at : nil
    }

    /// The student's answer, the checker's verdict item by item, and the model's notes for the teacher.
    private static func body(_ item: HomeworkQueueItem, width inner: Int, now: Date) -> [Span] {
        var lines: [Span] = [("Сдано \(RelativeDay.describe(item.submittedAt, now: now)). Ответ ученика:", .bold)]
        for l in TextBlock.wrap(item.answerText, width: inner - 2).prefix(4) { lines.append(("  " + l, .plain)) }
        lines.append((HomeworkFeedback.summary(item.check), .bold))
        for c in item.check.items {
            let wrong = c.verdict == .wrong || c.verdict == .missing
            let mark = c.verdict.isRight ? "✓" : wrong ? "✗" : "•"
            let style: CellStyle = c.verdict.isRight ? CellStyle(color: .green) : wrong ? CellStyle(color: .red) : CellStyle(color: .yellow)
            let text = "\(c.number). \(mark) " + (c.given.isEmpty ? "" : "«\(c.given)» ") + (c.note.isEmpty ? (c.verdict == .right ? "верно" : "") : "— " + c.note)
            // Wrapped under the text, so a continuation line is as wide as the room it has.
            for (j, l) in TextBlock.wrap(text, width: inner - 3).enumerated() { lines.append((j == 0 ? l : "   " + l, style)) }
        }
        if let notes = item.teacherNotes {
            lines.append(("Заметки для преподавателя (черновик модели, не оценка):", .bold))
            for l in TextBlock.wrap(notes, width: inner - 2) { lines.append(("  " + l, .dimmed)) }
        }
        return lines
    }
}
