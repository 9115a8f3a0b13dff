/// The knowledge base and the hand-off examples in embedding space: what a question's embedding
/// is compared with.
public struct SemanticIndex: Sendable {
    /// Articles by their nearest passage (text or example question).
    public let articles: DenseIndex
    /// The passages of `articles`, in its order.
    public let passages: [KnowledgePassage]
    /// The hand-off examples, one vector each.
    public let examples: DenseIndex
    public let exampleReasons: [AssistantReply.HandoffReason?]

    public init(articles: DenseIndex, passages: [KnowledgePassage], examples: DenseIndex, exampleReasons: [AssistantReply.HandoffReason?]) {
        self.articles = articles
        self.passages = passages
        self.examples = examples
        self.exampleReasons = exampleReasons
    }

    /// An article is as near as the mean of its three nearest passages.
    public static let passagesPerArticle = 3

    /// Articles by meaning, nearest first.
    public func nearestArticles(_ query: [Float], limit: Int) -> [DenseIndex.Hit] {
        articles.search(query, limit: limit, nearest: Self.passagesPerArticle)
    }

    /// The cosine of the article example question nearest to the query (-1 without any).
    public func nearestExampleQuestion(_ query: [Float]) -> Float {
        zip(articles.similarities(query), passages).filter { $0.1.kind == .question }.map(\.0).max() ?? -1
    }

    /// The examples nearest to the question, with what each needs.
    public func nearestExamples(_ query: [Float], limit: Int) -> [(reason: AssistantReply.HandoffReason?, similarity: Float)] {
        examples.search(query, limit: limit).map { (exampleReasons[$0.article], $0.similarity) }
    }
}
