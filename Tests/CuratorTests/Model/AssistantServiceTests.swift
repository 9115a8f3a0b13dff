import Domain
import Foundation
import Integrations
import Storage
import Testing

/// The assistant with a model: retrieved articles and tools go to the model, its answer must cite
/// the school's articles, and every failure falls back to the offline answer with a note.
struct AssistantServiceTests {
    static let index: KnowledgeIndex = {
        do { return try KnowledgeBaseFiles.index(directory: TestSupport.dataDir) } catch { fatalError("knowledge base must load: \(error)") }
    }()

    private func service(_ server: FakeOpenAI, store: MirrorStore? = nil) -> AssistantService {
        let client = ChatClient(settings: ModelSettings(apiKey: "sk-service-test", baseURL: server.baseURL, model: "test-model"),
                                http: HTTPClient(connectTimeout: 5, totalTimeout: 30), sleep: { _ in })
        return AssistantService(index: Self.index, store: store, model: client)
    }

    private func ask(_ s: AssistantService, _ q: String, as student: StudentDetail? = nil) async throws -> (AssistantAnswer, String) {
        try await CuratorProcess.offPool {
            var shown = ""
            let a = try s.answer(q, asStudent: student, onText: { shown += $0 })
            return (a, shown)
        }
    }

    @Test func theModelSearchesThenAnswersCitingAnArticle() async throws {
        let server = FakeOpenAI([
            FakeOpenAI.toolCall(id: "call_1", name: "search_knowledge_base", arguments: #"{"query":"оплата долями"}"#),
            FakeOpenAI.answer("Да, можно оплатить «Долями» — четыре части без переплат. [kb-052]", usage: (200, 30)),
        ])
        try await server.start()
        defer { server.stop() }
        let (answer, shown) = try await ask(service(server), "а можно платить по частям через долями?")
        #expect(answer.origin == .model)
        #expect(answer.reply.action == .answer)
        #expect(answer.reply.sources == ["kb-052"])
        #expect(answer.reply.text == "Да, можно оплатить «Долями» — четыре части без переплат.")
        #expect(shown.contains("[kb-052]"))
        #expect(answer.streamed)
        #expect(answer.usage == ChatUsage(promptTokens: 220, completionTokens: 35, totalTokens: 255))
        let requests = server.requests
        try #require(requests.count == 2)
        // The retrieved articles travel with the question; the tool's result goes back with its call id.
        let context = requests[0].messages.compactMap { $0["content"] as? String }.joined(separator: "\n")
        #expect(context.contains("[kb-052]"))
        let toolResult = try #require(requests[1].messages.last)
        #expect(toolResult["role"] as? String == "tool")
        #expect(toolResult["tool_call_id"] as? String == "call_1")
        #expect((toolResult["content"] as? String ?? "").contains("kb-052"))
    }

    @Test func anAnswerCitingNothingGoesToTheCurator() async throws {
        let server = FakeOpenAI([FakeOpenAI.answer("Конечно, пришлём вам бесплатный учебник почтой!")])
        try await server.start()
        defer { server.stop() }
        let (answer, _) = try await ask(service(server), "пришлёте учебник почтой?")
        #expect(answer.reply.action == .handoff)
        #expect(answer.reply.handoffReason == .unsure)
        #expect(answer.reply.text.contains("учебник"))
    }

    @Test func theModelHandsOffWithADraft() async throws {
        let server = FakeOpenAI([FakeOpenAI.toolCall(id: "c", name: "hand_off_to_curator",
                                                     arguments: #"{"reason":"нет в статьях","draft_reply":"Уточню у методиста и вернусь."}"#)])
        try await server.start()
        defer { server.stop() }
        let (answer, _) = try await ask(service(server), "можно ли заниматься с преподавателем-носителем по субботам в 7 утра?")
        #expect(answer.reply.action == .handoff)
        #expect(answer.reply.text == "Уточню у методиста и вернусь.")
    }

    @Test func refundsNeverReachTheModel() async throws {
        let server = FakeOpenAI([FakeOpenAI.answer("Вернём!")])
        try await server.start()
        defer { server.stop() }
        let (answer, _) = try await ask(service(server), "Хочу вернуть деньги за абонемент")
        #expect(answer.reply.action == .handoff)
        #expect(answer.reply.handoffReason == .refund)
        #expect(server.requests.isEmpty)
    }

    @Test func aFailingModelFallsBackWithANote() async throws {
        let server = FakeOpenAI([FakeOpenAI.error(.unauthorized, message: "Incorrect API key provided: sk-ser***test", type: "invalid_request_error",
                                                  code: "invalid_api_key")])
        try await server.start()
        defer { server.stop() }
        let (answer, _) = try await ask(service(server), "как оплатить долями?")
        #expect(answer.origin == .knowledgeBase)
        #expect(answer.reply == Assistant(index: Self.index).reply(to: "как оплатить долями?"))
        let note = try #require(answer.note)
        #expect(note.contains("401"))
        #expect(!note.contains("sk-ser"))
    }

    @Test func aStudentGetsNoToolsOverOtherStudents() async throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"), create: true)
        let server = FakeOpenAI([FakeOpenAI.answer("[kb-052]"), FakeOpenAI.answer("[kb-052]")])
        try await server.start()
        defer { server.stop() }
        let student = StudentDetail(summary: StudentSummary(id: 7, name: "Ученик"))
        _ = try await ask(service(server, store: store), "как оплатить долями?", as: student)
        _ = try await ask(service(server, store: store), "как оплатить долями?")
        let requests = server.requests
        try #require(requests.count == 2)
        #expect(Set(requests[0].toolNames) == ["search_knowledge_base", "hand_off_to_curator", "my_progress"])
        #expect(Set(requests[1].toolNames).isSuperset(of: ["list_at_risk_students", "student_progress", "open_alerts", "inactive_students"]))
    }
}
