/// A list with a selected row, drawn a row per line: each row is cells of fixed widths in the
/// row's style; a cell may keep its own colour (a mark), reversed with the row when it is selected.
enum ListView {
    struct Cell {
        var text: String
        /// Columns it takes (its text gets one less, as a gap); nil: the rest of the line.
        var width: Int?
        /// Its own style (a coloured mark); nil: the row's.
        var style: CellStyle?

        init(_ text: String, width: Int? = nil, style: CellStyle? = nil) {
            self.text = text
            self.width = width
            self.style = style
        }
    }

    struct Row {
        var cells: [Cell]
        var style: CellStyle = .plain
    }

    /// The first row to show so that `selection` is on screen in `rows` lines.
    static func firstRow(selection: Int, count: Int, rows: Int) -> Int { max(0, min(selection - rows + 1, count - rows)) }

    /// Draws the rows on screen into the area (one per line, inside `x`…`x + width`); the row at
    /// `selected` (counted among them) is filled with `highlight`.
    static func draw(_ rows: [Row], selected: Int?, highlight: CellStyle, x: Int, y: Int, width: Int, height: Int, _ g: inout Grid) {
        for (i, row) in rows.prefix(max(0, height)).enumerated() {
            let line = y + i
            let base = i == selected ? highlight : row.style
            if i == selected { g.fill(x: x, y: line, width: width, style: base) }
            var cx = x
            for cell in row.cells {
                let room = cell.width.map { $0 - 1 } ?? (x + width - cx)
                var style = cell.style ?? base
                style.reverse = base.reverse
                g.put(cell.text, x: cx, y: line, style: style, limit: max(0, room))
                cx += cell.width ?? room
            }
        }
    }
}
