import ArgumentParser
import CuratorApp
import Domain
import Foundation
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
            recombined), timing the whole reply (normalise, stem, search, decide, compose the answer);
            in the same run, the same questions go through an in-memory SQLite FTS5 table ranked by
            bm25() with the same column weights. Prints p50 and p99 of both and the ratio. Use a
            release build.
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
        printTable(header: ["base", "articles", "queries", "Curator p50", "Curator p99", "FTS5 p50", "FTS5 p99", "p99 ratio", "goal"],
                   rows: figures.map { f in
                       [f.base, "\(f.articles)", "\(f.queries)", ms(f.curator_p50_ms), ms(f.curator_p99_ms), ms(f.fts5_p50_ms), ms(f.fts5_p99_ms),
                        String(format: "%.2f×", f.p99_ratio), f.curator_p99_ms < 5 && f.p99_ratio <= 1 ? "met (p99 < 5 ms, ≤ FTS5)" : "not met (p99 < 5 ms, ≤ FTS5)"]
                   })
    }

    /// Every labelled question `rounds` times through the assistant and through FTS5, on the school's
    /// base and on a generated base of `articles`.
    static func measure(articles: Int, rounds: Int) throws -> [Figures] {
        let data = SchoolDataFiles.locate()
        let school: [KnowledgeArticle]
        let synonyms: QuerySynonyms
        do {
            school = try KnowledgeBaseFiles.load(directory: data)
            synonyms = try KnowledgeBaseFiles.synonyms(directory: data)
        } catch { fail("knowledge base: \(error)") }
        let questions = try ["questions.tsv", "holdout.tsv"].flatMap { try QuestionSets.load(QuestionSets.path($0), naming: "question set").map(\.text) }
        var figures: [Figures] = []
        for (name, base) in [("school", school), ("generated", generated(from: school, count: articles))] {
            let index = KnowledgeIndex(base, synonyms: synonyms)
            let assistant = Assistant(index: index)
            let fts: KnowledgeFTS
            do { fts = try KnowledgeFTS(base) } catch { fail("FTS5: \(error)") }
            var ours: [Double] = [], peer: [Double] = []
            for _ in 0..<rounds {
                for q in questions {
                    ours.append(Stopwatch.milliseconds { _ = assistant.reply(to: q) })
                    do { peer.append(try Stopwatch.milliseconds { _ = try fts.search(q) }) } catch { fail("FTS5: \(error)") }
                }
            }
            let p99 = percentile(ours, 0.99), peer99 = percentile(peer, 0.99)
            figures.append(Figures(base: name, articles: base.count, queries: ours.count, curator_p50_ms: percentile(ours, 0.5),
                                   curator_p99_ms: p99, fts5_p50_ms: percentile(peer, 0.5), fts5_p99_ms: peer99, p99_ratio: p99 / peer99))
        }
        return figures
    }

    /// A bigger base from the school's own text: each article takes a title and tags from one
    /// article and paragraphs from three, so word statistics stay those of the school.
    static func generated(from school: [KnowledgeArticle], count: Int) -> [KnowledgeArticle] {
        var rng = SeededRandom(seed: 42)
        return (0..<count).map { i in
            let a = rng.pick(school)
            let paragraphs = (0..<3).flatMap { _ in rng.pick(school).paragraphs.prefix(2) }
            return KnowledgeArticle(id: "gen-\(i)", title: a.title, tags: a.tags, lang: a.lang, escalate: a.escalate,
                                    body: paragraphs.joined(separator: "\n\n"))
        }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}
