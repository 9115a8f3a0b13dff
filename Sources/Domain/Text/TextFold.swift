import Foundation

/// Case- and ё-insensitive search keys: NFC, lowercase, ё→е. Diacritics are never stripped (й ≠ и).
public enum TextFold {
    public static func key(_ text: String) -> String {
        if let fast = asciiOrCyrillic(text) { return fast }
        var out = String.UnicodeScalarView()
        for ch in nfc(text).lowercased().unicodeScalars {
            out.append(ch == "ё" ? "е" : ch)
        }
        return String(out)
    }

    /// Names, emails and phones are nearly always ASCII and basic Cyrillic, which are NFC as they
    /// are and lowercase by an offset: folded byte by byte, 100k students' keys take milliseconds
    /// instead of a second. Nil for anything else.
    static func asciiOrCyrillic(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            var v = s.value
            switch v {
            case 0x41...0x5A: v += 0x20
            case 0x00...0x7F: break
            case 0x401, 0x451: v = 0x435  // Ё, ё → е
            case 0x400...0x40F: v += 0x50
            case 0x410...0x42F: v += 0x20
            case 0x430...0x45F: break
            default: return nil
            }
            if v < 0x80 {
                out.append(UInt8(v))
            } else {
                out.append(UInt8(0xC0 | v >> 6))
                out.append(UInt8(0x80 | v & 0x3F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// NFC, skipping the (costly) normalisation for text NFC leaves as it is: Latin-1, Cyrillic
    /// letters, emoji and the joiners of emoji sequences. Anything else (a combining mark, a
    /// compatibility ideograph, Hangul) goes through Foundation.
    public static func nfc(_ text: String) -> String {
        let stable = text.unicodeScalars.allSatisfy { s in
            switch s.value {
            case ..<0x300, 0x400..<0x483, 0x48A..<0x530, 0x200D, 0xFE0F, 0x1F000...0x1FAFF: true
            default: false
            }
        }
        return stable ? text : text.precomposedStringWithCanonicalMapping
    }
}
