/// Money cells arrive as `4990`, `4 990`, `12 000,00`, `1 000 руб.` (spaces may be NBSP).
public enum Money {
    /// Kopecks, or nil when the cell holds no number. Negative amounts keep their sign.
    public static func kopecks(_ cell: String) -> Int64? {
        var units: Int64 = 0, frac: Int64 = 0, fracDigits = 0
        var seenDigit = false, inFraction = false, negative = false
        for ch in cell.unicodeScalars {
            switch ch {
            case "0"..."9":
                let d = Int64(ch.value - 48)
                if inFraction {
                    if fracDigits < 2 { frac = frac * 10 + d; fracDigits += 1 }
                } else {
                    // No school takes 100 billion roubles in one deal: a longer number is not money, and
                    // refusing it keeps every sum of deals far from overflowing.
                    guard units < 10_000_000_000 else { return nil }
                    units = units * 10 + d
                }
                seenDigit = true
            case ",", ".":
                // A separator followed by exactly 1–2 digits and then the end is a decimal point;
                // "1.000.000" style thousands is not used by GetCourse, so the first separator decides.
                if seenDigit && !inFraction { inFraction = true } else if inFraction { return nil }
            case "-" where !seenDigit: negative = true
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}", "'": continue
            default:
                if seenDigit || inFraction { return finish() }
                if ch.properties.isAlphabetic || ch == "₽" || ch == "$" || ch == "€" { continue }
                return nil
            }
        }
        return seenDigit ? finish() : nil

        func finish() -> Int64 {
            let f = fracDigits == 1 ? frac * 10 : frac
            return (negative ? -1 : 1) * (units * 100 + f)
        }
    }

    /// `4 990,50 ₽`-style display used by exports and reports.
    public static func format(kopecks: Int64) -> String {
        let rub = abs(kopecks) / 100, kop = abs(kopecks) % 100
        var digits = String(rub)
        var grouped = ""
        while digits.count > 3 {
            grouped = " " + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let sign = kopecks < 0 ? "-" : ""
        return sign + digits + grouped + (kop == 0 ? "" : "," + (kop < 10 ? "0" : "") + String(kop))
    }
}
