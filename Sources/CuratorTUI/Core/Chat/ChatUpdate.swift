import Domain
import Foundation

/// The chat's part of `update`: questions to the assistant and its streamed answers, and replies
/// to students opened from a hand-off.
extension Dashboard {
    static func appendStreamed(_ text: String, tag: Int, _ c: inout ChatState) {
        guard tag == c.tag, c.busy, let last = c.entries.indices.last, c.entries[last].role == .assistant else { return }
        c.entries[last].text += text
    }

    static func finishAnswer(_ answer: ChatAnswer, tag: Int, _ c: inout ChatState) {
        guard tag == c.tag, c.busy, let last = c.entries.indices.last else { return }
        c.busy = false
        if !answer.keepsStreamedText || c.entries[last].text.isEmpty { c.entries[last].text = answer.text }
        c.entries[last].label = answer.label
        c.entries[last].sources = answer.sources
        if let note = answer.note { c.entries.insert(ChatEntry(role: .note, text: note), at: last) }
    }

    /// The student's waiting questions arrive: the newest dialog's messages go into the chat with
    /// why the assistant handed them over, and its suggested answer into the input line.
    static func openHandoff(_ studentId: Int64, _ lines: [StudentQuestionLine], _ s: inout AppState) -> [Effect] {
        guard let newest = lines.first else {
            s.chat.entries.append(ChatEntry(role: .note, text: "У ученика нет вопросов, ждущих куратора: на них уже ответили."))
            return []
        }
        let messages = lines.filter { $0.dialogId == newest.dialogId }.reversed()
        s.chat.entries.append(ChatEntry(role: .student, text: "\(newest.studentName): " + messages.map(\.text).joined(separator: "\n")))
        let why: String = switch newest.action {
        case .handoff: (newest.reason.flatMap(AssistantReply.HandoffReason.init(rawValue:)) ?? .unsure).russian
        case .clarify: "ассистент не уверен, о чём вопрос"
        default: "автоматический ответ не удалось отправить"
        }
        let hint = newest.suggested.isEmpty ? "Напишите ответ" : "Предложенный ответ — в строке ввода: правьте его (Ctrl-U — стереть)"
        s.chat.entries.append(ChatEntry(role: .note, text: "Передано куратору: \(why). \(hint); Enter — отправить ученику, Esc — не отвечать."))
        s.chat.replying = ReplyDraft(messageId: newest.messageId, studentName: newest.studentName,
                                     question: messages.map(\.text).joined(separator: " "), article: newest.sources.first)
        s.chat.teaching = nil
        s.chat.input = TextField(text: newest.suggested)
        _ = focus(.chat, &s)
        return []
    }

    static func replyQueued(_ id: Int64, problem: String?, _ s: inout AppState) -> [Effect] {
        guard var draft = s.chat.replying, draft.messageId == id else { return [] }
        if let problem {
            draft.sending = nil
            s.chat.replying = draft
            s.chat.entries.append(ChatEntry(role: .note, text: "Ответ не поставлен в очередь: \(problem)"))
            return []
        }
        s.chat.entries.append(ChatEntry(role: .curator, text: draft.sending ?? "", label: "ответ ученику \(draft.studentName) · уйдёт в GetCourse с синхронизацией"))
        s.chat.input.clear()
        s.chat.replying = nil
        if let article = draft.article {
            s.chat.teaching = TeachOffer(question: draft.question, article: article)
            s.chat.entries.append(ChatEntry(role: .note, text: "Ctrl-A — добавить вопрос ученика к примерам статьи \(article): ассистент будет отвечать на такие сам."))
        }
        // The reply leaves with the next pass: start it now rather than in a few minutes.
        s.sync.running = true
        return [.syncNow]
    }

    static func questionAdded(_ article: String, problem: String?, _ s: inout AppState) -> [Effect] {
        let text = problem.map { "Вопрос не добавлен к статье \(article): \($0)" } ?? "Вопрос добавлен к примерам статьи \(article): ассистент уже отвечает по нему."
        s.chat.entries.append(ChatEntry(role: .note, text: text))
        return []
    }

    /// Keys the chat input takes; nil passes the key on to the commands (Tab, F-keys).
    static func chatKey(_ key: Key, _ s: inout AppState) -> [Effect]? {
        switch key {
        case .escape:
            if s.chat.busy {
                s.chat.busy = false
                if let last = s.chat.entries.indices.last { s.chat.entries[last].label = "отменено" }
                return [.cancelAsk(tag: s.chat.tag)]
            }
            if let draft = s.chat.replying, draft.sending == nil {
                s.chat.replying = nil
                s.chat.input.clear()
                s.chat.entries.append(ChatEntry(role: .note, text: "Ответ \(draft.studentName) не отправлен: вопрос ждёт в алертах."))
                return []
            }
            s.focus = .students
        case .enter: return send(&s)
        case .ctrl("a") where s.chat.input.text.isEmpty && s.chat.teaching != nil:
            let offer = s.chat.teaching!
            s.chat.teaching = nil
            return [.addQuestion(text: offer.question, article: offer.article)]
        default: guard s.chat.input.edit(key) else { return nil }
        }
        return []
    }

    /// Enter in the chat: the reply to the student being written, else a question to the assistant.
    private static func send(_ s: inout AppState) -> [Effect] {
        let text = s.chat.input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if var draft = s.chat.replying {
            guard !text.isEmpty, draft.sending == nil else { return [] }
            draft.sending = text
            s.chat.replying = draft
            return [.sendReply(messageId: draft.messageId, text: text)]
        }
        guard !text.isEmpty, !s.chat.busy else { return [] }
        s.chat.entries.append(ChatEntry(role: .curator, text: text))
        s.chat.entries.append(ChatEntry(role: .assistant, text: ""))
        s.chat.input.clear()
        s.chat.tag += 1
        s.chat.busy = true
        return [.ask(tag: s.chat.tag, question: text)]
    }
}
