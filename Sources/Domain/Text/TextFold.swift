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

    /// NFC, skipping the (costly) normalisation when nothing below could change: Latin-1 and
    /// Cyrillic letters are already composed unless a combining mark follows them.
    static func nfc(_ text: String) -> String {
        let simple = text.unicodeScalars.allSatisfy { s in
            s.value < 0x300 || (0x400..<0x483).contains(s.value) || (0x48A..<0x530).contains(s.value)
                || (s.value >= 0x2000 && s.properties.canonicalCombiningClass == .notReordered && !(0xAC00...0xD7A3).contains(s.value)
                    && s.properties.generalCategory != .nonspacingMark)
        }
        return simple ? text : text.precomposedStringWithCanonicalMapping
    }
}
