/// The Snowball English (Porter2) stemmer (english.sbl, Snowball 3.1.1), ported from the reference
/// implementation; golden tests compare it with the reference output word for word.
public enum EnglishStemmer {
    static let v: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y"]
    static let vWXY: Set<Unicode.Scalar> = ["Y", "a", "e", "i", "o", "u", "w", "x", "y"]
    static let validLI: Set<Unicode.Scalar> = ["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"]
    static let aeo: Set<Unicode.Scalar> = ["a", "e", "o"]

    static let r1Prefixes = SnowballBuffer.among(["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"].map { ($0, -1) })
    static let apostrophes = SnowballBuffer.among([("'", 1), ("'s'", 1), ("'s", 1)])
    static let step1a = SnowballBuffer.among([("ied", 2), ("s", 3), ("ies", 2), ("sses", 1), ("ss", -1), ("us", -1)])
    static let step1bEed = SnowballBuffer.among([("succ", 1), ("proc", 1), ("exc", 1)])
    static let step1bIng = SnowballBuffer.among([("even", 2), ("cann", 2), ("inn", 2), ("earr", 2), ("herr", 2), ("out", 2), ("y", 1)])
    static let step1b = SnowballBuffer.among([("", -1), ("ed", 2), ("eed", 1), ("ing", 3), ("edly", 2), ("eedly", 1), ("ingly", 2)])
    static let step1bTail = SnowballBuffer.among([("", 3), ("bb", 2), ("dd", 2), ("ff", 2), ("gg", 2), ("bl", 1), ("mm", 2), ("nn", 2), ("pp", 2), ("rr", 2),
                                                  ("at", 1), ("tt", 2), ("iz", 1)])
    static let step2 = SnowballBuffer.among([("anci", 3), ("enci", 2), ("ogi", 14), ("li", 16), ("bli", 12), ("abli", 4), ("alli", 8), ("fulli", 9),
                                             ("lessli", 15), ("ousli", 10), ("entli", 5), ("aliti", 8), ("biliti", 12), ("iviti", 11), ("tional", 1),
                                             ("ational", 7), ("alism", 8), ("ation", 7), ("ization", 6), ("izer", 6), ("ator", 7), ("iveness", 11),
                                             ("fulness", 9), ("ousness", 10), ("ogist", 13)])
    static let step2Replacement = [1: "tion", 2: "ence", 3: "ance", 4: "able", 5: "ent", 6: "ize", 7: "ate", 8: "al", 9: "ful", 10: "ous",
                                   11: "ive", 12: "ble", 13: "og", 15: "less"]
    static let step3 = SnowballBuffer.among([("icate", 4), ("ative", 6), ("alize", 3), ("iciti", 4), ("ical", 4), ("tional", 1), ("ational", 2),
                                             ("ful", 5), ("ness", 5)])
    static let step3Replacement = [1: "tion", 2: "ate", 3: "al", 4: "ic", 5: ""]
    static let step4 = SnowballBuffer.among([("ic", 1), ("ance", 1), ("ence", 1), ("able", 1), ("ible", 1), ("ate", 1), ("ive", 1), ("ize", 1),
                                             ("iti", 1), ("al", 1), ("ism", 1), ("ion", 2), ("er", 1), ("ous", 1), ("ant", 1), ("ent", 1),
                                             ("ment", 1), ("ement", 1)])
    static let step5 = SnowballBuffer.among([("e", 1), ("l", 2)])
    static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "andes": "andes", "atlas": "atlas", "bias": "bias", "cosmos": "cosmos", "howe": "howe", "news": "news", "sky": "sky",
    ]

    /// The stem of one lowercase English word.
    public static func stem(_ word: String) -> String {
        if let e = exceptions[word] { return e }
        if word.unicodeScalars.count < 3 { return word }
        var z = SnowballBuffer(word)
        var yFound = false
        // Prelude: drop a leading apostrophe; y at the start or after a vowel is a consonant (Y).
        if z.s.first == "'" { z.s.removeFirst(); z.limit -= 1 }
        for i in z.s.indices where z.s[i] == "y" && (i == 0 || v.contains(z.s[i - 1])) {
            z.s[i] = "Y"
            yFound = true
        }
        var p1 = z.limit, p2 = z.limit
        regions: do {
            z.cursor = 0
            if z.findAmong(r1Prefixes) == 0 {
                z.cursor = 0
                guard z.goPastVowelAndConsonant(v) else { break regions }
            }
            p1 = z.cursor
            guard z.goPastVowelAndConsonant(v) else { break regions }
            p2 = z.cursor
        }
        z.limitBackward = 0
        let regions = Regions(p1: p1, p2: p2)
        for step in [step1a(_:_:), step1b(_:_:), step1c(_:_:), step2(_:_:), step3(_:_:), step4(_:_:), step5(_:_:)] as [(inout SnowballBuffer, Regions) -> Void] {
            z.cursor = z.limit
            step(&z, regions)
        }
        if yFound { z.replaceAll("Y", "y") }
        return z.word
    }

    struct Regions {
        var p1: Int
        var p2: Int
    }

    /// Non-vowel, vowel, non-vowel (not w, x or Y) ending at the cursor, or a vowel and a non-vowel
    /// starting the word, or "past".
    private static func shortV(_ z: inout SnowballBuffer) -> Bool {
        let c = z.cursor
        if z.outGroupingB(vWXY) && z.inGroupingB(v) && z.outGroupingB(v) { return true }
        z.cursor = c
        if z.outGroupingB(v) && z.inGroupingB(v) && z.cursor <= z.limitBackward { return true }
        z.cursor = c
        return z.eqSB("past")
    }

    private static func step1a(_ z: inout SnowballBuffer, _ r: Regions) {
        if z.markSuffix(apostrophes) != 0 { z.sliceDel() }
        z.cursor = z.limit
        let a = z.markSuffix(step1a)
        guard a != 0 else { return }
        switch a {
        case 1: z.sliceFrom("ss")
        case 2: z.sliceFrom(z.cursor - 2 >= z.limitBackward ? "i" : "ie")
        case 3:
            guard z.cursor > z.limitBackward else { return }
            z.cursor -= 1
            guard z.goOutGroupingB(v) else { return }
            z.sliceDel()
        default: return
        }
    }

    private static func step1b(_ z: inout SnowballBuffer, _ r: Regions) {
        var a = z.markSuffix(step1b)
        let beforeSuffix = z.limit - z.cursor
        switch a {
        case 1:
            // eed, eedly → ee in R1, except succeed, proceed, exceed.
            guard r.p1 <= z.cursor else { return }
            if z.findAmongB(step1bEed) != 0 && z.cursor <= z.limitBackward { return }
            z.cursor = z.limit - beforeSuffix
            z.sliceFrom("ee")
            return
        case 2:
            break
        case 3:
            a = z.findAmongB(step1bIng)
            if a == 1 {
                let atY = z.limit - z.cursor
                if z.outGroupingB(v) && z.cursor <= z.limitBackward {
                    // dying → die, lying → lie
                    z.cursor = z.limit - atY
                    z.bra = z.cursor
                    z.sliceFrom("ie")
                    return
                }
            } else if a == 2 && z.cursor <= z.limitBackward {
                return // inning, outing, evening: words of their own
            }
        default:
            return
        }
        // Delete ed/ing when a vowel precedes, then tidy the end.
        z.cursor = z.limit - beforeSuffix
        let c = z.cursor
        guard z.goOutGroupingB(v) else { return }
        z.cursor = c
        z.sliceDel()
        z.ket = z.cursor
        z.bra = z.cursor
        let end = z.limit - z.cursor
        switch z.findAmongB(step1bTail) {
        case 1:
            z.sliceFrom("e")
        case 2:
            let c2 = z.limit - z.cursor
            if z.inGroupingB(aeo) && z.cursor <= z.limitBackward { return }
            z.cursor = z.limit - c2
            z.cursor = z.limit - end
            z.ket = z.cursor
            guard z.cursor > z.limitBackward else { return }
            z.cursor -= 1
            z.bra = z.cursor
            z.sliceDel()
        default:
            guard z.cursor == r.p1 else { return }
            let c3 = z.limit - z.cursor
            guard shortV(&z) else { return }
            z.cursor = z.limit - c3
            z.sliceFrom("e")
        }
    }

    private static func step1c(_ z: inout SnowballBuffer, _ r: Regions) {
        z.ket = z.cursor
        guard z.eqB("y") || z.eqB("Y") else { return }
        z.bra = z.cursor
        guard z.outGroupingB(v), z.cursor > z.limitBackward else { return }
        z.sliceFrom("i")
    }

    private static func step2(_ z: inout SnowballBuffer, _ r: Regions) {
        let a = z.markSuffix(step2)
        guard a != 0 else { return }
        guard r.p1 <= z.cursor else { return }
        switch a {
        case 14:
            guard z.eqB("l") else { return }
            z.sliceFrom("og")
        case 16:
            guard z.inGroupingB(validLI) else { return }
            z.sliceDel()
        default:
            z.sliceFrom(step2Replacement[a]!)
        }
    }

    private static func step3(_ z: inout SnowballBuffer, _ r: Regions) {
        let a = z.markSuffix(step3)
        guard a != 0 else { return }
        guard r.p1 <= z.cursor else { return }
        if a == 6 {
            guard r.p2 <= z.cursor else { return }
            z.sliceDel()
        } else {
            z.sliceFrom(step3Replacement[a]!)
        }
    }

    private static func step4(_ z: inout SnowballBuffer, _ r: Regions) {
        let a = z.markSuffix(step4)
        guard a != 0 else { return }
        guard r.p2 <= z.cursor else { return }
        if a == 2 { guard z.eqB("s") || z.eqB("t") else { return } }
        z.sliceDel()
    }

    private static func step5(_ z: inout SnowballBuffer, _ r: Regions) {
        let a = z.markSuffix(step5)
        guard a != 0 else { return }
        if a == 1 {
            if r.p2 > z.cursor {
                guard r.p1 <= z.cursor else { return }
                let c = z.limit - z.cursor
                if shortV(&z) { return }
                z.cursor = z.limit - c
            }
            z.sliceDel()
        } else {
            guard r.p2 <= z.cursor, z.eqB("l") else { return }
            z.sliceDel()
        }
    }
}
