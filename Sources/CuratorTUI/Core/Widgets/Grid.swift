import Domain

/// How a cell looks. Colour is a hint: every meaning is also carried by a symbol or an attribute,
/// so the screen reads the same with NO_COLOR.
public struct CellStyle: Hashable, Sendable {
    public enum Color: UInt8, Sendable { case none, red, yellow, green, cyan, blue, magenta, gray }
    public var color: Color = .none
    public var bold = false
    public var reverse = false
    public var dim = false
    public var underline = false

    public init(color: Color = .none, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.color = color
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    public static let plain = CellStyle()
    public static let bold = CellStyle(bold: true)
    public static let selected = CellStyle(reverse: true)
    public static let dimmed = CellStyle(dim: true)
}

/// One terminal cell: a grapheme, or the right half of a wide one before it (`glyph == nil`).
public struct Cell: Hashable, Sendable {
    public var glyph: String?
    public var style: CellStyle

    public static let blank = Cell(glyph: " ", style: .plain)
}

/// The frame as cells: what `view` draws and the backend diffs. Every string written goes through
/// `put`, which sanitises it (no control characters, bidi overrides or escape sequences from data),
/// reduces each grapheme to what a terminal draws in a fixed width, and clips it to the space given.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    public func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * width)..<((y + 1) * width)] }

    /// The rows to redraw after `previous` was on screen: all of them when there was none or its size differs.
    public func changedRows(since previous: Grid?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { previous.row($0) != row($0) }
    }

    /// Writes `text` from column `x` of row `y`, at most `limit` columns (default: to the right
    /// edge), ending with «…» when cut. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, limit: Int? = nil, ellipsis: Bool = true) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let room = min(limit ?? (width - x), width - max(0, x))
        guard room > 0 else { return 0 }
        let glyphs = Self.glyphs(text)
        let total = glyphs.reduce(0) { $0 + $1.width }
        var col = x, used = 0
        let budget = total > room && ellipsis ? room - 1 : room
        for g in glyphs {
            if used + g.width > budget { break }
            if col >= 0 { set(col, y, g.text, g.width, style) }
            col += g.width
            used += g.width
        }
        if total > room && ellipsis && used < room {
            set(col, y, "…", 1, style)
            used += 1
        }
        return used
    }

    /// Fills a rectangle with blanks of a style (a selected row, a panel background).
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int = 1, style: CellStyle = .plain) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { cells[row * width + col] = Cell(glyph: " ", style: style) }
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ glyph: String, _ w: Int, _ style: CellStyle) {
        guard x + w <= width else { return }
        // Overwriting half of a wide glyph leaves the other half blank, not half a character.
        if cells[y * width + x].glyph == nil && x > 0 { cells[y * width + x - 1] = Cell(glyph: " ", style: cells[y * width + x - 1].style) }
        cells[y * width + x] = Cell(glyph: glyph, style: style)
        if w == 2 { cells[y * width + x + 1] = Cell(glyph: nil, style: style) }
        let after = x + w
        if after < width && cells[y * width + after].glyph == nil { cells[y * width + after] = Cell(glyph: " ", style: cells[y * width + after].style) }
    }

    /// The frame as text, one line per row (for tests and snapshots).
    public var text: String {
        (0..<height).map { y in String(row(y).compactMap(\.glyph).joined()) }.joined(separator: "\n")
    }

    /// Scalars that are a glyph of one column on their own and that sanitising leaves alone: ASCII,
    /// Latin, Cyrillic, punctuation, arrows, box drawing, blocks and geometric shapes (not the two
    /// with emoji presentation). Most of a frame is these.
    public static let plainNarrow: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x400...0x482, 0x48A...0x52F,
                                                           0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x25FC]

    /// The columns the terminal gives a scalar, where it can say: the backend injects the C library's
    /// `wcwidth` before the first frame, so the grid and the terminal never disagree on where a row
    /// ends. Without it (no terminal, or nil) Domain's table decides.
    nonisolated(unsafe) public static var terminalWidth: (@Sendable (Unicode.Scalar) -> Int?)?

    /// Columns `text` takes when written: its glyphs as `put` makes them (so layout math and the grid agree).
    public static func width(of text: String) -> Int { glyphs(text).reduce(0) { $0 + $1.width } }

    /// Graphemes as drawn: sanitised, NFC, and each reduced to its base character with its combining marks
    /// (an emoji ZWJ sequence or skin tone becomes its first emoji, variation selectors go), so the
    /// width the layout counts is the width every terminal draws.
    static func glyphs(_ text: String) -> [(text: String, width: Int)] {
        // A scalar of a combining mark, emoji or control anywhere sends the whole text the long way.
        if text.unicodeScalars.allSatisfy({ s in plainNarrow.contains { $0.contains(s.value) } }) {
            return text.unicodeScalars.map { (String($0), 1) }
        }
        var out: [(String, Int)] = []
        // NFC first: a name typed as е + combining diaeresis is one glyph, ё, as in every other font path.
        for c in TextFold.nfc(TerminalText.sanitize(text)) {
            guard let base = c.unicodeScalars.first else { continue }
            var kept = String.UnicodeScalarView([base])
            for s in c.unicodeScalars.dropFirst() {
                guard s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark else { break }
                kept.append(s)
            }
            let glyph = String(kept)
            let w = terminalWidth?(base) ?? DisplayWidth.of(Character(glyph))
            if w == 0 { continue }
            out.append((glyph, min(2, w)))
        }
        return out
    }
}
