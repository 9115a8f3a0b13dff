import Foundation

/// Reading a school's structure out of the names it gives things: groups named after a training
/// («General English B1 | Поток 3», «IELTS · Урок 05 просмотрен»), lessons that carry their number
/// («Урок 3. Present Perfect», «Lesson 3 — …»), deals that say how long they last («— 3 месяца»).
/// Every school spells these its own way, so matching folds case, ё, spacing and separators.
public enum SchoolNames {
    /// Lower case, ё→е, every run of separators or spaces one space: «General English B1 | Поток 3»
    /// and «general english b1 · поток 3» read the same.
    public static func normalized(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in TextFold.key(s) {
            if ch.isLetter || ch.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// The training whose title a name starts with (the longest, so «General English B1» wins over
    /// «General English»), or nil. `titles` maps training ids to their normalized titles.
    public static func training(named name: String, titles: [(id: Int64, title: String)]) -> Int64? {
        let n = normalized(name)
        var best: (id: Int64, length: Int)?
        for t in titles where !t.title.isEmpty {
            guard n == t.title || n.hasPrefix(t.title + " ") else { continue }
            if best == nil || t.title.count > best!.length { best = (t.id, t.title.count) }
        }
        return best?.id
    }

    static let lessonWords: Set<String> = ["урок", "lesson", "занятие", "unit", "неделя", "week", "модуль", "module", "тема"]
    static let viewedWords = ["просмотр", "viewed", "watched", "открыл", "открыт", "пройден"]

    /// A lesson-view group («Урок 05 просмотрен», «IELTS - урок №5 просмотрен», «Lesson 5 viewed»):
    /// the lesson number, and the name before the lesson word (the training, if the school names it).
    public static func lessonView(_ name: String) -> (number: Int, prefix: String)? {
        let words = normalized(name).split(separator: " ").map(String.init)
        guard words.contains(where: { w in viewedWords.contains { w.hasPrefix($0) } }) else { return nil }
        for (i, w) in words.enumerated() where lessonWords.contains(w) || w.hasPrefix("урок") {
            // «урок 5», «урок № 5» (№ is a separator), or «урок5».
            if i + 1 < words.count, let n = Int(words[i + 1]), n > 0, n < 1000 {
                return (n, words[..<i].joined(separator: " "))
            }
            if let n = Int(w.drop(while: \.isLetter)), n > 0, n < 1000 {
                return (n, words[..<i].joined(separator: " "))
            }
        }
        return nil
    }

    /// The number a lesson's own name gives it: «Урок 3. …», «Lesson 03: …», «3. …», «Занятие №3».
    public static func lessonNumber(inTitle title: String) -> Int? {
        let words = normalized(title).split(separator: " ").map(String.init)
        for (i, w) in words.enumerated() where lessonWords.contains(w) || w.hasPrefix("урок") {
            if i + 1 < words.count, let n = Int(words[i + 1]), n > 0, n < 1000 { return n }
            if let n = Int(w.drop(while: \.isLetter)), n > 0, n < 1000 { return n }
        }
        // A name that starts with its number: «3. Present Perfect», «03 — Travel».
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 3, let n = Int(digits), n > 0 {
            let rest = trimmed.dropFirst(digits.count)
            if rest.isEmpty || rest.first.map({ !$0.isLetter && !$0.isNumber }) == true { return n }
        }
        return nil
    }

    /// How long a purchase lasts, in days, when its title says so: «— 3 месяца», «оплата за месяц»,
    /// «6 месяцев», «полгода», «год», «12 недель», «90 дней», «3 months».
    public static func durationDays(inTitle title: String) -> Int? {
        let words = normalized(title).split(separator: " ").map(String.init)
        func unit(_ w: String) -> Int? {
            if w.hasPrefix("месяц") || w == "мес" || w.hasPrefix("month") { return 30 }
            if w.hasPrefix("недел") || w.hasPrefix("week") { return 7 }
            if w == "день" || w == "дня" || w == "дней" || w == "дн" || w == "day" || w == "days" { return 1 }
            if w == "год" || w == "года" || w == "лет" || w == "year" || w == "years" { return 365 }
            return nil
        }
        let numberWords = ["один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "девять": 9, "двенадцать": 12]
        for (i, w) in words.enumerated() {
            if w == "полгода" || w == "полугодие" { return 182 }
            guard let u = unit(w) else { continue }
            if i > 0, let n = Int(words[i - 1]) ?? numberWords[words[i - 1]], n > 0, n <= 400 { return n * u }
            // «за месяц», «на год», «месяц занятий»: one of the unit.
            if u >= 7 { return u }
        }
        return nil
    }
}
