import CNcursesw

/// A glyph's columns as ncurses counts them: the C library's `wcwidth` of its first scalar (the
/// marks kept after it add nothing), so the grid and the terminal never disagree on where a row ends.
public enum TerminalWidth {
    /// `wcwidth` reads LC_CTYPE, which must be UTF-8; set once, before the first glyph is measured.
    private static let utf8: Bool = curator_utf8_ctype() != 0

    /// Nil when the C library cannot say (no UTF-8 locale, or not printable): the caller's table decides.
    public static func of(_ scalar: Unicode.Scalar) -> Int? {
        guard utf8 else { return nil }
        let w = curator_wcwidth(scalar.value)
        return w < 0 ? nil : Int(w)
    }
}
