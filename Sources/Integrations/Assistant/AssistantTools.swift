import Domain
import Foundation
import Storage

/// The model's tools: read-only views of the knowledge base and the mirror, plus the hand-off
/// decision (which changes nothing either: the caller acts on it). A student's conversation gets
/// only the knowledge base and their own progress.
struct AssistantTools {
    static let handOff = "hand_off_to_curator"

    let index: KnowledgeIndex
    let store: MirrorStore?
    let student: StudentDetail?
    let now: Date

    var specs: [ChatTool] {
        var tools = [
            ChatTool(name: "search_knowledge_base", description: "Найти статьи базы знаний школы по запросу. Возвращает id, заголовок и текст до трёх статей.",
                     parametersJSON: #"{"type":"object","properties":{"query":{"type":"string","description":"запрос словами вопроса"}},"required":["query"]}"#),
            ChatTool(name: Self.handOff, description: "Передать вопрос куратору-человеку: когда в статьях и данных нет ответа, при возврате денег, жалобе, просьбе позвать человека или раздражении.",
                     parametersJSON: #"{"type":"object","properties":{"reason":{"type":"string"},"draft_reply":{"type":"string","description":"черновик ответа для куратора"}},"required":["reason"]}"#),
        ]
        guard store != nil else { return tools }
        if student != nil {
            tools.append(ChatTool(name: "my_progress", description: "Прогресс ученика, который задаёт вопрос: уроки, домашние задания, оплаты.",
                                  parametersJSON: #"{"type":"object","properties":{}}"#))
            return tools
        }
        let none = #"{"type":"object","properties":{}}"#
        tools += [
            ChatTool(name: "list_at_risk_students", description: "Ученики с высоким риском ухода и причины.", parametersJSON: none),
            ChatTool(name: "inactive_students", description: "Ученики, которые не заходили N дней и дольше.",
                     parametersJSON: #"{"type":"object","properties":{"days":{"type":"integer","minimum":1}},"required":["days"]}"#),
            ChatTool(name: "student_progress", description: "Прогресс ученика по имени или фамилии (в любом падеже).",
                     parametersJSON: #"{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}"#),
            ChatTool(name: "unchecked_homework", description: "Домашние задания, которые ждут проверки.", parametersJSON: none),
            ChatTool(name: "open_alerts", description: "Открытые предупреждения раннего оповещения.", parametersJSON: none),
        ]
        return tools
    }

    /// The tool's result as text for the model. Unknown tools and bad arguments are answered in
    /// words (the model can correct itself), never thrown.
    func run(_ call: ChatToolCall) -> String {
        let args = (try? JSONSerialization.jsonObject(with: Data(call.arguments.utf8))) as? [String: Any] ?? [:]
        switch call.name {
        case "search_knowledge_base":
            let query = args["query"] as? String ?? ""
            let hits = index.search(index.queryTerms(query), limit: 3)
            return hits.isEmpty ? "Ничего не найдено." : hits.map { Self.articleText(index.articles[$0.article]) }.joined(separator: "\n\n")
        case "my_progress": return mirror(.progress(name: ""))
        case "list_at_risk_students": return mirror(.atRisk)
        case "inactive_students": return mirror(.inactive(days: max(1, Int(LooseJSON.int64(args["days"]) ?? 7))))
        case "student_progress":
            let name = (args["name"] as? String ?? "").trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? "Укажите имя ученика." : mirror(.progress(name: name))
        case "unchecked_homework": return mirror(.uncheckedHomework)
        case "open_alerts": return mirror(.openAlerts)
        default: return "Нет такого инструмента: \(call.name)."
        }
    }

    /// Tools that read the mirror, as opposed to the knowledge base or the hand-off.
    static func readsMirror(_ name: String) -> Bool { !["search_knowledge_base", handOff].contains(name) }

    private func mirror(_ question: MirrorQuestion) -> String {
        guard let store else { return "Данные школы недоступны." }
        // A student's tool set has only my_progress; the check stands anyway.
        if student != nil, question != .progress(name: "") { return "Нет доступа." }
        do {
            return try MirrorAnswers(store).answer(question, asStudent: student, now: now) ?? "Нет такого ученика."
        } catch {
            return "Не удалось прочитать данные школы."
        }
    }

    static func articleText(_ a: KnowledgeArticle) -> String {
        "[\(a.id)] \(a.title)\n" + (a.body.count > 3000 ? String(a.body.prefix(3000)) + "…" : a.body)
    }
}
