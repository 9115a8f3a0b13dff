import Foundation

/// Case- and ё-insensitive search keys: NFC, lowercase, ё→е. Diacritics are never stripped (й ≠ и).
public enum TextFold {
    public static func key(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for ch in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            out.append(ch == "ё" ? "е" : ch)
        }
        return String(out)
    }
}
