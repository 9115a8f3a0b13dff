/// The pieces of the knowledge base that are embedded for semantic search: each article's title,
/// its title with its tags, each paragraph under its title (a paragraph alone often does not say
/// what it is about), and each example question. An article is as near to a question as its
/// nearest passage.
public struct KnowledgePassage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Text of the article, embedded as a passage.
        case text
        /// A question students ask, embedded as a query like the student's own question.
        case question
    }

    /// The article's position in the index.
    public var article: Int
    public var text: String
    public var kind: Kind
    /// The article's paragraph this passage is, if it is one.
    public var paragraph: Int?
    /// A stable fingerprint of the text and kind: a stored embedding is reused while its passage is unchanged.
    public var key: String { TextFingerprint.of(kind == .question ? "query: " + text : text) }

    public init(article: Int, text: String, kind: Kind = .text, paragraph: Int? = nil) {
        self.article = article
        self.text = text
        self.kind = kind
        self.paragraph = paragraph
    }

    public static func of(_ articles: [KnowledgeArticle]) -> [KnowledgePassage] {
        articles.enumerated().flatMap { i, a in
            [a.title, a.tags.isEmpty ? nil : a.title + ". " + a.tags.joined(separator: ", ")].compactMap { $0 }.map { KnowledgePassage(article: i, text: $0) }
                + a.paragraphs.enumerated().map { KnowledgePassage(article: i, text: a.title + ". " + $0.element, paragraph: $0.offset) }
                + a.questions.map { KnowledgePassage(article: i, text: $0, kind: .question) }
        }
    }
}

/// FNV-1a, 64 bits, as hex: the same text gives the same key on every machine and run.
public enum TextFingerprint {
    public static func of(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
