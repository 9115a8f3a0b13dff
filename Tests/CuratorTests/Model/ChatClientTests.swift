import Domain
import Foundation
import Integrations
import Testing

/// The client against an OpenAI-compatible server on loopback replaying the real wire format.
struct ChatClientTests {
    final class Delays: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Double] = []
        func add(_ d: Double) { lock.withLock { values.append(d) } }
        var all: [Double] { lock.withLock { values } }
    }

    private func client(_ server: FakeOpenAI, key: String = "sk-test-123456", delays: Delays = Delays()) -> ChatClient {
        ChatClient(settings: ModelSettings(apiKey: key, baseURL: server.baseURL, model: "test-model"),
                   http: HTTPClient(connectTimeout: 5, totalTimeout: 30), sleep: { delays.add($0) })
    }

    private func run(_ server: FakeOpenAI, _ client: ChatClient, isCancelled: @escaping @Sendable () -> Bool = { false })
        async throws -> (Result<ChatCompletion, ChatError>, String) {
        try await CuratorProcess.offPool {
            var shown = ""
            let r = Result { () throws(ChatError) in
                try client.complete([.user("Привет")], tools: [], isCancelled: isCancelled) { shown += $0 }
            }
            return (r, shown)
        }
    }

    @Test func textStreamsAcrossSplitCharactersWithUsage() async throws {
        let text = "Привет! Ёлка 🎄 — ok"
        let wire = Array((FakeOpenAI.textDelta("Привет! Ёлка ") + FakeOpenAI.textDelta("🎄 — ok") + FakeOpenAI.finish()
            + FakeOpenAI.usage(31, 7) + FakeOpenAI.done).utf8)
        // Cut inside "и" (2 bytes), inside "🎄" (4 bytes), and between "\n" and "\n".
        let pi = wire.firstIndex(of: 0xD0)! + 1
        let emoji = wire.firstIndex(of: 0xF0)! + 2
        let blank = wire.firstIndex(of: 0x0A)! + 1
        let cuts = [pi, blank, emoji].sorted()
        let chunks = [Array(wire[..<cuts[0]]), Array(wire[cuts[0]..<cuts[1]]), Array(wire[cuts[1]..<cuts[2]]), Array(wire[cuts[2]...])]
        let server = FakeOpenAI([FakeOpenAI.Reply(chunks: chunks)])
        try await server.start()
        defer { server.stop() }
        let (result, shown) = try await run(server, client(server))
        let completion = try result.get()
        #expect(completion.content == text)
        #expect(shown == text)
        #expect(completion.usage == ChatUsage(promptTokens: 31, completionTokens: 7, totalTokens: 38))
        let request = try #require(server.requests.first)
        #expect(request.authorization == "Bearer sk-test-123456")
        #expect(request.body["model"] as? String == "test-model")
        #expect(request.body["stream"] as? Bool == true)
    }

    @Test func toolCallsArriveInPieces() async throws {
        let wire = FakeOpenAI.toolDelta(index: 0, id: "call_1", name: "student_progress", arguments: "{\"na")
            + FakeOpenAI.toolDelta(index: 1, id: "call_2", name: "open_alerts", arguments: "{}")
            + FakeOpenAI.toolDelta(index: 0, arguments: "me\":\"Петрова\"}") + FakeOpenAI.finish("tool_calls") + FakeOpenAI.done
        let server = FakeOpenAI([FakeOpenAI.Reply(chunks: [Array(wire.utf8)])])
        try await server.start()
        defer { server.stop() }
        let completion = try await run(server, client(server)).0.get()
        #expect(completion.toolCalls == [ChatToolCall(id: "call_1", name: "student_progress", arguments: #"{"name":"Петрова"}"#),
                                         ChatToolCall(id: "call_2", name: "open_alerts", arguments: "{}")])
    }

    @Test func aRefusedKeyIsNotRetriedAndNeverEchoed() async throws {
        let server = FakeOpenAI([FakeOpenAI.error(.unauthorized, message: "Incorrect API key provided: sk-test-***3456.", type: "invalid_request_error",
                                                  code: "invalid_api_key")])
        try await server.start()
        defer { server.stop() }
        let (result, _) = try await run(server, client(server))
        guard case .failure(let e) = result, case .unauthorized(401, _) = e else { Issue.record("expected 401, got \(result)"); return }
        #expect(!e.description.contains("sk-test"))
        #expect(!e.description.contains("3456"))
        #expect(server.requests.count == 1)
    }

    @Test func anExhaustedQuotaIsNotRetried() async throws {
        let server = FakeOpenAI([FakeOpenAI.error(.tooManyRequests, message: "You exceeded your current quota", type: "insufficient_quota",
                                                  code: "insufficient_quota", headers: ["Retry-After": "1"])])
        try await server.start()
        defer { server.stop() }
        let (result, _) = try await run(server, client(server))
        guard case .failure(.quota) = result else { Issue.record("expected quota, got \(result)"); return }
        #expect(server.requests.count == 1)
    }

    @Test func retryAfterIsHonouredThenBackoff() async throws {
        let server = FakeOpenAI([
            FakeOpenAI.error(.tooManyRequests, message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded", headers: ["Retry-After": "2"]),
            FakeOpenAI.error(.serviceUnavailable, message: "overloaded", type: "server_error", code: nil),
            FakeOpenAI.answer("Готово"),
        ])
        try await server.start()
        defer { server.stop() }
        let delays = Delays()
        let completion = try await run(server, client(server, delays: delays)).0.get()
        #expect(completion.content == "Готово")
        #expect(delays.all == [2, 1])
        #expect(server.requests.count == 3)
    }

    @Test func retriesEnd() async throws {
        let server = FakeOpenAI(Array(repeating: FakeOpenAI.error(.internalServerError, message: "boom", type: "server_error", code: nil), count: 5))
        try await server.start()
        defer { server.stop() }
        let (result, _) = try await run(server, client(server))
        guard case .failure(.unavailable(500, _)) = result else { Issue.record("expected unavailable, got \(result)"); return }
        #expect(server.requests.count == ChatRetryPolicy().maxAttempts)
    }

    @Test func anErrorInsideTheStreamIsABrokenStream() async throws {
        let wire = FakeOpenAI.textDelta("Начинаю") + FakeOpenAI.event(["error": ["message": "The server had an error", "type": "server_error"]])
        let server = FakeOpenAI([FakeOpenAI.Reply(chunks: [Array(wire.utf8)])])
        try await server.start()
        defer { server.stop() }
        let (result, shown) = try await run(server, client(server))
        guard case .failure(.brokenStream(let m)) = result else { Issue.record("expected broken stream, got \(result)"); return }
        #expect(m.contains("The server had an error"))
        #expect(shown == "Начинаю")
        #expect(server.requests.count == 1)
    }

    @Test func aMissingDoneAfterAFinishReasonIsWhole() async throws {
        let server = FakeOpenAI([FakeOpenAI.Reply(chunks: [Array((FakeOpenAI.textDelta("Да") + FakeOpenAI.finish()).utf8)])])
        try await server.start()
        defer { server.stop() }
        #expect(try await run(server, client(server)).0.get().content == "Да")
    }

    @Test func aStreamCutShortIsBroken() async throws {
        let server = FakeOpenAI([
            FakeOpenAI.Reply(chunks: [Array(FakeOpenAI.textDelta("Полови").utf8)]),
            FakeOpenAI.Reply(chunks: [Array(FakeOpenAI.textDelta("Полови").utf8)], dropAfterChunks: true),
        ])
        try await server.start()
        defer { server.stop() }
        for _ in 0..<2 {
            let (result, _) = try await run(server, client(server))
            guard case .failure(.brokenStream) = result else { Issue.record("expected broken stream, got \(result)"); return }
        }
    }

    @Test func cancelStopsASilentServer() async throws {
        let server = FakeOpenAI([FakeOpenAI.Reply(chunks: [Array(FakeOpenAI.textDelta("Думаю").utf8)], stallSeconds: 20)])
        try await server.start()
        defer { server.stop() }
        let c = client(server)
        let shown = Delays() // counts text pieces
        let (result, _) = try await CuratorProcess.offPool {
            var text = ""
            let r = Result { () throws(ChatError) in
                try c.complete([.user("?")], isCancelled: { !shown.all.isEmpty }) { text += $0; shown.add(1) }
            }
            return (r, text)
        }
        guard case .failure(.cancelled) = result else { Issue.record("expected cancelled, got \(result)"); return }
    }

    @Test func noServerIsATransportError() async throws {
        let settings = ModelSettings(apiKey: "sk-x", baseURL: URL(string: "http://127.0.0.1:9/v1")!)
        let c = ChatClient(settings: settings, http: HTTPClient(connectTimeout: 2, totalTimeout: 5))
        let result = try await CuratorProcess.offPool { Result { () throws(ChatError) in try c.complete([.user("?")]) } }
        guard case .failure(.transport) = result else { Issue.record("expected transport, got \(result)"); return }
    }

    @Test func settingsFromTheEnvironment() throws {
        #expect(try ModelSettings.fromEnvironment([:]) == nil)
        let s = try #require(try ModelSettings.fromEnvironment(["OPENAI_API_KEY": "sk-abc", "OPENAI_BASE_URL": "http://localhost:8080/v1/"]))
        #expect(s.endpoint.absoluteString == "http://localhost:8080/v1/chat/completions")
        #expect(s.model == "gpt-4o-mini")
        #expect(!s.description.contains("sk-abc"))
        #expect(throws: ModelSettings.Invalid.self) { try ModelSettings.fromEnvironment(["OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "ftp://x"]) }
    }
}
