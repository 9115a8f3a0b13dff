import Domain
import Foundation
import Storage

/// Semantic search over the knowledge base and the hand-off examples: their texts embedded by e5
/// (from the mirror when the text and model are unchanged, else computed and kept there), a
/// question embedded as a query.
public struct SemanticSearch: Sendable {
    /// The model the stored vectors belong to.
    public static let model = "multilingual-e5-small-q4"

    private let engine: E5Engine
    public let index: SemanticIndex
    /// Texts embedded now (not found in the mirror).
    public let embedded: Int

    public init(engine: E5Engine, articles: [KnowledgeArticle], examples: [HandoffExample], store: MirrorStore?) throws {
        let passages = KnowledgePassage.of(articles)
        // Example questions and hand-off examples are embedded as queries, like the student's message.
        let texts = passages.map { (key: $0.key, text: $0.text, query: $0.kind == .question) }
            + examples.map { (key: TextFingerprint.of("query: " + $0.text), text: $0.text, query: true) }
        let embeddings = store.map(EmbeddingStore.init)
        let stored = (try? embeddings?.vectors(model: Self.model)) ?? [:]
        var fresh: [String: [Float]] = [:]
        let vectors = try texts.map { t in
            if let v = stored[t.key] ?? fresh[t.key] { return v }
            let v = try engine.embed(t.text, query: t.query)
            fresh[t.key] = v
            return v
        }
        // A read-only mirror keeps nothing: the vectors are computed again next time.
        if !fresh.isEmpty { try? embeddings?.save(model: Self.model, vectors: fresh) }
        self.engine = engine
        embedded = fresh.count
        index = SemanticIndex(articles: DenseIndex(items: passages.map(\.article), vectors: Array(vectors[..<passages.count]), dimension: engine.dimension),
                              passages: passages,
                              examples: DenseIndex(items: Array(examples.indices), vectors: Array(vectors[passages.count...]), dimension: engine.dimension),
                              exampleReasons: examples.map(\.reason))
    }

    /// The question's embedding.
    public func embed(_ question: String) throws -> [Float] { try engine.embed(question, query: true) }

    /// Articles by their nearest passage to the question, most similar first.
    public func search(_ question: String, limit: Int = 5) throws -> [DenseIndex.Hit] {
        index.nearestArticles(try embed(question), limit: limit)
    }
}
