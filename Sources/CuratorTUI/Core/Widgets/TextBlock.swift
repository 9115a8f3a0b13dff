import Domain

/// A run of text in one style.
public typealias Span = (text: String, style: CellStyle)

/// Lines of styled text in an area: one line per row, each cut to the area's width.
enum TextBlock {
    /// Draws `lines` from the area's first row, as many as fit.
    static func draw(_ lines: [Span], x: Int, y: Int, width: Int, height: Int, _ g: inout Grid) {
        for (i, line) in lines.prefix(max(0, height)).enumerated() { g.put(line.text, x: x, y: y + i, style: line.style, limit: width) }
    }

    /// Draws lines made of several spans, from `top`, as many as fit.
    static func draw(_ lines: [[Span]], top: Int, x: Int, y: Int, width: Int, height: Int, _ g: inout Grid) {
        for (i, parts) in lines.dropFirst(top).prefix(max(0, height)).enumerated() {
            var cx = x
            for p in parts where cx < x + width { cx += g.put(p.text, x: cx, y: y + i, style: p.style, limit: x + width - cx) }
        }
    }

    /// Words wrapped to `width` columns as the grid counts them, keeping line breaks.
    static func wrap(_ text: String, width: Int) -> [String] { TextWrap.lines(text, width: width, widthOf: Grid.width(of:)) }

    /// `s` padded with spaces to `width` columns (at least one space after it).
    static func pad(_ s: String, _ width: Int) -> String {
        let w = Grid.width(of: s)
        return w >= width ? s + " " : s + String(repeating: " ", count: width - w)
    }

    /// `s` right-aligned in `width` columns.
    static func leftPad(_ s: String, _ width: Int) -> String {
        let w = Grid.width(of: s)
        return w >= width ? s : String(repeating: " ", count: width - w) + s
    }
}
