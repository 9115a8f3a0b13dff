/// English answer text reduced to what the checker compares: lower case, one kind of apostrophe,
/// no punctuation, contractions spelt out (don't = do not; the ambiguous 's and 'd in every reading),
/// British spelling as American. A text becomes one or more token sequences, its readings.
public enum AnswerText {
    /// The readings of `text`; at most `limit` when contractions are ambiguous.
    public static func readings(_ text: String, limit: Int = 8) -> [[String]] {
        var out: [[String]] = [[]]
        for word in words(text) {
            let choices = expand(word)
            if choices.count == 1 {
                for i in out.indices { out[i] += choices[0] }
            } else {
                out = Array(out.flatMap { r in choices.map { r + $0 } }.prefix(limit))
            }
        }
        return out
    }

    /// Words as typed, lower case, apostrophes unified and punctuation gone ("p.m." is "pm", "7.0" stays).
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        // Letters since the word's start or its last dot: "p.m." is an abbreviation, "up.Then" two words.
        var segment = 0
        let scalars = Array(text.lowercased().unicodeScalars)
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.isASCII ? (c >= "a" && c <= "z") : c.properties.isAlphabetic }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        for (i, raw) in scalars.enumerated() {
            let c: Unicode.Scalar = apostrophes.contains(raw) ? "'" : raw
            let next: Unicode.Scalar = i + 1 < scalars.count ? scalars[i + 1] : " "
            if !c.isASCII && c.properties.generalCategory == .nonspacingMark {
                if !current.isEmpty { current.append(c) }  // a combining accent belongs to its letter
            } else if isLetter(c) || isDigit(c) || c == "'" || (!c.isASCII && c.properties.numericType != nil) {
                current.append(c)
                segment += 1
            } else if c == ".", let last = current.last, isDigit(last) && isDigit(next) {
                current.append(c)  // 7.0
            } else if c == ".", segment == 1, let last = current.last, isLetter(last), isLetter(next) {
                segment = 0  // p.m
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
                segment = 0
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words.compactMap { w in
            // Quotes used as quotes: 'hello' is hello; a leading 's is a contraction ("'s sleeping").
            var w = Substring(w)
            while w.last == "'" { w = w.dropLast() }
            while w.first == "'" && !contractionSuffixes.contains(String(w)) { w = w.dropFirst() }
            return w.isEmpty ? nil : String(w)
        }
    }

    static let apostrophes: Set<Unicode.Scalar> = ["'", "’", "‘", "ʼ", "`", "´", "′"]
    static let contractionSuffixes: Set<String> = ["'s", "'re", "'ve", "'m", "'ll", "'d"]

    /// A word as one or more token sequences.
    static func expand(_ word: String) -> [[String]] {
        if let whole = wholeContractions[word] { return [whole] }
        if word == "cannot" { return [["can", "not"]] }
        if word.hasSuffix("n't") { return [[american(String(word.dropLast(3))), "not"]] }
        if let apostrophe = word.lastIndex(of: "'") {
            let head = String(word[..<apostrophe]), tail = String(word[apostrophe...])
            let headTokens = head.isEmpty ? [] : [american(head)]
            switch tail {
            case "'re": return [headTokens + ["are"]]
            case "'ve": return [headTokens + ["have"]]
            case "'m": return [headTokens + ["am"]]
            case "'ll": return [headTokens + ["will"]]
            case "'d": return [headTokens + ["would"], headTokens + ["had"]]
            case "'s" where head == "let": return [["let", "us"]]
            // "he's" is he is or he has; "Tom's" may also be a possessive.
            case "'s": return [headTokens + ["is"], headTokens + ["has"]] + (head.isEmpty || pronouns.contains(head) ? [] : [[word]])
            default: return [[word]]
            }
        }
        if let n = Int(word), n >= 0, n < numberWords.count { return [[numberWords[n]]] }
        return [[american(word)]]
    }

    /// "7" and "seven" are one answer.
    static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                              "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]

    static let wholeContractions: [String: [String]] = [
        "won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"], "ain't": ["is", "not"],
        "i'm": ["i", "am"], "gonna": ["going", "to"], "wanna": ["want", "to"],
    ]

    static let pronouns: Set<String> = ["he", "she", "it", "that", "what", "where", "who", "there", "here", "how", "when", "this"]

    /// British spellings and their American twins, compared as one.
    static func american(_ word: String) -> String { britishToAmerican[word] ?? word }

    static let britishToAmerican: [String: String] = {
        var m: [String: String] = [:]
        let pairs = """
            colour color, colours colors, favourite favorite, favourites favorites, neighbour neighbor, neighbours neighbors, \
            behaviour behavior, honour honor, labour labor, flavour flavor, humour humor, harbour harbor, rumour rumor, \
            centre center, centres centers, theatre theater, theatres theaters, metre meter, metres meters, litre liter, litres liters, \
            fibre fiber, organise organize, organised organized, organising organizing, organisation organization, \
            realise realize, realised realized, realising realizing, recognise recognize, recognised recognized, \
            apologise apologize, apologised apologized, summarise summarize, summarised summarized, criticise criticize, \
            emphasise emphasize, memorise memorize, analyse analyze, analysed analyzed, travelled traveled, travelling traveling, \
            traveller traveler, cancelled canceled, cancelling canceling, modelling modeling, labelled labeled, \
            defence defense, offence offense, licence license, practise practice, practised practiced, programme program, \
            grey gray, cheque check, jewellery jewelry, catalogue catalog, dialogue dialog, tyre tire, aeroplane airplane, \
            mum mom, learnt learned, burnt burned, dreamt dreamed, spelt spelled, smelt smelled, spoilt spoiled, \
            enrol enroll, fulfil fulfill, skilful skillful, ageing aging, judgement judgment, mould mold, moustache mustache
            """
        for pair in pairs.split(separator: ",") {
            let w = pair.split(separator: " ")
            m[String(w[0])] = String(w[1])
        }
        return m
    }()
}
