/// One-letter typos: "allready" for "already" is a spelling slip, not a wrong answer. Only in long
/// words, and never where the difference is grammar ("watches" for "watched", "large" for "larger")
/// or another real word ("bought" for "brought").
public enum Spelling {
    public static let minimumLength = 5

    public static func isTypo(_ typed: String, of expected: String) -> Bool {
        let a = Array(typed), b = Array(expected)
        guard a != b, b.count >= minimumLength, a.count >= minimumLength - 1, abs(a.count - b.count) <= 1 else { return false }
        guard a.allSatisfy(\.isLetter), b.allSatisfy(\.isLetter) else { return false }
        // One is the other with a letter added at the end: an ending, so grammar.
        if a.count != b.count && (a.starts(with: b) || b.starts(with: a)) { return false }
        if stem(typed) == stem(expected) { return false }
        if confusable.contains([typed, expected].sorted().joined(separator: " ")) { return false }
        return withinOneEdit(a, b)
    }

    /// Substitution, insertion, deletion or a swap of neighbours.
    static func withinOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        return long[(i + 1)...] == short[i...]
    }

    /// The word without a grammatical ending: equal stems mean the words differ in grammar only.
    static func stem(_ w: String) -> String {
        for suffix in ["ing", "ed", "es", "er", "est", "ly", "en", "s"] where w.count > suffix.count + 2 && w.hasSuffix(suffix) {
            return String(w.dropLast(suffix.count))
        }
        return w
    }

    /// Pairs one edit apart that are different words.
    static let confusable: Set<String> = Set([
        "bought brought", "though thought", "through though", "quiet quite", "affect effect", "loose lose",
        "advice advise", "than then", "where were", "weather whether", "desert dessert", "angel angle",
        "lightening lightning", "breath breathe", "cloth clothe", "device devise", "later latter",
        "diary dairy", "chose choose", "costume custom", "which witch", "wander wonder", "staff stuff",
        "county country", "forth fourth", "patients patience", "while whole", "leave live",
        "older elder", "raise rise", "lose lost", "except accept", "dairy daily", "tired tried", "form from",
    ].map { $0.split(separator: " ").map(String.init).sorted().joined(separator: " ") })
}
