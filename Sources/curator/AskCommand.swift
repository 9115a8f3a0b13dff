import ArgumentParser
import Domain
import Foundation
import Storage

/// `curator ask "QUESTION"`: the assistant's offline answer from the school's knowledge base.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask the assistant a question as a student would (offline, from the knowledge base).",
        discussion: """
            Answers from data/knowledge-base when it is sure (citing the article), offers the closest
            articles when it is between two, and hands off to the curator when it is not — always for
            refunds, complaints, requests for a person, anger, and articles marked escalate: true.
            --json prints action (answer | clarify | handoff), answer, sources (article ids), confidence
            and handoff_reason.
            """
    )

    @Argument(help: "The question, as a student would write it.") var question: String
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Also print the search terms with their weights and the best articles with score and coverage.") var explain = false

    func validate() throws {
        if question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("the question is empty") }
    }

    func run() throws {
        let index: KnowledgeIndex
        do { index = try KnowledgeBaseFiles.index(directory: SchoolDataFiles.locate()) } catch { fail("knowledge base: \(error)") }
        let reply = Assistant(index: index).reply(to: question)
        if json {
            struct Output: Encodable {
                var action: String
                var answer: String
                var sources: [String]
                var confidence: Double
                var handoff_reason: String?
            }
            printJSON(Output(action: reply.action.rawValue, answer: reply.text, sources: reply.sources,
                             confidence: (reply.confidence * 1000).rounded() / 1000, handoff_reason: reply.handoffReason?.rawValue))
            return
        }
        let label = switch reply.action {
        case .answer: "Ответ"
        case .clarify: "Уточнение"
        case .handoff: "Передано куратору" + (reply.handoffReason.map { " (\(Self.reasonText($0)))" } ?? "")
        }
        print("\(label) · уверенность \(Int((reply.confidence * 100).rounded()))%")
        print()
        print(TerminalText.sanitize(reply.text, keepNewlines: true))
        if !reply.sources.isEmpty { print("\nСтатьи: \(reply.sources.joined(separator: ", "))") }
        if explain {
            let terms = index.queryTerms(question)
            print("\nТермины: " + terms.map { TerminalText.sanitize($0) + String(format: " (%.2f)", index.idf($0)) }.joined(separator: ", "))
            printTable(header: ["статья", "BM25", "покрытие", "заголовок"], rows: index.search(terms).map { h in
                let a = index.articles[h.article]
                return [a.id, String(format: "%.2f", h.score), String(format: "%.0f%%", h.coverage * 100), TerminalText.sanitize(a.title)]
            })
        }
    }

    static func reasonText(_ r: AssistantReply.HandoffReason) -> String {
        switch r {
        case .refund: "возврат денег"
        case .complaint: "жалоба"
        case .human: "просят человека"
        case .anger: "раздражение"
        case .escalation: "правило требует куратора"
        case .unsure: "база знаний отвечает неуверенно"
        case .outOfScope: "вне тем школы"
        }
    }
}
