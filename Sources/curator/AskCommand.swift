import ArgumentParser
import Domain
import Foundation
import Storage

/// `curator ask "QUESTION"`: the assistant's offline answer from the school's knowledge base.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask the assistant: the curator about the school's data, or a student (--student) about the school.",
        discussion: """
            The curator's questions about the school's own data are answered from the mirror: who is at
            risk ("кто в зоне риска?"), who has been inactive ("кто не заходил неделю?", "who hasn't
            been active for 5 days"), a student's progress ("прогресс Ивановой"), homework waiting for
            review ("непроверенные домашки"), open alerts ("открытые алерты").
            Anything else, and every question asked --student ID (a student sees only their own
            progress), is answered from data/knowledge-base when the assistant is sure (citing the
            article), with the closest articles offered when it is between two, and handed off to the
            curator when it is not — always for refunds, complaints, requests for a person, anger, and
            articles marked escalate: true.
            --json prints action (answer | clarify | handoff), answer, sources (article ids),
            confidence, handoff_reason and from (mirror | knowledge_base).
            """
    )

    @OptionGroup var mirror: MirrorOptions
    @Argument(help: "The question.") var question: String
    @Option(help: ArgumentHelp("Ask as this student (GetCourse user id), as their message would be.", valueName: "id")) var student: Int64?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Also print the search terms with their weights and the best articles with score and coverage.") var explain = false

    func validate() throws {
        if question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("the question is empty") }
    }

    func run() throws {
        var store: MirrorStore?
        var asker: StudentDetail?
        if let student {
            store = AppEnvironment.openMirror(mirror, create: false)
            do { asker = try StudentQueries(store!).student(id: student) } catch { fail("cannot read the mirror: \(error)") }
            if asker == nil { fail("--student: no student with id \(student) in the mirror \(store!.path)") }
        }
        if let parsed = MirrorQuestion.parse(question) {
            let mirrorStore = store ?? AppEnvironment.openMirror(mirror, create: false)
            let text: String?
            do { text = try MirrorAnswers(mirrorStore).answer(parsed, asStudent: asker) } catch { fail("cannot read the mirror: \(error)") }
            if let text { return show(AssistantReply(action: .answer, text: text, sources: [], confidence: 1, handoffReason: nil), from: "mirror") }
        }
        let index: KnowledgeIndex
        do { index = try KnowledgeBaseFiles.index(directory: SchoolDataFiles.locate()) } catch { fail("knowledge base: \(error)") }
        show(Assistant(index: index).reply(to: question), from: "knowledge_base")
        if explain && !json {
            let terms = index.queryTerms(question)
            print("\nТермины: " + terms.map { TerminalText.sanitize($0) + String(format: " (%.2f)", index.idf($0)) }.joined(separator: ", "))
            printTable(header: ["статья", "BM25", "покрытие", "заголовок"], rows: index.search(terms).map { h in
                let a = index.articles[h.article]
                return [a.id, String(format: "%.2f", h.score), String(format: "%.0f%%", h.coverage * 100), TerminalText.sanitize(a.title)]
            })
        }
    }

    func show(_ reply: AssistantReply, from: String) {
        if json {
            struct Output: Encodable {
                var action: String
                var answer: String
                var sources: [String]
                var confidence: Double
                var handoff_reason: String?
                var from: String
            }
            printJSON(Output(action: reply.action.rawValue, answer: reply.text, sources: reply.sources,
                             confidence: (reply.confidence * 1000).rounded() / 1000, handoff_reason: reply.handoffReason?.rawValue, from: from))
            return
        }
        let label = switch reply.action {
        case .answer: from == "mirror" ? "Из данных школы" : "Ответ"
        case .clarify: "Уточнение"
        case .handoff: "Передано куратору" + (reply.handoffReason.map { " (\(Self.reasonText($0)))" } ?? "")
        }
        print(from == "mirror" ? label : "\(label) · уверенность \(Int((reply.confidence * 100).rounded()))%")
        print()
        print(TerminalText.sanitize(reply.text, keepNewlines: true))
        if !reply.sources.isEmpty { print("\nСтатьи: \(reply.sources.joined(separator: ", "))") }
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
