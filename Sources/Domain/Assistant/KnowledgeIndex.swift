import Foundation

/// BM25 over the knowledge base (k1 1.2, b 0.75), the title and tags weighted above the body
/// (a term in the title counts as three in the body, one in the tags as two).
public struct KnowledgeIndex: Sendable {
    public static let k1 = 1.2
    public static let b = 0.75
    public static let titleWeight = 3.0
    public static let tagWeight = 2.0

    public let articles: [KnowledgeArticle]
    public let synonyms: QuerySynonyms
    /// Each article's paragraphs as term sets, to pick the ones an answer quotes without stemming
    /// them again for every question.
    let paragraphTerms: [[Set<String>]]
    /// term → (article, weighted frequency), articles ascending.
    private let postings: [String: [(doc: Int32, tf: Float)]]
    private let lengths: [Double]
    private let averageLength: Double
    /// Every term and every term with one letter deleted → the terms it came from: the candidates
    /// one edit away from a word are found by looking up the word and its own deletions
    /// (symmetric delete), not by comparing it with the whole vocabulary.
    private let deletions: [String: [String]]

    public init(_ articles: [KnowledgeArticle], synonyms: QuerySynonyms = .none) {
        self.articles = articles
        self.synonyms = synonyms
        var postings: [String: [(doc: Int32, tf: Float)]] = [:]
        var lengths: [Double] = []
        var paragraphTerms: [[Set<String>]] = []
        for (i, a) in articles.enumerated() {
            var tf: [String: Double] = [:]
            for t in SearchTerms.terms(a.title) { tf[t, default: 0] += Self.titleWeight }
            for t in SearchTerms.terms(a.tags.joined(separator: " ")) { tf[t, default: 0] += Self.tagWeight }
            // The body is its paragraphs (blank lines hold no words), so each word is stemmed once.
            let paragraphs = a.paragraphs.map(SearchTerms.terms)
            for t in paragraphs.joined() { tf[t, default: 0] += 1 }
            // Students' own words for what the article answers.
            for t in SearchTerms.terms(a.questions.joined(separator: " ")) { tf[t, default: 0] += 1 }
            paragraphTerms.append(paragraphs.map(Set.init))
            lengths.append(tf.values.reduce(0, +))
            for (t, f) in tf { postings[t, default: []].append((Int32(i), Float(f))) }
        }
        self.postings = postings
        self.lengths = lengths
        self.paragraphTerms = paragraphTerms
        averageLength = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Double(lengths.count))
        var deletions: [String: [String]] = [:]
        for term in postings.keys {
            for variant in Set(Self.singleDeletions(term) + [term]) { deletions[variant, default: []].append(term) }
        }
        self.deletions = deletions
    }

    /// Inverse document frequency; a term no article has gets the highest value there is.
    public func idf(_ term: String) -> Double {
        let n = Double(articles.count), df = Double(postings[term]?.count ?? 0)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    public struct Hit: Sendable {
        public var article: Int
        public var score: Double
        /// Share of the query's IDF weight this article contains (0...1).
        public var coverage: Double
        /// The IDF weight it contains: about 2.5 per distinctive word.
        public var matched: Double

        public init(article: Int, score: Double, coverage: Double, matched: Double) {
            self.article = article
            self.score = score
            self.coverage = coverage
            self.matched = matched
        }
    }

    /// The question's terms as the articles would write them: colloquial words replaced by what they
    /// stand for, Russian typed in Latin letters read back in Cyrillic, and an unknown term of 5+
    /// letters corrected to the most common known term one edit away, if there is one.
    public func queryTerms(_ text: String) -> [String] {
        var seen = Set<String>()
        return SearchTerms.words(text).flatMap(resolve).filter { seen.insert($0).inserted }
    }

    func resolve(_ word: SearchTerms.Word) -> [String] {
        let stem = SearchTerms.stem(word)
        if let known = lookUp(stem) { return known }
        if word.script == .latin {
            let reading = SearchTerms.cyrillicReading(word.text)
            // "est", "kak": function words in transliteration are dropped like their Cyrillic selves.
            if SearchTerms.isStopWord(reading.text, .cyrillic) || SearchTerms.isStopWord(reading.text + "ь", .cyrillic) { return [] }
            if let known = lookUp(SearchTerms.stem(reading)) { return known }
        }
        return lookUp(corrected(stem)) ?? [stem]
    }

    /// The stems a known or synonym stem stands for; nil for a stem neither the articles nor the
    /// synonyms know.
    func lookUp(_ stem: String) -> [String]? {
        let expanded = synonyms.expand(stem)
        return expanded != [stem] || postings[stem] != nil ? expanded : nil
    }

    func corrected(_ term: String) -> String {
        guard postings[term] == nil, term.count >= 5 else { return term }
        let chars = Array(term)
        var best: (term: String, df: Int)?
        var seen = Set<String>()
        for key in [term] + Self.singleDeletions(term) {
            for candidate in deletions[key] ?? [] where seen.insert(candidate).inserted && Self.withinOneEdit(chars, Array(candidate)) {
                let df = postings[candidate]!.count
                if best == nil || df > best!.df || (df == best!.df && candidate < best!.term) { best = (candidate, df) }
            }
        }
        return best?.term ?? term
    }

    static func singleDeletions(_ term: String) -> [String] {
        let chars = Array(term)
        return chars.indices.map { i in String(chars[..<i]) + String(chars[(i + 1)...]) }
    }

    /// One insertion, deletion, substitution or swap of neighbours apart (Damerau).
    static func withinOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
        if a.count == b.count {
            let diff = a.indices.filter { a[$0] != b[$0] }
            if diff.count == 1 { return true }
            return diff.count == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count && long[i] == short[i] { i += 1 }
        return long[(i + 1)...].elementsEqual(short[i...])
    }

    /// Articles by BM25 score, best first (at most `limit`).
    public func search(_ terms: [String], limit: Int = 5) -> [Hit] {
        guard !terms.isEmpty, !articles.isEmpty else { return [] }
        var scores = [Double](repeating: 0, count: articles.count)
        var matched = [Double](repeating: 0, count: articles.count)
        var total = 0.0
        for t in terms {
            let w = idf(t)
            total += w
            for p in postings[t] ?? [] {
                let d = Int(p.doc), f = Double(p.tf)
                scores[d] += w * f * (Self.k1 + 1) / (f + Self.k1 * (1 - Self.b + Self.b * lengths[d] / averageLength))
                matched[d] += w
            }
        }
        let ranked = scores.indices.filter { scores[$0] > 0 }.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return ranked.prefix(limit).map { Hit(article: $0, score: scores[$0], coverage: total > 0 ? matched[$0] / total : 0, matched: matched[$0]) }
    }
}
