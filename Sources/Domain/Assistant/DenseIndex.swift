/// Items (articles, examples) by the cosine similarity of their nearest vector to a question, over
/// normalised embeddings (so a dot product is the cosine).
public struct DenseIndex: Sendable {
    public struct Hit: Sendable, Equatable {
        /// The item's number: an article's position in the index, an example's in its list.
        public var article: Int
        public var similarity: Float
        /// The position of the item's nearest vector.
        public var nearest: Int

        public init(article: Int, similarity: Float, nearest: Int) {
            self.article = article
            self.similarity = similarity
            self.nearest = nearest
        }
    }

    public let dimension: Int
    /// The item of each vector, and the vectors one after another.
    private let articles: [Int]
    private let vectors: [Float]

    /// `vectors[i]` belongs to item `items[i]`; every vector has `dimension` values.
    public init(items: [Int], vectors: [[Float]], dimension: Int) {
        precondition(items.count == vectors.count && vectors.allSatisfy { $0.count == dimension })
        self.dimension = dimension
        articles = items
        self.vectors = vectors.flatMap { $0 }
    }

    /// The vector at `position`.
    public func vector(_ position: Int) -> [Float] { Array(vectors[position * dimension ..< (position + 1) * dimension]) }

    /// Items by the mean cosine of their `nearest` most similar vectors (all of them when fewer),
    /// most similar first (at most `limit`). An article several of whose passages are near the
    /// question is more surely about it than one with a single near sentence.
    public func search(_ query: [Float], limit: Int = 5, nearest k: Int = 1) -> [Hit] {
        guard query.count == dimension, k >= 1 else { return [] }
        // Per item: its best similarities, highest first, and the best one's vector.
        var best: [Int: (top: [Float], nearest: Int)] = [:]
        vectors.withUnsafeBufferPointer { v in
            for (p, item) in articles.enumerated() {
                var dot: Float = 0
                let base = p * dimension
                for d in 0..<dimension { dot += v[base + d] * query[d] }
                var entry = best[item] ?? ([], p)
                if entry.top.count < k || dot > entry.top[entry.top.count - 1] {
                    let at = entry.top.firstIndex(where: { dot > $0 }) ?? entry.top.count
                    entry.top.insert(dot, at: at)
                    if at == 0 { entry.nearest = p }
                    if entry.top.count > k { entry.top.removeLast() }
                }
                best[item] = entry
            }
        }
        return best.map { Hit(article: $0.key, similarity: $0.value.top.reduce(0, +) / Float($0.value.top.count), nearest: $0.value.nearest) }
            .sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.article < $1.article }
            .prefix(limit).map { $0 }
    }
}
