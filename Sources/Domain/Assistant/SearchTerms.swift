/// Turns text into search terms: NFC, lowercase, ё→е (never stripping diacritics: й is not и),
/// tokens of letters and digits, look-alike Latin/Cyrillic letters folded into the token's main
/// script ("урoк" typed with a Latin o), stop words dropped, each token stemmed by its script.
public enum SearchTerms {
    public enum Script: Sendable { case cyrillic, latin, other }

    /// A token after folding, not yet stemmed.
    public struct Word: Sendable, Equatable {
        public var text: String
        public var script: Script
    }

    public static func terms(_ text: String) -> [String] { words(text).map(stem) }

    /// The text's words without stop words, look-alike letters folded.
    public static func words(_ text: String) -> [Word] {
        tokens(text).compactMap { token in
            let (text, script) = foldLookAlikes(token)
            return isStopWord(text, script) ? nil : Word(text: text, script: script)
        }
    }

    public static func stem(_ word: Word) -> String {
        switch word.script {
        case .cyrillic: RussianStemmer.stem(word.text)
        case .latin: EnglishStemmer.stem(word.text)
        case .other: word.text
        }
    }

    static func isStopWord(_ text: String, _ script: Script) -> Bool {
        switch script {
        case .cyrillic: stopRussian.contains(text)
        case .latin: stopEnglish.contains(text)
        case .other: false
        }
    }

    /// Russian typed in Latin letters ("kak oplatit") back in Cyrillic, the informal way most people
    /// write it (zh, kh, ch, sh, shch, ts, ya/ja, yu/ju, y as ы, or й after a vowel).
    public static func cyrillicReading(_ latin: String) -> Word {
        let chars = Array(latin)
        var out = ""
        var i = 0
        func at(_ s: String) -> Bool { chars.count - i >= s.count && String(chars[i..<(i + s.count)]) == s }
        outer: while i < chars.count {
            for (latin, cyrillic) in digraphs where at(latin) {
                out += cyrillic
                i += latin.count
                continue outer
            }
            let c = chars[i]
            if c == "y" {
                let afterVowel = i > 0 && "aeiouy".contains(chars[i - 1])
                out += afterVowel ? "й" : "ы"
            } else {
                out += single[c] ?? String(c)
            }
            i += 1
        }
        return Word(text: out, script: .cyrillic)
    }

    static let digraphs: [(String, String)] = [
        ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"), ("ya", "я"), ("ja", "я"),
        ("yu", "ю"), ("ju", "ю"), ("yo", "е"), ("jo", "е"), ("ye", "е"),
    ]
    static let single: [Character: String] = [
        "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "j": "й", "k": "к", "l": "л", "m": "м",
        "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х", "c": "ц", "w": "в", "x": "кс", "q": "к",
    ]

    /// The text's tokens with look-alike letters folded, stop words kept: for rules that look for
    /// particular words ("верните деньги", "кто не заходил").
    public static func foldedTokens(_ text: String) -> [String] { tokens(text).map { foldLookAlikes($0).0 } }

    /// Runs of letters and digits of the folded text.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for s in TextFold.key(text).unicodeScalars {
            if s.properties.isAlphabetic || s.properties.numericType != nil {
                current.append(s)
            } else if !current.isEmpty {
                out.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    static let latinToCyrillic: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "k": "к", "m": "м", "t": "т", "h": "н", "b": "в",
    ]
    static let cyrillicToLatin: [Unicode.Scalar: Unicode.Scalar] = [
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "і": "i",
    ]

    static func isCyrillic(_ s: Unicode.Scalar) -> Bool { (0x400...0x4FF).contains(s.value) }
    static func isLatin(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) }

    /// A token mixing scripts is written in the one most of its letters belong to; look-alike letters
    /// of the other script are replaced. Unmixed tokens pass unchanged, except short codes of digits
    /// and one or two letters, which are Latin whichever keyboard typed them ("в1" is the level B1).
    static func foldLookAlikes(_ token: String) -> (String, Script) {
        var cyrillic = 0, latin = 0, digits = 0
        for s in token.unicodeScalars {
            if isCyrillic(s) { cyrillic += 1 } else if isLatin(s) { latin += 1 } else if s.properties.numericType != nil { digits += 1 }
        }
        if cyrillic == 0 && latin == 0 { return (token, .other) }
        let code = digits > 0 && cyrillic + latin <= 2 && token.unicodeScalars.allSatisfy { !isCyrillic($0) || cyrillicToLatin[$0] != nil }
        if latin == 0 && !code { return (token, .cyrillic) }
        if cyrillic == 0 { return (token, .latin) }
        let toCyrillic = cyrillic >= latin && !code
        var out = String.UnicodeScalarView()
        for s in token.unicodeScalars {
            out.append(toCyrillic ? (latinToCyrillic[s] ?? s) : (cyrillicToLatin[s] ?? s))
        }
        return (String(out), toCyrillic ? .cyrillic : .latin)
    }

    /// Function words that say nothing about the topic (the Snowball stop lists, shortened).
    static let stopRussian: Set<String> = [
        "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так", "его", "но", "да", "ты", "к", "у",
        "же", "вы", "за", "бы", "по", "только", "ее", "мне", "было", "вот", "от", "меня", "еще", "нет", "о", "из", "ему", "теперь", "когда",
        "даже", "ну", "вдруг", "ли", "если", "уже", "или", "ни", "быть", "был", "него", "до", "вас", "нибудь", "опять", "уж", "вам", "ведь",
        "там", "потом", "себя", "ничего", "ей", "может", "они", "тут", "где", "есть", "надо", "ней", "для", "мы", "тебя", "их", "чем", "была",
        "сам", "чтоб", "без", "будто", "чего", "раз", "тоже", "себе", "под", "будет", "ж", "тогда", "кто", "этот", "того", "потому", "этого",
        "какой", "совсем", "ним", "здесь", "этом", "один", "почти", "мой", "тем", "чтобы", "нее", "сейчас", "были", "куда", "зачем", "всех",
        "никогда", "можно", "при", "наконец", "два", "об", "другой", "хоть", "после", "над", "больше", "тот", "через", "эти", "нас", "про",
        "всего", "них", "какая", "много", "разве", "три", "эту", "моя", "впрочем", "хорошо", "свою", "этой", "перед", "иногда", "лучше",
        "чуть", "том", "нельзя", "такой", "им", "более", "всегда", "конечно", "всю", "между", "это", "мои", "моё", "мое", "вами", "ваш",
        "ваши", "вашей", "пожалуйста", "здравствуйте", "привет", "добрый", "день", "подскажите", "скажите", "спасибо", "хочу", "хотел",
        "хотела", "вообще", "просто", "очень", "какие", "каких", "какое", "какого", "каким", "какую", "каком", "какой", "сколько",
        "скока", "скоко", "скок", "че", "шо", "плиз", "пжлст", "пж", "спс", "ваше", "вашего", "вашу", "вашем", "вашим", "можете",
        "хотите", "хотим", "такие", "такое", "этих", "эта", "этим", "этому", "нужно", "нужна", "нужен", "нужны", "делать", "сделать",
        "бывает", "бывают", "возможно", "вопрос", "подскажи", "скажи", "пожалуйста", "пожалуйсто", "пожалуста", "блин",
        "кстати", "сегодня", "завтра", "вчера",
        // Words that frame a question rather than say what it is about.
        "узнать", "узнаю", "значит", "означает", "могу", "можем", "мочь", "сказать", "объяснить", "объясните", "понять", "понимаю",
        "интересует", "интересно", "планирую", "собираюсь", "получится", "реально", "примерно", "правда", "вопросик", "уточнить",
        // Small talk.
        "дела", "делишки", "поживаете", "ок", "окей", "ладно", "понятно", "ясно",
    ]
    static let stopEnglish: Set<String> = [
        "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "what", "which",
        "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do",
        "does", "did", "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with",
        "about", "to", "from", "in", "out", "on", "off", "over", "then", "once", "here", "there", "when", "where", "why", "how", "all",
        "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than",
        "too", "very", "can", "will", "just", "should", "now", "please", "hi", "hello", "thanks", "could", "would", "want", "like",
        "much", "many", "may", "need", "get", "there", "anyone", "tell", "know",
    ]
}
