/// Makes untrusted text safe to print on a terminal: C0 controls become their visible control
/// pictures (ESC → ␛), DEL → ␡, C1 controls → �, and bidi overrides/isolates are removed, so data
/// can never move the cursor, recolour the screen, set the clipboard or reorder a line.
public enum TerminalText {
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0A where keepNewlines: out.append(s)
            case 0x09: out.append(" ")
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + s.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F: out.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
            default: out.append(s)
            }
        }
        return String(out)
    }
}
