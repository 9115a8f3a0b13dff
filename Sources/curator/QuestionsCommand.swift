import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Storage

/// Students' messages and what the assistant did with them; the curator's reply to a hand-off.
struct QuestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions",
        abstract: "Students' messages: the assistant's decision, who answered and when; reply to a handed-off one.",
        subcommands: [QuestionsListCommand.self, QuestionsReplyCommand.self],
        defaultSubcommand: QuestionsListCommand.self
    )
}

struct QuestionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List students' messages, newest first.")

    @OptionGroup var mirror: MirrorOptions
    @Flag(help: "Only messages waiting for the curator (handed off, or a reply that could not be sent).") var waiting = false
    @Option(help: "Only this student's messages.") var student: Int64?
    @Option(help: "Show at most this many.") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let store = AppEnvironment.openMirror(mirror, create: false)
        let lines: [StudentQuestionLine]
        do { lines = try StudentQuestionStore(store).list(waitingOnly: waiting, studentId: student, limit: limit) } catch { fail("cannot read the mirror: \(error)") }
        let t = AccountTime.moscow
        if json {
            struct QuestionJSON: Encodable {
                var message_id: String, dialog_id: String, student_id: String, student: String, text: String, arrived_at: String?
                var action: String, reason: String?, suggested: String, sources: [String], answered_by: String?, answered_at: String?, reply_status: String?
            }
            printJSON(lines.map {
                QuestionJSON(message_id: String($0.messageId), dialog_id: String($0.dialogId), student_id: String($0.studentId), student: $0.studentName,
                             text: $0.text, arrived_at: $0.arrivedAt.map(t.iso8601), action: $0.action.rawValue, reason: $0.reason, suggested: $0.suggested,
                             sources: $0.sources, answered_by: $0.answeredBy?.rawValue, answered_at: $0.answeredAt.map(t.iso8601),
                             reply_status: $0.outboxStatus?.rawValue)
            })
            return
        }
        if lines.isEmpty {
            print(waiting ? "Nothing waits for the curator." : "No student messages yet: they appear after a sync (`curator sync --once`).")
            return
        }
        printTable(header: ["ID", "Ученик", "Сообщение", "Решение", "Ответил", "Пришло", "Ответ через"], rows: lines.map { q in
            let decision = switch q.action {
            case .answer: "ответ" + (q.outboxStatus.map { $0 == .sent ? "" : " (\($0.rawValue))" } ?? "")
            case .clarify: "уточнение"
            case .handoff: "куратору" + (q.reason.map { " (\((AssistantReply.HandoffReason(rawValue: $0) ?? .unsure).russian))" } ?? "")
            case .stale: "устарело"
            }
            let by = q.answeredBy.map { $0 == .assistant ? "ассистент" : "куратор" } ?? "—"
            let took = q.arrivedAt.flatMap { a in q.answeredAt.map { RelativeDay.duration($0.timeIntervalSince(a)) } } ?? "—"
            return [String(q.messageId), TerminalText.sanitize(q.studentName), TerminalText.sanitize(q.text), decision, by, q.arrivedAt.map(t.format) ?? "—", took]
        }, maxColumn: 50)
    }
}

struct QuestionsReplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Send the curator's reply to a student's message (through the outbox, sent once on the next sync).",
        discussion: """
            Without --text the assistant's suggested answer is sent as it is. With --add-to-article the
            student's message is added to that article's example questions (data/knowledge-base), so
            the assistant answers the next such question itself; a running Curator reloads it.
            """
    )

    @OptionGroup var mirror: MirrorOptions
    @Argument(help: "The message id (from `curator questions --waiting`).") var messageId: Int64
    @Option(help: "The reply to send instead of the suggested answer.") var text: String?
    @Option(help: ArgumentHelp("Add the student's message to this article's example questions.", valueName: "article id")) var addToArticle: String?

    func run() throws {
        let store = AppEnvironment.openMirror(mirror, create: false)
        let questions = StudentQuestionStore(store)
        let line: StudentQuestionLine?
        do { line = try questions.question(messageId: messageId) } catch { fail("cannot read the mirror: \(error)") }
        guard let line else { fail("no student message with id \(messageId) in \(store.path)") }
        let reply = (text ?? line.suggested).trimmingCharacters(in: .whitespacesAndNewlines)
        if reply.isEmpty { fail("the reply is empty and the assistant suggested nothing: pass --text") }
        let directory = SchoolDataFiles.locate()
        if let article = addToArticle {
            // Checked before the reply is queued: a wrong id changes nothing.
            let ids: [String]
            do { ids = try KnowledgeBaseFiles.load(directory: directory).map(\.id) } catch { fail("knowledge base: \(error)") }
            if !ids.contains(article) { fail("--add-to-article: no article with id \(article) in \(directory)/\(KnowledgeBaseFiles.folder)") }
        }
        do { try questions.queueCuratorReply(messageId: messageId, text: reply, now: Date()) } catch { fail("\(error)") }
        if let article = addToArticle {
            do {
                let added = try KnowledgeBaseFiles.addQuestion(line.text, toArticle: article, directory: directory)
                print(added ? "Вопрос добавлен к статье \(article): ассистент ответит на такой сам." : "Статья \(article) уже знает этот вопрос.")
            } catch { fail("--add-to-article: \(error)") }
        }
        print("Ответ поставлен в очередь: уйдёт в GetCourse при следующей синхронизации.")
    }
}
