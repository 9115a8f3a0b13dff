import Domain
import Foundation
import Testing

struct ServerSentEventTests {
    private static func parse(_ chunks: [[UInt8]]) throws -> [ServerSentEvent] {
        var p = ServerSentEventParser()
        var out: [ServerSentEvent] = []
        for c in chunks { out += try p.feed(c) }
        return out
    }

    /// A read may end anywhere, inside "ё" or an emoji or between CR and LF: every split gives the same events.
    @Test func everySplitPointGivesTheSameEvents() async throws {
        // Thousands of parses: off Swift's cooperative pool, which the loopback servers of other tests share.
        let failures = try await CuratorProcess.offPool { () -> [String] in
            let stream = Array("\u{FEFF}: keep-alive\r\ndata: Привёт 👋\r\n\r\nevent: note\ndata: строка 1\ndata:строка 2\n\ndata: [DONE]\r\r".utf8)
            let whole = try Self.parse([stream])
            var failures: [String] = []
            if whole != [ServerSentEvent(data: "Привёт 👋"), ServerSentEvent(type: "note", data: "строка 1\nстрока 2"), ServerSentEvent(data: "[DONE]")] {
                failures.append("whole stream: \(whole)")
            }
            for i in 0...stream.count {
                for j in i...min(stream.count, i + 4) where try Self.parse([Array(stream[..<i]), Array(stream[i..<j]), Array(stream[j...])]) != whole {
                    failures.append("split at \(i), \(j)")
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func anEventWithoutItsBlankLineIsDropped() throws {
        var p = ServerSentEventParser()
        #expect(try p.feed(Array("data: полу".utf8)).isEmpty)
        p.finish()
        #expect(try p.feed(Array("data: новое\n\n".utf8)) == [ServerSentEvent(data: "новое")])
    }

    @Test func anEndlessLineStops() {
        var p = ServerSentEventParser(maxLineBytes: 16)
        #expect(throws: ServerSentEventParser.LineTooLong()) { try p.feed(Array(repeating: UInt8(ascii: "a"), count: 17)) }
    }

    @Test func toolCallFragmentsAccumulateByIndex() throws {
        var acc = ChatStreamAccumulator()
        let events = [
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"student_progress","arguments":""}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"open_alerts","arguments":"{}"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"name\":"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Иванова\"}"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
        ]
        for e in events { _ = try acc.apply(ServerSentEvent(data: e)) }
        let c = try acc.finish()
        #expect(c.toolCalls == [ChatToolCall(id: "call_a", name: "student_progress", arguments: #"{"name":"Иванова"}"#),
                                ChatToolCall(id: "call_b", name: "open_alerts", arguments: "{}")])
        #expect(c.finishReason == "tool_calls")
    }

    @Test func streamErrorsAndCutsAreNotAnswers() throws {
        var acc = ChatStreamAccumulator()
        _ = try acc.apply(ServerSentEvent(data: #"{"choices":[{"index":0,"delta":{"content":"Нача"}}]}"#))
        #expect(throws: ChatStreamError.truncated) { try acc.finish() }
        #expect(throws: ChatStreamError.api(message: "overloaded", type: "server_error", code: nil)) {
            try acc.apply(ServerSentEvent(data: #"{"error":{"message":"overloaded","type":"server_error","code":null}}"#))
        }
        #expect(throws: ChatStreamError.malformed("{oops")) { try acc.apply(ServerSentEvent(data: "{oops")) }
    }

    @Test func retryPolicy() {
        let policy = ChatRetryPolicy(maxAttempts: 3, baseDelay: 0.5, maxDelay: 20)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        func decide(_ status: Int, code: String? = nil, after: String? = nil, ms: String? = nil, attempt: Int = 1) -> ChatRetryPolicy.Decision {
            policy.decide(status: status, errorCode: code, retryAfter: after, retryAfterMs: ms, attempt: attempt, now: now)
        }
        #expect(decide(429, after: "3") == .retry(after: 3))
        #expect(decide(503, ms: "250") == .retry(after: 0.25))
        #expect(decide(500, attempt: 2) == .retry(after: 1))
        #expect(decide(500, attempt: 3) == .giveUp)
        #expect(decide(408) == .retry(after: 0.5))
        #expect(decide(409) == .retry(after: 0.5))
        for status in [400, 401, 403, 404] { #expect(decide(status) == .giveUp) }
        #expect(decide(429, code: "insufficient_quota") == .giveUp)
        #expect(decide(429, after: "120") == .giveUp)
        let date = "Wed, 21 Oct 2026 07:28:00 GMT"
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        let at = f.date(from: date)!
        #expect(ChatRetryPolicy.seconds(retryAfter: date, now: at.addingTimeInterval(-7)) == 7)
    }
}
