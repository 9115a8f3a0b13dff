/// A bordered pane with its title in the top border (highlighted when the pane has focus).
enum Box {
    static func draw(_ title: String, in r: Layout.Rect, focused: Bool, _ g: inout Grid) {
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

    /// A note in the bottom border's right end (where a list says which rows are on screen).
    static func footer(_ text: String, in r: Layout.Rect, from right: Int, _ g: inout Grid) {
        g.put(" \(text) ", x: r.x + r.width - right, y: r.y + r.height - 1, style: .dimmed, limit: right - 2)
    }
}
