import Domain
import Foundation
import Storage

/// Drafts grammar and vocabulary notes on a student's essay for the teacher, with the configured
/// model. Notes only: the verdict stays the teacher's, and the notes never reach the student.
public struct EssayReviewer: Sendable {
    public let model: ChatClient
    let usage: ModelUsageLog?

    public init(model: ChatClient, store: MirrorStore?) {
        self.model = model
        usage = store.map(ModelUsageLog.init)
    }

    static let instructions = """
        Ты помогаешь преподавателю английского языка онлайн-школы Skyline English проверить эссе ученика. \
        Не ставь оценку и не решай, принять ли работу: это решает преподаватель. \
        Напиши по-русски короткие заметки для преподавателя: до 5 пунктов о грамматике (цитата ошибки → исправление и правило), \
        до 3 о лексике, одной строкой — соответствие заданию и объёму. Только текст, без Markdown-заголовков.
        """

    /// The notes, or the model's failure.
    public func notes(task: Exercise, essay: String, now: Date = Date()) throws(ChatError) -> String {
        let words = AnswerText.words(essay).count
        let request = """
            Задание: \(task.prompt)
            \(task.minWords.map { "Нужно слов: не меньше \($0). " } ?? "")В эссе слов: \(words).

            Эссе ученика:
            \(essay)
            """
        let completion = try model.complete([.system(Self.instructions), .user(request)])
        if let u = completion.usage { try? usage?.record(model: model.settings.model, purpose: "essay_notes", usage: u, now: now) }
        let text = completion.content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .brokenStream("модель вернула пустой ответ") }
        return text
    }
}
