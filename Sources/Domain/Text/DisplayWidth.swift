/// Terminal column width of text, grapheme by grapheme: wide East Asian and emoji presentation take
/// two columns, combining marks and zero-width characters none. A first cut for the CLI tables; the
/// dashboard's cell grid will use the same function ncurses uses (wcwidth).
public enum DisplayWidth {
    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    public static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        if c.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) || c.unicodeScalars.contains("\u{FE0F}") { return 2 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .format { return 0 }
            return 1
        }
    }

    /// Clips to `width` columns, ending with «…» when something was cut.
    public static func clip(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var out = "", used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }
}
