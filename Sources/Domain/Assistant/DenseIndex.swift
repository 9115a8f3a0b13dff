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
    /// Runs of consecutive vectors of one item (an article's passages are listed together).
    private let runs: [(item: Int, range: Range<Int>)]

    /// `vectors[i]` belongs to item `items[i]`; every vector has `dimension` values.
    public init(items: [Int], vectors: [[Float]], dimension: Int) {
        precondition(items.count == vectors.count && vectors.allSatisfy { $0.count == dimension })
        self.dimension = dimension
        articles = items
        self.vectors = vectors.flatMap { $0 }
        var runs: [(item: Int, range: Range<Int>)] = []
        for (p, item) in items.enumerated() {
            if let last = runs.last, last.item == item, last.range.upperBound == p {
                runs[runs.count - 1].range = last.range.lowerBound ..< p + 1
            } else {
                runs.append((item, p ..< p + 1))
            }
        }
        self.runs = runs
    }

    /// The vector at `position`.
    public func vector(_ position: Int) -> [Float] { Array(vectors[position * dimension ..< (position + 1) * dimension]) }

    /// Items by the mean cosine of their `nearest` most similar vectors (all of them when fewer),
    /// most similar first (at most `limit`). An article several of whose passages are near the
    /// question is more surely about it than one with a single near sentence.
    public func search(_ query: [Float], limit: Int = 5, nearest k: Int = 1) -> [Hit] {
        guard query.count == dimension, k >= 1 else { return [] }
        let similarity = similarities(query)
        // Per item: its best similarities, highest first, and the best one's position.
        var best: [Int: (top: [Float], nearest: Int)] = [:]
        for run in runs {
            var entry = best[run.item] ?? ([], run.range.lowerBound)
            for p in run.range {
                let sim = similarity[p]
                guard entry.top.count < k || sim > entry.top[entry.top.count - 1] else { continue }
                let at = entry.top.firstIndex(where: { sim > $0 }) ?? entry.top.count
                entry.top.insert(sim, at: at)
                if at == 0 { entry.nearest = p }
                if entry.top.count > k { entry.top.removeLast() }
            }
            best[run.item] = entry
        }
        return best.map { Hit(article: $0.key, similarity: $0.value.top.reduce(0, +) / Float($0.value.top.count), nearest: $0.value.nearest) }
            .sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.article < $1.article }
            .prefix(limit).map { $0 }
    }

    /// The cosine of every vector to the query, in order.
    public func similarities(_ query: [Float]) -> [Float] {
        guard query.count == dimension else { return [] }
        var similarity = [Float](repeating: 0, count: articles.count)
        vectors.withUnsafeBufferPointer { v in
            query.withUnsafeBufferPointer { q in
                for p in articles.indices { similarity[p] = Self.dot(v.baseAddress! + p * dimension, q.baseAddress!, dimension) }
            }
        }
        return similarity
    }

    /// Eight lanes at a time, then the rest.
    private static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var sum = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            sum += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var total = sum.sum()
        while i < n {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }
}
