import Domain
import Foundation
import Storage

/// Semantic search over the knowledge base: its passages embedded by e5 (from the mirror when the
/// passage and model are unchanged, else computed and kept there), a question embedded as a query.
public struct SemanticSearch: Sendable {
    /// The model the stored vectors belong to.
    public static let model = "multilingual-e5-small-q4"

    public let engine: E5Engine
    public let index: DenseIndex
    /// Passages embedded now (not found in the mirror).
    public let embedded: Int

    public init(engine: E5Engine, articles: [KnowledgeArticle], store: MirrorStore?) throws {
        let passages = KnowledgePassage.of(articles)
        let keys = passages.map(\.key)
        let stored = try store.map { try EmbeddingStore($0).vectors(model: Self.model, keys: keys) } ?? [:]
        var fresh: [String: [Float]] = [:]
        var vectors: [[Float]] = []
        for (p, key) in zip(passages, keys) {
            if let v = stored[key] ?? fresh[key] {
                vectors.append(v)
            } else {
                let v = try engine.embed(p.text, query: false)
                fresh[key] = v
                vectors.append(v)
            }
        }
        if let store, !fresh.isEmpty { try EmbeddingStore(store).save(model: Self.model, vectors: fresh) }
        self.engine = engine
        embedded = fresh.count
        index = DenseIndex(passages: passages, vectors: vectors, dimension: engine.dimension)
    }

    /// Articles by their nearest passage to the question, most similar first.
    public func search(_ question: String, limit: Int = 5) throws -> [DenseIndex.Hit] {
        index.search(try engine.embed(question, query: true), limit: limit)
    }
}
