import Domain

/// Homework answers as students type them: numbered in varying styles, with typos, wrong words and
/// swapped words as skill allows. The simulated school writes its answers with it; the benchmark
/// checks answers written by it.
public enum HomeworkAnswerWriter {
    /// One answer to `lesson`'s homework; `skill` is the share of items answered right.
    public static func answer(_ lesson: CurriculumLesson, skill: Double, rng: inout SeededRandom) -> String {
        var parts: [String] = []
        for e in lesson.homework {
            var a: String
            switch e.kind {
            case .essay:
                let n = Int.random(in: 3...9, using: &rng)
                a = (0..<n).map { _ in rng.pick(SimulationTexts.essaySentences) }.joined(separator: " ")
            case .multipleChoice:
                let letters = (e.options ?? []).map { String($0.prefix(1)) }
                a = rng.chance(skill) ? e.answers[0] : rng.pick(letters.filter { $0 != e.answers[0] } + [e.answers[0]])
            default:
                a = optionalWords(rng.pick(e.answers), rng: &rng)
                if !rng.chance(skill) { a = mistake(in: a, rng: &rng) }
                if rng.chance(0.2) { a = a.lowercased() }
                if rng.chance(0.2) { a = String(a.filter { $0 != "." && $0 != "?" }) }
            }
            parts.append(a)
        }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return parts.enumerated().map { "\($0 + 1)) \($1)" }.joined(separator: "\n")
        case 1: return parts.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "; ")
        case 2: return parts.joined(separator: "\n")
        default: return parts.enumerated().map { "\($0 + 1)) \($1)" }.joined(separator: " ")
        }
    }

    /// A key's optional words, "(the)", written or left out as a student would.
    static func optionalWords(_ key: String, rng: inout SeededRandom) -> String {
        var out = "", optional = "", inside = false
        for c in key {
            switch c {
            case "(": inside = true
            case ")":
                inside = false
                if rng.chance(0.5) { out += optional }
                optional = ""
            default: if inside { optional.append(c) } else { out.append(c) }
            }
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    static func mistake(in answer: String, rng: inout SeededRandom) -> String {
        var words = answer.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return answer }
        let i = Int.random(in: 0..<words.count, using: &rng)
        if rng.chance(0.5), words[i].count > 5 {
            // A one-letter typo in a long word.
            var chars = Array(words[i])
            chars[Int.random(in: 1..<(chars.count - 1), using: &rng)] = rng.pick(SimulationTexts.typoLetters)
            words[i] = String(chars)
        } else if words.count > 2 && rng.chance(0.5) {
            words.swapAt(i, (i + 1) % words.count)
        } else {
            words[i] = rng.pick(["go", "have", "is", "did", "was", "the", "will"])
        }
        return words.joined(separator: " ")
    }
}
