import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Integrations
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
    @Flag(help: "Answer from the knowledge base even when OPENAI_API_KEY is set.") var offline = false
    @Flag(help: "Also print the search terms with their weights and the best articles with score and coverage.") var explain = false

    func validate() throws {
        if question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("the question is empty") }
    }

    func run() throws {
        let path = AppEnvironment.mirrorPath(mirror)
        // The knowledge base answers without a mirror; the mirror's questions and tools need one.
        let store = student != nil || FileManager.default.fileExists(atPath: path) ? AppEnvironment.openMirror(mirror, create: false) : nil
        var asker: StudentDetail?
        if let student, let store {
            do { asker = try StudentQueries(store).student(id: student) } catch { fail("cannot read the mirror: \(error)") }
            if asker == nil { fail("--student: no student with id \(student) in the mirror \(store.path)") }
        }
        let model = offline ? nil : AppEnvironment.chatClient()
        let service = AppEnvironment.assistantService(store: store, model: model)
        let index = service.index
        let streaming = model != nil && !json
        if streaming { print("Модель \(TerminalText.sanitize(model!.settings.model)) отвечает…\n") }
        let answer: AssistantAnswer
        do {
            answer = try service.answer(question, asStudent: asker, onText: { text in
                if streaming { FileHandle.standardOutput.write(Data(TerminalText.sanitize(text, keepNewlines: true).utf8)) }
            })
        } catch { fail("cannot read the mirror: \(error)") }
        if answer.streamed && !json { print("\n") }
        show(answer)
        if explain && !json && answer.origin != .mirror {
            let terms = index.queryTerms(question)
            print("\nТермины: " + terms.map { TerminalText.sanitize($0) + String(format: " (%.2f)", index.idf($0)) }.joined(separator: ", "))
            printTable(header: ["статья", "BM25", "покрытие", "заголовок"], rows: index.search(terms).map { h in
                let a = index.articles[h.article]
                return [a.id, String(format: "%.2f", h.score), String(format: "%.0f%%", h.coverage * 100), TerminalText.sanitize(a.title)]
            })
        }
    }

    func show(_ answer: AssistantAnswer) {
        let reply = answer.reply
        if json {
            struct Output: Encodable {
                var action: String
                var answer: String
                var sources: [String]
                var confidence: Double
                var handoff_reason: String?
                var from: String
                var note: String?
                var usage: ChatUsage?
            }
            printJSON(Output(action: reply.action.rawValue, answer: reply.text, sources: reply.sources,
                             confidence: (reply.confidence * 1000).rounded() / 1000, handoff_reason: reply.handoffReason?.rawValue,
                             from: answer.origin.rawValue, note: answer.note, usage: answer.usage))
            return
        }
        if let note = answer.note { print("⚠ " + TerminalText.sanitize(note)) }
        print(answer.label.prefix(1).uppercased() + answer.label.dropFirst())
        // A model answer was already shown as it arrived; anything else is printed now.
        if !answer.streamedTextIsTheAnswer {
            print()
            print(TerminalText.sanitize(reply.text, keepNewlines: true))
        }
        if !reply.sources.isEmpty { print("\nСтатьи: \(reply.sources.joined(separator: ", "))") }
        if let u = answer.usage { print("Токены: \(u.promptTokens) + \(u.completionTokens)") }
    }
}
