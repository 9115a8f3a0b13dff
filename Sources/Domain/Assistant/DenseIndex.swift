/// Articles by the cosine similarity of their nearest passage to a question, over normalised
/// embeddings (so a dot product is the cosine).
public struct DenseIndex: Sendable {
    public struct Hit: Sendable, Equatable {
        public var article: Int
        public var similarity: Float
    }

    public let dimension: Int
    /// The article of each passage, and the passages' vectors one after another.
    private let articles: [Int]
    private let vectors: [Float]

    /// `vectors[i]` is the embedding of `passages[i]`; every vector has `dimension` values.
    public init(passages: [KnowledgePassage], vectors: [[Float]], dimension: Int) {
        precondition(passages.count == vectors.count && vectors.allSatisfy { $0.count == dimension })
        self.dimension = dimension
        articles = passages.map(\.article)
        self.vectors = vectors.flatMap { $0 }
    }

    /// Articles by their nearest passage, most similar first (at most `limit`).
    public func search(_ query: [Float], limit: Int = 5) -> [Hit] {
        guard query.count == dimension else { return [] }
        var best: [Int: Float] = [:]
        vectors.withUnsafeBufferPointer { v in
            for (p, article) in articles.enumerated() {
                var dot: Float = 0
                let base = p * dimension
                for d in 0..<dimension { dot += v[base + d] * query[d] }
                if dot > best[article, default: -2] { best[article] = dot }
            }
        }
        return best.map { Hit(article: $0.key, similarity: $0.value) }
            .sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.article < $1.article }
            .prefix(limit).map { $0 }
    }
}

/// Reciprocal-rank fusion: an item's score is the sum over rankings of 1 / (k + its rank), so
/// two rankers that agree beat either alone and neither's raw scale matters.
public enum RankFusion {
    public static func reciprocal(_ rankings: [[Int]], k: Double = 60) -> [(item: Int, score: Double)] {
        var scores: [Int: Double] = [:]
        for ranking in rankings {
            for (rank, item) in ranking.enumerated() { scores[item, default: 0] += 1 / (k + Double(rank + 1)) }
        }
        return scores.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }
}
