import Domain
import Foundation
import Storage

/// Where an answer came from.
public enum AnswerOrigin: String, Sendable, Codable {
    case mirror, model
    case knowledgeBase = "knowledge_base"
}

/// One answer of the assistant, with what the curator should know about how it was made.
public struct AssistantAnswer: Sendable, Equatable {
    public var reply: AssistantReply
    public var origin: AnswerOrigin
    /// Why the model did not answer although one is configured (shown beside the offline answer).
    public var note: String?
    /// Tokens the model used for this answer (all rounds).
    public var usage: ChatUsage?
    /// The model's text was shown piece by piece through `onText` (and is `reply.text` when it answered).
    public var streamed: Bool

    /// The text already shown as it streamed is the answer: it stays, nothing is printed again.
    public var streamedTextIsTheAnswer: Bool { streamed && origin == .model && reply.action == .answer }

    /// What kind of answer this is, in the curator's words: «ответ модели · уверенность 86%».
    public var label: String {
        let kind = switch reply.action {
        case .answer: origin == .mirror ? "из данных школы" : origin == .model ? "ответ модели" : "ответ"
        case .clarify: "уточнение"
        case .handoff: "передано куратору" + (reply.handoffReason.map { " (\($0.russian))" } ?? "")
        }
        return origin == .mirror ? kind : kind + " · уверенность \(Percent.text(reply.confidence))"
    }
}

/// The assistant as the curator and the students meet it: questions about the school's data from
/// the mirror; the rest from the model when one is configured, with the retrieved articles and
/// read-only tools, and from the offline knowledge-base answer otherwise or when the model fails.
/// What needs a person (refunds, complaints, a person asked for, anger, threats, personal data,
/// health and safety) goes to the curator without asking the model.
public struct AssistantService: Sendable {
    public let knowledge: KnowledgeBase
    public let store: MirrorStore?
    public let model: ChatClient?
    /// Model rounds (tool calls and their results) before giving up on an answer.
    public var maxRounds = 4

    /// The articles as they are now.
    public var index: KnowledgeIndex { knowledge.current.index }
    /// The embeddings of the knowledge base and the hand-off examples; without them, words alone.
    public var semantic: SemanticLoader? { knowledge.current.semantic }

    public init(knowledge: KnowledgeBase, store: MirrorStore?, model: ChatClient?) {
        self.knowledge = knowledge
        self.store = store
        self.model = model
    }

    public init(index: KnowledgeIndex, semantic: SemanticLoader? = nil, store: MirrorStore?, model: ChatClient?) {
        self.init(knowledge: KnowledgeBase(.init(index: index, semantic: semantic)), store: store, model: model)
    }

    /// The reply to a digit answering the choice of articles `offered` (ids in order), if it is one.
    public func choice(_ text: String, offered: [String]) -> AssistantReply? { Assistant(index: index).choice(text, offered: offered) }

    /// The offline reply: by meaning and words when the embeddings are there, by words otherwise
    /// (and when the engine fails on this text).
    public func offlineReply(to question: String) -> AssistantReply {
        let now = knowledge.current
        let search = now.semantic?.wait()
        return Assistant(index: now.index, semantic: search?.index).reply(to: question, embedding: try? search?.embed(MessageText.plain(question)))
    }

    /// `purpose` names the caller in the mirror's record of model tokens (ask, dashboard, student_reply).
    public func answer(_ question: String, asStudent student: StudentDetail? = nil, now: Date = Date(), purpose: String = "ask",
                       isCancelled: @escaping () -> Bool = { false }, onText: (String) -> Void = { _ in }) throws -> AssistantAnswer {
        if let store, let parsed = MirrorQuestion.parse(question),
           let text = try MirrorAnswers(store).answer(parsed, asStudent: student, now: now) {
            return AssistantAnswer(reply: AssistantReply(action: .answer, text: text, sources: [], confidence: 1, handoffReason: nil),
                                   origin: .mirror, note: nil, usage: nil, streamed: false)
        }
        let offline = offlineReply(to: question)
        var fallback = AssistantAnswer(reply: offline, origin: .knowledgeBase, note: nil, usage: nil, streamed: false)
        guard let model else { return fallback }
        if let reason = offline.handoffReason, ![.unsure, .outOfScope].contains(reason) { return fallback }
        var streamed = false
        var usage: ChatUsage?
        defer {
            // Tokens are spent whether or not the answer came through.
            if let usage, let store { try? ModelUsageLog(store).record(model: model.settings.model, purpose: purpose, usage: usage, now: now) }
        }
        do {
            let reply = try ask(model, question, offline: offline, student: student, now: now, isCancelled: isCancelled, usage: &usage) {
                streamed = true
                onText($0)
            }
            return AssistantAnswer(reply: reply, origin: .model, note: nil, usage: usage, streamed: streamed)
        } catch {
            fallback.note = "Модель не ответила (\(error)): ответ из базы знаний."
            fallback.usage = usage
            fallback.streamed = streamed
            return fallback
        }
    }

    private func ask(_ model: ChatClient, _ question: String, offline: AssistantReply, student: StudentDetail?, now: Date,
                     isCancelled: @escaping () -> Bool, usage: inout ChatUsage?, onText: (String) -> Void) throws(ChatError) -> AssistantReply {
        // One look at the files for the whole answer: `index` checks whether they changed.
        let index = index
        let tools = AssistantTools(index: index, store: store, student: student, now: now)
        let retrieved = index.search(index.queryTerms(question), limit: 3).map { index.articles[$0.article] }
        var messages: [ChatMessage] = [
            .system(Self.instructions(forStudent: student != nil)),
            .system("Статьи базы знаний, найденные по вопросу:\n\n" + (retrieved.isEmpty ? "(ничего не найдено)" : retrieved.map(AssistantTools.articleText).joined(separator: "\n\n"))),
            .user(question),
        ]
        var usedMirror = false
        for _ in 0..<maxRounds {
            let completion = try model.complete(messages, tools: tools.specs, isCancelled: isCancelled, onText: onText)
            if let u = completion.usage { usage = usage.map { $0 + u } ?? u }
            if let handOff = completion.toolCalls.first(where: { $0.name == AssistantTools.handOff }) {
                let args = (try? JSONSerialization.jsonObject(with: Data(handOff.arguments.utf8))) as? [String: Any] ?? [:]
                let draft = (args["draft_reply"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                return AssistantReply(action: .handoff, text: draft.isEmpty ? offline.text : draft, sources: [], confidence: offline.confidence,
                                      handoffReason: .unsure)
            }
            guard completion.toolCalls.isEmpty else {
                messages.append(ChatMessage(role: .assistant, content: completion.content, toolCalls: completion.toolCalls))
                for call in completion.toolCalls {
                    usedMirror = usedMirror || AssistantTools.readsMirror(call.name)
                    messages.append(.tool(call.id, tools.run(call)))
                }
                continue
            }
            let (text, sources) = Self.citations(completion.content, known: Set(index.articles.map(\.id)))
            // An answer resting on nothing the school wrote is not given: the curator sees it as a draft.
            guard !text.isEmpty, !sources.isEmpty || usedMirror else {
                return AssistantReply(action: .handoff, text: text.isEmpty ? offline.text : text, sources: [], confidence: offline.confidence,
                                      handoffReason: .unsure)
            }
            return AssistantReply(action: .answer, text: text, sources: sources, confidence: offline.confidence, handoffReason: nil)
        }
        throw .brokenStream("модель не закончила ответ за \(maxRounds) раунда")
    }

    static func instructions(forStudent: Bool) -> String {
        let who = forStudent
            ? "Тебе пишет ученик. Никогда не сообщай ему данные других учеников."
            : "Тебе пишет куратор школы. Для вопросов об учениках пользуйся инструментами: они читают данные школы."
        return """
            Ты — ассистент онлайн-школы английского языка Skyline English. \(who)
            Отвечай на языке вопроса, кратко и дружелюбно, только по статьям базы знаний и результатам инструментов; \
            не выдумывай цены, даты и правила. После ответа укажи id использованных статей в квадратных скобках, например [kb-002].
            Если ответа в статьях нет, если речь о возврате денег, жалоба, просьба позвать человека или собеседник раздражён — \
            вызови \(AssistantTools.handOff) и не отвечай сам.
            """
    }

    /// Article ids cited as [id] (those that exist), and the text without the markers.
    static func citations(_ text: String, known: Set<String>) -> (String, [String]) {
        var sources: [String] = []
        var out = text
        for match in text.matches(of: /\[([A-Za-z0-9_\-]+)\]/) {
            let id = String(match.1)
            guard known.contains(id) else { continue }
            if !sources.contains(id) { sources.append(id) }
            out = out.replacingOccurrences(of: String(match.0), with: "")
        }
        let cleaned = out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: #"[ \t]+$"#, with: "", options: .regularExpression) }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (cleaned, sources)
    }
}
