import Foundation

/// Checks a homework answer against the lesson's keys from data/: tolerant of case, spacing,
/// punctuation, quotes, contractions, British or American spelling, optional words the key marks
/// `(the)`, and one-letter slips in long words; unsure where a human should look.
public struct HomeworkChecker: Sendable {
    /// The keys' readings of `lessons`, computed once (a sync checks many answers to the same lessons).
    private let known: [Int64: [Keys]]

    public init(lessons: [CurriculumLesson] = []) {
        var known: [Int64: [Keys]] = [:]
        for l in lessons { known[l.id] = l.homework.sorted { $0.number < $1.number }.map(Keys.init) }
        self.known = known
    }

    /// An exercise's keys as the checker compares them.
    struct Keys: Sendable {
        /// Every accepted reading; for a gap, also the whole sentence with the key in the gap.
        var readings: [[String]]
        /// A choice's options: letter, text and its words.
        var options: [(letter: String, text: String, words: [String])]

        init(_ e: Exercise) {
            readings = e.answers.flatMap { HomeworkChecker.readings(ofKey: $0) }
            if e.kind == .gapFill, e.prompt.contains("___") {
                let sentence = HomeworkChecker.withoutHints(e.prompt)
                readings += e.answers.flatMap { HomeworkChecker.readings(ofKey: sentence.replacingOccurrences(of: "___", with: $0)) }
            }
            options = (e.options ?? []).map(HomeworkChecker.option).map { ($0.letter, $0.text, AnswerText.words($0.text)) }
        }
    }

    public func check(_ text: String, lesson: CurriculumLesson) -> HomeworkCheck {
        let exercises = lesson.homework.sorted { $0.number < $1.number }
        let parsed = AnswerParser.parse(text, itemCount: exercises.count, lastIsEssay: exercises.last?.kind == .essay)
        if let problem = parsed.ambiguity {
            return HomeworkCheck(items: exercises.map { ItemCheck(number: $0.number, kind: $0.kind, verdict: .unsure, given: "",
                                                                 expected: $0.answers.first ?? "", note: "") }, ambiguity: problem)
        }
        // Items are numbered by position: the student numbers the tasks 1…N as shown.
        let keys = known[lesson.id]
        return HomeworkCheck(items: exercises.enumerated().map { i, e in check(parsed.items[i + 1] ?? "", e, keys: keys?[i]) })
    }

    public func check(_ given: String, _ e: Exercise) -> ItemCheck { check(given, e, keys: nil) }

    func check(_ given: String, _ e: Exercise, keys known: Keys?) -> ItemCheck {
        let k = known ?? Keys(e)
        let expected = e.answers.first.map(Self.withoutOptionalMarks) ?? ""
        func item(_ v: ItemCheck.Verdict, _ note: String) -> ItemCheck {
            ItemCheck(number: e.number, kind: e.kind, verdict: v, given: given, expected: expected, note: note)
        }
        if e.kind == .essay {
            let words = AnswerText.words(given).count
            guard words > 0 else { return item(.missing, "эссе не прислано") }
            let short = e.minWords.map { words < $0 } ?? false
            return item(.teacher, "эссе, \(words) сл." + (short ? " — меньше требуемых \(e.minWords!)" : "") + ": проверит преподаватель")
        }
        guard !given.isEmpty else { return item(.missing, "нет ответа; нужно: «\(expected)». \(e.rule)") }
        if e.kind == .multipleChoice { return choice(given, e, k.options, item) }

        let typed = AnswerText.readings(given)
        let keys = k.readings
        if typed.contains(where: keys.contains) { return item(.right, "") }
        for t in typed {
            for k in keys where t.count == k.count {
                let differ = zip(t, k).filter { $0 != $1 }
                if differ.count == 1, Spelling.isTypo(differ[0].0, of: differ[0].1) {
                    return item(.spelling, "верно, но проверьте написание: «\(differ[0].0)» → «\(differ[0].1)»")
                }
            }
        }
        let rule = e.rule.isEmpty ? "" : " Правило: \(e.rule)"
        let reordered = typed.contains { t in keys.contains { $0.count == t.count && $0.sorted() == t.sorted() } }
        if e.kind == .wordOrder && reordered { return item(.wrong, "слова не в том порядке; нужно: «\(expected)».\(rule)") }
        if e.kind == .translation {
            // The key's words in another order ("Last night we watched…"), or one word more ("I think that he…"):
            // often right, sometimes not.
            if reordered { return item(.unsure, "те же слова, что в ключе, в другом порядке — возможно, тоже верно; посмотрите сами") }
            // An article the key does not allow is a mistake (keys mark optional ones), another word may not be.
            if let extra = Self.oneWordMore(typed, keys), !["a", "an", "the"].contains(extra) {
                return item(.unsure, "по ключу, но с лишним словом «\(extra)» — посмотрите сами")
            }
            if let why = possibleAlternative(typed, keys) { return item(.unsure, why) }
        }
        return item(.wrong, "нужно: «\(expected)».\(rule)")
    }

    /// A translation that keeps to the key's grammar but uses content words no key variant has may be
    /// a right translation the key does not list: a human decides. Errors in grammar words are errors.
    func possibleAlternative(_ typed: [[String]], _ keys: [[String]]) -> String? {
        let vocabulary = Set(keys.joined())
        for t in typed {
            let unknown = t.filter { !vocabulary.contains($0) && !Self.functionWords.contains($0) }
            guard !unknown.isEmpty else { continue }
            // A third of a key's words or more: a rephrasing, not a different sentence.
            let best = keys.map { k in Double(Set(k).intersection(t).count) / Double(max(k.count, t.count)) }.max() ?? 0
            if best >= 0.3 {
                return "возможно, верный перевод, которого нет в ключе (слова: \(unknown.map { "«\($0)»" }.joined(separator: ", "))) — посмотрите сами"
            }
        }
        return nil
    }

    /// The word a reading has beyond a key (the rest equal, in order).
    static func oneWordMore(_ typed: [[String]], _ keys: [[String]]) -> String? {
        for t in typed {
            for k in keys where t.count == k.count + 1 {
                for i in t.indices where Array(t[..<i] + t[(i + 1)...]) == k { return t[i] }
            }
        }
        return nil
    }

    func choice(_ given: String, _ e: Exercise, _ options: [(letter: String, text: String, words: [String])],
                _ item: (ItemCheck.Verdict, String) -> ItemCheck) -> ItemCheck {
        let right = e.answers.first?.lowercased() ?? ""
        let shown = { (letter: String) in options.first { $0.letter == letter }.map { "\($0.letter)) \($0.text)" } ?? letter }
        let words = AnswerText.words(Self.latinLookalikes(given))
        var letter: String?
        var rest = words
        if let first = words.first, first.count == 1 {
            if first == "в" { return item(.unsure, "«в» — русская буква: третий вариант (c) или похожая на B (b)?") }
            if options.contains(where: { $0.letter == first }) {
                letter = first
                rest = Array(words.dropFirst())
            }
        }
        // The option's text, written out (with or without its letter), or inside a sentence: the
        // longest option found ("have lost" holds "lost" too).
        let exact = options.filter { !rest.isEmpty && $0.words == rest }
        let inside = options.filter { !$0.words.isEmpty && rest.count > $0.words.count && rest.contains(subsequence: $0.words) }
        let longest = inside.map(\.words.count).max()
        let byText = (exact.isEmpty ? inside.filter { $0.words.count == longest } : exact).map(\.letter)
        if let l = letter, !rest.isEmpty, !byText.isEmpty, !byText.contains(l) {
            return item(.unsure, "буква «\(l)» и текст варианта не совпадают")
        }
        guard let chosen = letter ?? (byText.count == 1 ? byText[0] : nil) else {
            return item(.unsure, "не удалось понять, какой вариант выбран")
        }
        return chosen == right ? item(.right, "")
            : item(.wrong, "выбран вариант \(shown(chosen)), верный — \(shown(right)).\(e.rule.isEmpty ? "" : " Правило: \(e.rule)")")
    }

    static func option(_ s: String) -> (letter: String, text: String) {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard let close = t.firstIndex(of: ")"), t.distance(from: t.startIndex, to: close) <= 2 else { return ("", t) }
        return (String(t[..<close]).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "(")),
                String(t[t.index(after: close)...]).trimmingCharacters(in: .whitespaces))
    }

    /// Cyrillic letters typed for the Latin ones they look like (а, с, е on a Russian layout), and б for b.
    static func latinLookalikes(_ s: String) -> String {
        String(s.map { c -> Character in
            switch c {
            case "а", "А": "a"
            case "б", "Б": "b"
            case "с", "С": "c"
            case "е", "Е": "e"
            case "В": "b"
            default: c
            }
        })
    }

    /// A key's readings; `(word)` marks an optional word.
    static func readings(ofKey key: String) -> [[String]] {
        var variants = [""]
        var rest = Substring(key)
        while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            let head = String(rest[..<open]) + " ", optional = String(rest[rest.index(after: open)..<close]) + " "
            variants = variants.flatMap { (v: String) -> [String] in [v + head + optional, v + head] }
            rest = rest[rest.index(after: close)...]
        }
        return variants.flatMap { AnswerText.readings($0 + String(rest)) }
    }

    static func withoutOptionalMarks(_ key: String) -> String {
        key.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
    }

    /// The prompt without its hints: "She ___ (visit) Rome" → "She ___ Rome".
    static func withoutHints(_ prompt: String) -> String {
        var out = ""
        var depth = 0
        for c in prompt {
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if depth == 0 { out.append(c) }
        }
        return out
    }

    /// Grammar words: a wrong one is a grammar error, never a synonym the key lacks.
    static let functionWords: Set<String> = Set("""
        a an the this that these those i you he she it we they me him her us them my your his its our their mine yours \
        am is are was were be been being do does did done have has had having will would shall should can could may might must \
        not no to of in on at by for with from about into over under after before since until as than then so and or but if when while \
        go goes went gone going
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}

extension Array where Element: Equatable {
    func contains(subsequence s: [Element]) -> Bool {
        guard !s.isEmpty, s.count <= count else { return s.isEmpty }
        return (0...(count - s.count)).contains { self[$0..<($0 + s.count)].elementsEqual(s) }
    }
}
