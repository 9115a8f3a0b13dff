/// A one-line text field: line breaks shown as ⏎, scrolled so the cursor stays in view.
enum InputLine {
    /// Draws `field` at (x, y) within `room` columns, or the placeholder (dimmed) while it is empty.
    /// Returns the cursor's screen position.
    @discardableResult
    static func draw(_ field: TextField, placeholder: String? = nil, style: CellStyle = .plain, x: Int, y: Int, room: Int, _ g: inout Grid) -> (x: Int, y: Int) {
        let shown = field.text.replacingOccurrences(of: "\n", with: "⏎")
        let start = scrollStart(shown, cursor: field.cursor, room: room)
        let visible = String(shown.dropFirst(start))
        if visible.isEmpty, let placeholder {
            g.put(placeholder, x: x, y: y, style: .dimmed, limit: room, ellipsis: false)
        } else {
            g.put(visible, x: x, y: y, style: style, limit: room, ellipsis: false)
        }
        return (x + Grid.width(of: String(visible.prefix(field.cursor - start))), y)
    }

    /// Where the text starts on screen so that the cursor stays within `room` columns.
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
}
