/// Turns text into search terms: NFC, lowercase, ё→е (never stripping diacritics: й is not и),
/// tokens of letters and digits, look-alike Latin/Cyrillic letters folded into the token's main
/// script ("урoк" typed with a Latin o), stop words dropped, each token stemmed by its script.
public enum SearchTerms {
    enum Script { case cyrillic, latin, other }

    public static func terms(_ text: String) -> [String] {
        tokens(text).compactMap { token in
            let (word, script) = foldLookAlikes(token)
            switch script {
            case .cyrillic: return stopRussian.contains(word) ? nil : RussianStemmer.stem(word)
            case .latin: return stopEnglish.contains(word) ? nil : EnglishStemmer.stem(word)
            case .other: return word
            }
        }
    }

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
    /// of the other script are replaced. Unmixed tokens pass unchanged.
    static func foldLookAlikes(_ token: String) -> (String, Script) {
        var cyrillic = 0, latin = 0
        for s in token.unicodeScalars {
            if isCyrillic(s) { cyrillic += 1 } else if isLatin(s) { latin += 1 }
        }
        if cyrillic == 0 && latin == 0 { return (token, .other) }
        if latin == 0 { return (token, .cyrillic) }
        if cyrillic == 0 { return (token, .latin) }
        let toCyrillic = cyrillic >= latin
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
        "хотела", "бы", "вообще", "просто", "очень", "какие", "каких", "какое", "сколько",
    ]
    static let stopEnglish: Set<String> = [
        "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "what", "which",
        "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do",
        "does", "did", "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with",
        "about", "to", "from", "in", "out", "on", "off", "over", "then", "once", "here", "there", "when", "where", "why", "how", "all",
        "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than",
        "too", "very", "can", "will", "just", "should", "now", "please", "hi", "hello", "thanks", "could", "would", "want", "like",
    ]
}
