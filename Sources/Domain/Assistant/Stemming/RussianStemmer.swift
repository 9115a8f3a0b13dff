/// The Snowball Russian stemmer (russian.sbl, Snowball 3.1.1), ported from the reference
/// implementation; golden tests compare it with the reference output word for word.
public enum RussianStemmer {
    static let vowels: Set<Unicode.Scalar> = ["а", "е", "и", "о", "у", "ы", "э", "ю", "я"]
    static let perfectiveGerund = SnowballBuffer.among([("в", 1), ("ив", 2), ("ыв", 2), ("вши", 1), ("ивши", 2), ("ывши", 2), ("вшись", 1), ("ившись", 2), ("ывшись", 2)])
    static let adjective = SnowballBuffer.among(["ее", "ие", "ое", "ые", "ими", "ыми", "ей", "ий", "ой", "ый", "ем", "им", "ом", "ым", "его", "ого", "ему", "ому",
                                                 "их", "ых", "ею", "ою", "ую", "юю", "ая", "яя"].map { ($0, 1) })
    static let participle = SnowballBuffer.among([("ем", 1), ("нн", 1), ("вш", 1), ("ивш", 2), ("ывш", 2), ("щ", 1), ("ющ", 1), ("ующ", 2)])
    static let reflexive = SnowballBuffer.among([("сь", 1), ("ся", 1)])
    static let verb = SnowballBuffer.among([("ла", 1), ("ила", 2), ("ыла", 2), ("на", 1), ("ена", 2), ("ете", 1), ("ите", 2), ("йте", 1), ("ейте", 2), ("уйте", 2),
                                            ("ли", 1), ("или", 2), ("ыли", 2), ("й", 1), ("ей", 2), ("уй", 2), ("л", 1), ("ил", 2), ("ыл", 2), ("ем", 1),
                                            ("им", 2), ("ым", 2), ("н", 1), ("ен", 2), ("ло", 1), ("ило", 2), ("ыло", 2), ("но", 1), ("ено", 2), ("нно", 1),
                                            ("ет", 1), ("ует", 2), ("ит", 2), ("ыт", 2), ("ют", 1), ("уют", 2), ("ят", 2), ("ны", 1), ("ены", 2), ("ть", 1),
                                            ("ить", 2), ("ыть", 2), ("ешь", 1), ("ишь", 2), ("ю", 2), ("ую", 2)])
    static let noun = SnowballBuffer.among(["а", "ев", "ов", "е", "ие", "ье", "и", "еи", "ии", "ами", "ями", "иями", "й", "ей", "ией", "ий", "ой", "ам", "ем",
                                            "ием", "ом", "ям", "иям", "о", "у", "ах", "ях", "иях", "ы", "ь", "ю", "ию", "ью", "я", "ия", "ья"].map { ($0, 1) })
    static let derivational = SnowballBuffer.among([("ост", 1), ("ость", 1)])
    static let tidyUp = SnowballBuffer.among([("ейше", 1), ("н", 2), ("ейш", 1), ("ь", 3)])

    /// The stem of one lowercase Russian word (ё is folded to е first, as the reference does).
    public static func stem(_ word: String) -> String {
        var z = SnowballBuffer(word)
        z.replaceAll("ё", "е")
        // Regions: RV after the first vowel; R2 as usual.
        var pV = z.limit, p2 = z.limit
        regions: do {
            guard z.goOutGrouping(vowels) else { break regions }
            z.cursor += 1
            pV = z.cursor
            guard z.goInGrouping(vowels) else { break regions }
            z.cursor += 1
            guard z.goPastVowelAndConsonant(vowels) else { break regions }
            p2 = z.cursor
        }
        z.cursor = z.limit
        z.limitBackward = pV

        // Each try starts from the end of the word (a failed match may have moved the cursor).
        step1: do {
            if preceded(&z, perfectiveGerund) { break step1 }
            z.cursor = z.limit
            remove(&z, reflexive)
            if adjectival(&z) { break step1 }
            if preceded(&z, verb) { break step1 }
            z.cursor = z.limit
            remove(&z, noun)
        }
        z.cursor = z.limit
        z.ket = z.cursor
        if z.eqB("и") {
            z.bra = z.cursor
            z.sliceDel()
        }
        z.cursor = z.limit
        if z.markSuffix(derivational) != 0 && p2 <= z.cursor { z.sliceDel() }
        z.cursor = z.limit
        tidy(&z)
        return z.word
    }

    /// Removes the longest matching entry; false when none matches.
    @discardableResult
    private static func remove(_ z: inout SnowballBuffer, _ table: SnowballBuffer.Among) -> Bool {
        guard z.markSuffix(table) != 0 else { return false }
        z.sliceDel()
        return true
    }

    /// Removes a matching entry; entries with result 1 only after а or я.
    @discardableResult
    private static func preceded(_ z: inout SnowballBuffer, _ table: SnowballBuffer.Among) -> Bool {
        let r = z.markSuffix(table)
        guard r != 0 else { return false }
        if r == 1 && !(z.eqB("а") || z.eqB("я")) { return false }
        z.sliceDel()
        return true
    }

    private static func adjectival(_ z: inout SnowballBuffer) -> Bool {
        guard remove(&z, adjective) else { return false }
        preceded(&z, participle)
        return true
    }

    private static func tidy(_ z: inout SnowballBuffer) {
        switch z.markSuffix(tidyUp) {
        case 1:
            z.sliceDel()
            z.ket = z.cursor
            guard z.eqB("н") else { return }
            z.bra = z.cursor
            guard z.eqB("н") else { return }
            z.sliceDel()
        case 2:
            guard z.eqB("н") else { return }
            z.sliceDel()
        case 3:
            z.sliceDel()
        default:
            return
        }
    }
}
