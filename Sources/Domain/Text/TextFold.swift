import Foundation

/// Case- and ё-insensitive search keys: NFC, lowercase, ё→е. Diacritics are never stripped (й ≠ и).
public enum TextFold {
    public static func key(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for ch in nfc(text).lowercased().unicodeScalars {
            out.append(ch == "ё" ? "е" : ch)
        }
        return String(out)
    }

    /// NFC, skipping the (costly) normalisation for text NFC leaves as it is: Latin-1, Cyrillic
    /// letters, emoji and the joiners of emoji sequences. Anything else (a combining mark, a
    /// compatibility ideograph, Hangul) goes through Foundation.
    static func nfc(_ text: String) -> String {
        let stable = text.unicodeScalars.allSatisfy { s in
            switch s.value {
            case ..<0x300, 0x400..<0x483, 0x48A..<0x530, 0x200D, 0xFE0F, 0x1F000...0x1FAFF: true
            default: false
            }
        }
        return stable ? text : text.precomposedStringWithCanonicalMapping
    }
}
