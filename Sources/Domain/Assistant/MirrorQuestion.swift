/// A curator's question about the school's own data, answered from the mirror without a model:
/// "кто в зоне риска?", "кто не заходил неделю?", "прогресс Ивановой", "непроверенные домашки",
/// "открытые алерты" — in Russian or English, as typed (case, ё, typos at word ends).
public enum MirrorQuestion: Sendable, Equatable {
    case atRisk
    case inactive(days: Int)
    /// `name` is the name as typed, possibly inflected ("Ивановой"); empty means "my own" (a student).
    case progress(name: String)
    case uncheckedHomework
    case openAlerts

    public static func parse(_ text: String) -> MirrorQuestion? {
        let words = SearchTerms.foldedTokens(text)
        func has(_ prefixes: String...) -> Bool { words.contains { w in prefixes.contains { w.hasPrefix($0) } } }
        func hasWord(_ exact: String...) -> Bool { words.contains { exact.contains($0) } }
        // About students as a group ("кто", "who", "список"), not a student's own question.
        let aboutStudents = has("кто", "кого", "who", "список", "list", "ученик", "студент", "student", "которые", "сколько")
        let negated = hasWord("не", "not", "haven", "hasn", "havent", "hasnt", "no", "t")

        if has("непровер", "unchecked", "unreviewed", "ungraded") || (negated && has("проверен", "checked", "reviewed"))
            || (hasWord("на") && hasWord("проверке")) || has("pending") {
            return .uncheckedHomework
        }
        if has("алерт", "тревог", "предупрежден", "alert", "warning") { return .openAlerts }
        if has("неактив", "inactive") || (aboutStudents && has("пропал", "пропавш"))
            || (aboutStudents && negated && has("заход", "зашел", "зашл", "заглядыв", "актив", "появля", "был", "active", "logged", "log", "seen", "visit", "занимал")) {
            return .inactive(days: days(in: words) ?? 7)
        }
        if aboutStudents && has("риск", "risk", "бросит", "бросают", "уйдут", "уйти", "отвал", "dropout", "drop") { return .atRisk }
        if has("прогресс", "успеваемост", "успехи", "progress") || (hasWord("как", "how") && has("учит", "успева", "doing"))
            || (hasWord("дела") && hasWord("у")) {
            return .progress(name: name(in: text))
        }
        return nil
    }

    /// "неделю" → 7, "5 дней" → 5, "две недели" → 14, "month" → 30.
    static func days(in words: [String]) -> Int? {
        for (i, w) in words.enumerated() {
            let unit: Int? = if w.hasPrefix("дн") || w.hasPrefix("ден") || w.hasPrefix("day") || w == "d" { 1 }
                else if w.hasPrefix("недел") || w.hasPrefix("week") { 7 }
                else if w.hasPrefix("месяц") || w.hasPrefix("month") { 30 }
                else { nil }
            guard let unit else { continue }
            let count = i > 0 ? (Int(words[i - 1]) ?? numberWords[words[i - 1]]) : nil
            return (count ?? 1) * unit
        }
        return words.lazy.compactMap { Int($0) }.first
    }

    static let numberWords: [String: Int] = [
        "один": 1, "одну": 1, "одного": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "четыре": 4, "пять": 5, "шесть": 6,
        "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10,
    ]

    /// The words of the question that are not the question itself: the student's name.
    static func name(in text: String) -> String {
        let framing: Set<String> = [
            "прогресс", "успеваемость", "успехи", "какой", "какая", "как", "у", "дела", "учится", "успевает", "покажи", "покажите",
            "мой", "моя", "мои", "моё", "мое", "ученика", "ученицы", "студента", "студентки", "по", "progress", "of", "how", "is", "doing",
            "show", "student", "the", "my", "s", "а", "что", "с", "там",
        ]
        return SearchTerms.tokens(text).filter { !framing.contains($0) }.joined(separator: " ")
    }
}
