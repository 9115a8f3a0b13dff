/// Words wrapped to a width in columns, keeping line breaks; the caller's width function decides
/// how wide a word is (the terminal grid's, or DisplayWidth's for plain output). A word wider than
/// the whole line (a pasted link, a hostile 10k-character name) is cut at the width, so no line
/// ever runs past its box.
public enum TextWrap {
    public static func lines(_ text: String, width: Int, widthOf: (String) -> Int = DisplayWidth.of) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", used = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true).flatMap({ pieces(String($0), width, widthOf) }) {
                let w = widthOf(word)
                if !line.isEmpty && used + 1 + w > width {
                    out.append(line)
                    line = ""
                    used = 0
                }
                if !line.isEmpty { line += " "; used += 1 }
                line += word
                used += w
            }
            out.append(line)
        }
        return out
    }

    /// The word itself when it fits a line, else its graphemes in runs that each fit.
    private static func pieces(_ word: String, _ width: Int, _ widthOf: (String) -> Int) -> [String] {
        guard widthOf(word) > width else { return [word] }
        var out: [String] = [], piece = "", used = 0
        for c in word {
            let w = widthOf(String(c))
            if !piece.isEmpty && used + w > width {
                out.append(piece)
                piece = ""
                used = 0
            }
            piece.append(c)
            used += w
        }
        if !piece.isEmpty { out.append(piece) }
        return out
    }
}
