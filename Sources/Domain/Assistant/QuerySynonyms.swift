import Foundation

/// The school's colloquial words and abbreviations, each standing for the words its articles use
/// ("домашка" → "домашнее задание", "тг" → "telegram"). Matched by stem, so every inflection of a
/// word is covered; applied to questions only, so the articles keep their own wording.
public struct QuerySynonyms: Sendable {
    /// stem → the stems it stands for.
    let expansions: [String: [String]]

    public static let none = QuerySynonyms(expansions: [:])

    public typealias ParseError = LineError

    /// Lines `word: the words it stands for`; `#` starts a comment line.
    public static func parse(_ text: String) throws(ParseError) -> QuerySynonyms {
        var expansions: [String: [String]] = [:]
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw ParseError(line: i + 1, problem: "expected \"word: the words it stands for\"") }
            let keys = SearchTerms.terms(parts[0]), meaning = SearchTerms.terms(parts[1])
            guard keys.count == 1 else { throw ParseError(line: i + 1, problem: "\"\(parts[0])\" must be one word that is not a stop word") }
            guard !meaning.isEmpty else { throw ParseError(line: i + 1, problem: "\"\(parts[1])\" holds no searchable word") }
            guard expansions[keys[0]] == nil else { throw ParseError(line: i + 1, problem: "\"\(parts[0])\" is listed twice") }
            expansions[keys[0]] = meaning
        }
        return QuerySynonyms(expansions: expansions)
    }

    /// The stems `stem` stands for, or itself.
    public func expand(_ stem: String) -> [String] { expansions[stem] ?? [stem] }
}
