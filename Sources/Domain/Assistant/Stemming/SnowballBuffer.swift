/// The machine Snowball stemmers run on: a word as Unicode scalars with the cursor, limits and
/// slice marks of the Snowball language. The stemmers are ports of the generated reference code
/// (Snowball 3.1.1), so their operations keep Snowball's names and exact semantics.
struct SnowballBuffer {
    var s: [Unicode.Scalar]
    var cursor = 0
    var limit: Int
    var limitBackward = 0
    var bra = 0
    var ket: Int

    /// A suffix (or prefix) table entry and the action number it selects (-1: matched, no action).
    typealias Among = [(word: [Unicode.Scalar], result: Int)]

    init(_ word: String) {
        s = Array(word.unicodeScalars)
        limit = s.count
        ket = s.count
    }

    static func among(_ entries: [(String, Int)]) -> Among {
        entries.map { (Array($0.0.unicodeScalars), $0.1) }
    }

    var word: String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    // MARK: Backward operations (cursor moves towards limitBackward)

    /// The longest entry ending at the cursor (not reaching past limitBackward): moves the cursor
    /// before it and returns its result; 0 when none matches.
    mutating func findAmongB(_ table: Among) -> Int {
        var best = -1, bestLength = -1
        for (k, e) in table.enumerated() where e.word.count > bestLength && cursor - e.word.count >= limitBackward {
            if s[(cursor - e.word.count)..<cursor].elementsEqual(e.word) {
                best = k
                bestLength = e.word.count
            }
        }
        guard best >= 0 else { return 0 }
        cursor -= bestLength
        return table[best].result
    }

    /// `[substring] among(...)`: the longest entry ending at the cursor becomes the slice (ket at the
    /// cursor, bra before the entry); returns its result, 0 when none matches.
    mutating func markSuffix(_ table: Among) -> Int {
        ket = cursor
        let r = findAmongB(table)
        if r != 0 { bra = cursor }
        return r
    }

    mutating func eqB(_ c: Unicode.Scalar) -> Bool {
        guard cursor > limitBackward, s[cursor - 1] == c else { return false }
        cursor -= 1
        return true
    }

    mutating func eqSB(_ w: String) -> Bool {
        let w = Array(w.unicodeScalars)
        guard cursor - w.count >= limitBackward, s[(cursor - w.count)..<cursor].elementsEqual(w) else { return false }
        cursor -= w.count
        return true
    }

    mutating func inGroupingB(_ g: Set<Unicode.Scalar>) -> Bool {
        guard cursor > limitBackward, g.contains(s[cursor - 1]) else { return false }
        cursor -= 1
        return true
    }

    mutating func outGroupingB(_ g: Set<Unicode.Scalar>) -> Bool {
        guard cursor > limitBackward, !g.contains(s[cursor - 1]) else { return false }
        cursor -= 1
        return true
    }

    /// Moves back over characters outside `g`; true when it stops just after one inside it.
    mutating func goOutGroupingB(_ g: Set<Unicode.Scalar>) -> Bool {
        while cursor > limitBackward {
            if g.contains(s[cursor - 1]) { return true }
            cursor -= 1
        }
        return false
    }

    // MARK: Forward operations

    /// The longest entry starting at the cursor: moves the cursor past it and returns its result.
    mutating func findAmong(_ table: Among) -> Int {
        var best = -1, bestLength = -1
        for (k, e) in table.enumerated() where e.word.count > bestLength && cursor + e.word.count <= limit {
            if s[cursor..<(cursor + e.word.count)].elementsEqual(e.word) {
                best = k
                bestLength = e.word.count
            }
        }
        guard best >= 0 else { return 0 }
        cursor += bestLength
        return table[best].result
    }

    /// Moves forward over characters outside `g`; true when it stops at one inside it.
    mutating func goOutGrouping(_ g: Set<Unicode.Scalar>) -> Bool {
        while cursor < limit {
            if g.contains(s[cursor]) { return true }
            cursor += 1
        }
        return false
    }

    /// Moves forward over characters inside `g`; true when it stops at one outside it.
    mutating func goInGrouping(_ g: Set<Unicode.Scalar>) -> Bool {
        while cursor < limit {
            if !g.contains(s[cursor]) { return true }
            cursor += 1
        }
        return false
    }

    /// `gopast v gopast non-v`: past the next vowel and the consonant after it (a region's start).
    mutating func goPastVowelAndConsonant(_ vowels: Set<Unicode.Scalar>) -> Bool {
        guard goOutGrouping(vowels) else { return false }
        cursor += 1
        guard goInGrouping(vowels) else { return false }
        cursor += 1
        return true
    }

    // MARK: Editing

    mutating func sliceFrom(_ text: String) {
        let t = Array(text.unicodeScalars)
        let adjustment = t.count - (ket - bra)
        s.replaceSubrange(bra..<ket, with: t)
        limit += adjustment
        if cursor >= ket { cursor += adjustment } else if cursor > bra { cursor = bra }
        ket = bra + t.count
    }

    mutating func sliceDel() { sliceFrom("") }

    /// Replaces every `from` with `to` (same length: the stemmers' letter folds).
    mutating func replaceAll(_ from: Unicode.Scalar, _ to: Unicode.Scalar) {
        for i in s.indices where s[i] == from { s[i] = to }
    }
}
