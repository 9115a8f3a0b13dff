import Foundation

/// The articles for a question by meaning and by words together: an article's score is the cosine
/// of its nearest passage plus a small share of its BM25 score relative to the best one, so the
/// embedding decides between articles about the same situation and shared rare words (a product's
/// name, a term of the school's) settle what the embedding sees as a tie.
public struct ArticleRanking: Sendable {
    public struct Candidate: Sendable, Equatable {
        public var article: Int
        public var score: Double
        /// The article's cosine (`SemanticIndex.nearestArticles`; the lowest one found when it was not among them).
        public var similarity: Double
        /// The share of the question's word weight the article contains, and that weight itself.
        public var coverage: Double
        public var matched: Double
    }

    /// How much of the relative BM25 score is added to the cosine.
    public static let wordWeight = 0.07

    /// Best first.
    public let candidates: [Candidate]
    /// The first article was also first by words alone and by meaning alone.
    public let unanimous: Bool

    public init(lexical: [KnowledgeIndex.Hit], dense: [DenseIndex.Hit]) {
        let top = lexical.first?.score ?? 1
        let floor = Double(dense.map(\.similarity).min() ?? 0)
        let similarity = Dictionary(dense.map { ($0.article, Double($0.similarity)) }, uniquingKeysWith: max)
        let words = Dictionary(lexical.map { ($0.article, $0) }, uniquingKeysWith: { a, _ in a })
        candidates = Set(similarity.keys).union(words.keys).map { a in
            let s = similarity[a] ?? floor, w = words[a]
            return Candidate(article: a, score: s + Self.wordWeight * (w.map { $0.score / top } ?? 0), similarity: s,
                             coverage: w?.coverage ?? 0, matched: w?.matched ?? 0)
        }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.article < $1.article }
        unanimous = candidates.first.map { c in lexical.first?.article == c.article && dense.first?.article == c.article } ?? false
    }

    /// The probability that the first article answers the question: a logistic model of its
    /// cosine, its lead over the second, the share of the question's words it holds, the rankers'
    /// agreement and its matched word weight, fitted on the tuning sets (Tests/Fixtures/assistant:
    /// questions, holdout, tuning-situations) with the answerable and out-of-scope questions.
    public var confidence: Double {
        guard let first = candidates.first else { return 0 }
        let lead = candidates.count > 1 ? first.score - candidates[1].score : first.score
        let z = Self.model.intercept + Self.model.similarity * first.similarity + Self.model.lead * lead + Self.model.coverage * first.coverage
            + Self.model.unanimous * (unanimous ? 1 : 0) + Self.model.matched * min(first.matched, 10) / 10
        return 1 / (1 + exp(-z))
    }

    static let model = (intercept: -32.759, similarity: 34.55, lead: 34.019, coverage: 1.557, unanimous: 0.714, matched: 2.352)
}
