import Foundation

/// One article of the school's knowledge base (data/knowledge-base/*.md): front matter, then text.
public struct KnowledgeArticle: Sendable, Equatable {
    public var id: String
    public var title: String
    public var tags: [String]
    public var lang: String
    /// The article states a rule but the case always goes to the curator too (refunds, complaints).
    public var escalate: Bool
    /// Questions students asked that this article answers, in their words (the front matter's
    /// `questions:` list): semantic search matches new questions against them.
    public var questions: [String]
    public var body: String

    public init(id: String, title: String, tags: [String], lang: String, escalate: Bool, questions: [String] = [], body: String) {
        self.id = id
        self.title = title
        self.tags = tags
        self.lang = lang
        self.escalate = escalate
        self.questions = questions
        self.body = body
    }

    public struct ParseError: Error, Equatable, Sendable {
        public var field: String
        public var problem: String

        public init(field: String, problem: String) {
            self.field = field
            self.problem = problem
        }
    }

    /// Parses `---` front matter (id, title, tags as `[a, b]`, lang, escalate, and `questions:`
    /// followed by lines `  - question`) and the body.
    public static func parse(_ text: String) throws(ParseError) -> KnowledgeArticle {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw ParseError(field: "front matter", problem: "must start and end with a line of ---")
        }
        var fields: [String: String] = [:]
        var questions: [String] = []
        var inQuestions = false
        for line in lines[1..<end] where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inQuestions, line.first?.isWhitespace == true || trimmed.hasPrefix("- ") {
                guard trimmed.hasPrefix("- "), !trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ParseError(field: "questions", problem: "each question is a line `  - question`")
                }
                questions.append(trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces))
                continue
            }
            inQuestions = false
            if trimmed == "questions:" {
                inQuestions = true
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw ParseError(field: String(line), problem: "is not `key: value`") }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        func required(_ key: String) throws(ParseError) -> String {
            guard let v = fields[key], !v.isEmpty else { throw ParseError(field: key, problem: "is missing") }
            return v
        }
        let tagsText = try required("tags")
        guard tagsText.hasPrefix("["), tagsText.hasSuffix("]") else { throw ParseError(field: "tags", problem: "must be a list like [a, b]") }
        let tags = tagsText.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let escalate: Bool
        switch fields["escalate"] ?? "false" {
        case "true": escalate = true
        case "false": escalate = false
        default: throw ParseError(field: "escalate", problem: "must be true or false")
        }
        let body = lines[(end + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw ParseError(field: "body", problem: "is empty") }
        return KnowledgeArticle(id: try required("id"), title: try required("title"), tags: tags, lang: try required("lang"), escalate: escalate,
                                questions: questions, body: body)
    }

    /// `text` (an article file) with `question` added to its `questions:` list, the rest unchanged;
    /// the question on one line, its markup and line breaks removed. Nil when the file already lists it.
    public static func adding(question: String, to text: String) throws(ParseError) -> String? {
        let question = MessageText.plain(question).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !question.isEmpty else { throw ParseError(field: "questions", problem: "the question is empty") }
        let article = try parse(text)
        if article.questions.contains(question) { return nil }
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let end = lines.dropFirst().firstIndex { $0.trimmingCharacters(in: .whitespaces) == "---" }!
        if let start = lines[1..<end].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "questions:" }) {
            var last = start
            while last + 1 < end, lines[last + 1].trimmingCharacters(in: .whitespaces).hasPrefix("- ") { last += 1 }
            lines.insert("  - " + question, at: last + 1)
        } else {
            lines.insert(contentsOf: ["questions:", "  - " + question], at: end)
        }
        return lines.joined(separator: "\n")
    }

    /// Paragraphs of the body (blank-line separated).
    public var paragraphs: [String] {
        body.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
