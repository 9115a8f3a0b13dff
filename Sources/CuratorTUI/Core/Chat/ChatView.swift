import Domain

/// The chat: the conversation's last lines that fit, and the input line at the bottom.
enum ChatView {
    /// Returns the cursor position in the input line when the chat has focus.
    static func draw(_ chat: ChatState, focused: Bool, in r: Layout.Rect, _ g: inout Grid) -> (x: Int, y: Int)? {
        let title = chat.replying.map { "4 Ответ ученику: \($0.studentName)" + ($0.sending == nil ? "" : " · отправка…") }
            ?? "4 Ассистент" + (chat.busy ? " · отвечает… (Esc — отменить)" : "")
        Box.draw(title, in: r, focused: focused, &g)
        let inner = r.width - 4
        let room = r.height - 3
        TextBlock.draw(Array(lines(chat.entries, width: inner).suffix(room)), x: r.x + 2, y: r.y + 1, width: inner, height: room, &g)
        let y = r.y + r.height - 2
        g.put("›", x: r.x + 2, y: y, style: CellStyle(color: .cyan, bold: true))
        let at = InputLine.draw(chat.input, x: r.x + 4, y: y, room: inner - 3, &g)
        return focused ? at : nil
    }

    private static func lines(_ entries: [ChatEntry], width: Int) -> [Span] {
        var lines: [Span] = []
        for e in entries {
            let (prefix, style): (String, CellStyle) = switch e.role {
            case .curator: ("Вы: ", .bold)
            case .assistant: ("", .plain)
            case .note: ("⚠ ", CellStyle(color: .yellow))
            case .student: ("✉ ", CellStyle(color: .cyan))
            }
            let text = e.role == .assistant && e.text.isEmpty ? "…" : prefix + e.text
            for l in TextBlock.wrap(text, width: width) { lines.append((l, style)) }
            if let label = e.label {
                lines.append(("[\(label)\(e.sources.isEmpty ? "" : " · " + e.sources.joined(separator: ", "))]", .dimmed))
            }
        }
        if entries.isEmpty {
            lines.append(("Спросите о школе («кто не заходил неделю?», «прогресс Ивановой») или о правилах.", .dimmed))
        }
        return lines
    }
}
