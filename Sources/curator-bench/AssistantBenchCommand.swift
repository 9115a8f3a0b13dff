import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Integrations
import MockGetCourse
import Storage

/// `curator-bench assistant`: offline answer latency, against SQLite FTS5 bm25() on the same articles.
struct AssistantBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assistant",
        abstract: "Measure the offline assistant's answer latency against SQLite FTS5 bm25() on the same articles.",
        discussion: """
            Asks every question of the labelled set (Tests/Fixtures/assistant) --rounds times over the
            school's knowledge base and over a generated --articles base (the school's paragraphs
            recombined), timing the whole reply (embed the question with e5, normalise, stem, search
            by meaning and by words, decide, compose the answer); in the same run, the same questions
            go through an in-memory SQLite FTS5 table ranked by bm25() with the same column weights.
            Prints p50 and p99 of both and the ratio. The generated base's passages take the vectors
            of the school's same passages (embedding 10 000 articles would take hours; the search
            costs the same). Without the embedding model (or with CURATOR_SEMANTIC=off) the reply is
            by words alone. Use a release build.
            """
    )

    @Option(help: "Articles in the generated base.") var articles = 10_000
    @Option(help: "Times each question is asked.") var rounds = 5
    @Flag(help: "Print the figures as JSON.") var json = false

    func validate() throws {
        if articles < 1 { throw ValidationError("--articles must be at least 1") }
        if rounds < 1 { throw ValidationError("--rounds must be at least 1") }
    }

    struct Figures: Encodable {
        var base: String
        /// "meaning and words" or "words".
        var ranking: String
        var articles: Int
        var queries: Int
        var curator_p50_ms: Double
        var curator_p99_ms: Double
        var fts5_p50_ms: Double
        var fts5_p99_ms: Double
        var p99_ratio: Double
    }

    func run() throws {
        let figures = try Self.measure(articles: articles, rounds: rounds)
        if json { return print(try jsonText(figures)) }
        func ms(_ v: Double) -> String { String(format: "%.3f ms", v) }
        printTable(header: ["base", "ranking", "articles", "queries", "Curator p50", "Curator p99", "FTS5 p50", "FTS5 p99", "p99 ratio", "goal"],
                   rows: figures.map { f in
                       let goal = f.ranking == "words" ? (f.curator_p99_ms < 5 && f.p99_ratio <= 1, "p99 < 5 ms, ≤ FTS5") : (f.curator_p99_ms < 50, "p99 < 50 ms")
                       return [f.base, f.ranking, "\(f.articles)", "\(f.queries)", ms(f.curator_p50_ms), ms(f.curator_p99_ms), ms(f.fts5_p50_ms),
                               ms(f.fts5_p99_ms), String(format: "%.2f×", f.p99_ratio), (goal.0 ? "met (" : "not met (") + goal.1 + ")"]
                   })
    }

    /// Every labelled question `rounds` times through the assistant and through FTS5, on the school's
    /// base and on a generated base of `articles`.
    static func measure(articles: Int, rounds: Int) throws -> [Figures] {
        let data = SchoolDataFiles.locate()
        let school: [KnowledgeArticle]
        let synonyms: QuerySynonyms
        let examples: [HandoffExample]
        do {
            school = try KnowledgeBaseFiles.load(directory: data)
            synonyms = try KnowledgeBaseFiles.synonyms(directory: data)
            examples = try KnowledgeBaseFiles.handoffExamples(directory: data)
        } catch { fail("knowledge base: \(error)") }
        let environment = ProcessInfo.processInfo.environment
        let semantic: SemanticSearch?
        do {
            semantic = try SemanticSetup.engine(environment: environment).map {
                try SemanticSearch(engine: $0, articles: school, examples: examples, store: SemanticSetup.cache(environment: environment))
            }
        } catch {
            FileHandle.standardError.write(Data("semantic search unavailable (\(error)): timing the reply by words alone\n".utf8))
            semantic = nil
        }
        let questions = try ["questions.tsv", "holdout.tsv"].flatMap { try QuestionSets.load(QuestionSets.path($0), naming: "question set").map(\.text) }
        var figures: [Figures] = []
        for (name, base) in [("school", school), ("generated", generated(from: school, count: articles))] {
            let index = KnowledgeIndex(base, synonyms: synonyms)
            let meaning = semantic.map { Self.semanticIndex(of: base, from: $0.index, school: school) }
            let assistant = Assistant(index: index, semantic: meaning)
            let fts: KnowledgeFTS
            do { fts = try KnowledgeFTS(base) } catch { fail("FTS5: \(error)") }
            var ours: [Double] = [], peer: [Double] = []
            for _ in 0..<rounds {
                for q in questions {
                    ours.append(Stopwatch.milliseconds { _ = assistant.reply(to: q, embedding: try? semantic?.embed(q)) })
                    do { peer.append(try Stopwatch.milliseconds { _ = try fts.search(q) }) } catch { fail("FTS5: \(error)") }
                }
            }
            let p99 = percentile(ours, 0.99), peer99 = percentile(peer, 0.99)
            figures.append(Figures(base: name, ranking: semantic == nil ? "words" : "meaning and words", articles: base.count, queries: ours.count, curator_p50_ms: percentile(ours, 0.5),
                                   curator_p99_ms: p99, fts5_p50_ms: percentile(peer, 0.5), fts5_p99_ms: peer99, p99_ratio: p99 / peer99))
        }
        return figures
    }

    /// The semantic index of `base`, whose passages are the school's (titles, tags, paragraphs and
    /// example questions recombined), each with the vector of the same passage of the school.
    static func semanticIndex(of base: [KnowledgeArticle], from schoolIndex: SemanticIndex, school: [KnowledgeArticle]) -> SemanticIndex {
        var byText: [String: Int] = [:]
        for (i, p) in schoolIndex.passages.enumerated() {
            let own = p.paragraph.map { school[p.article].paragraphs[$0] } ?? p.text
            byText[own] = byText[own] ?? i
        }
        let passages = KnowledgePassage.of(base)
        let positions = passages.map { p in byText[p.paragraph.map { base[p.article].paragraphs[$0] } ?? p.text] ?? 0 }
        return SemanticIndex(articles: DenseIndex(items: passages.map(\.article), vectors: positions.map { schoolIndex.articles.vector($0) },
                                                  dimension: schoolIndex.articles.dimension),
                             passages: passages, examples: schoolIndex.examples, exampleReasons: schoolIndex.exampleReasons)
    }

    /// A bigger base from the school's own text: each article takes a title and tags from one
    /// article and paragraphs from three, so word statistics stay those of the school.
    static func generated(from school: [KnowledgeArticle], count: Int) -> [KnowledgeArticle] {
        var rng = SeededRandom(seed: 42)
        return (0..<count).map { i in
            let a = rng.pick(school)
            let paragraphs = (0..<3).flatMap { _ in rng.pick(school).paragraphs.prefix(2) }
            return KnowledgeArticle(id: "gen-\(i)", title: a.title, tags: a.tags, lang: a.lang, escalate: a.escalate, questions: a.questions,
                                    body: paragraphs.joined(separator: "\n\n"))
        }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}
