/// Words wrapped to a width in columns, keeping line breaks; the caller's width function decides
/// how wide a word is (the terminal grid's, or DisplayWidth's for plain output).
public enum TextWrap {
    public static func lines(_ text: String, width: Int, widthOf: (String) -> Int = DisplayWidth.of) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", used = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let w = widthOf(String(word))
                if used > 0 && used + 1 + w > width {
                    out.append(line)
                    line = ""
                    used = 0
                }
                if used > 0 { line += " "; used += 1 }
                line += word
                used += w
            }
            out.append(line)
        }
        return out
    }
}
