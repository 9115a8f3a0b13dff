import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore

/// An OpenAI-compatible chat-completions server on loopback that replays scripted replies in the
/// real wire format (SSE `data:` chunks, JSON error bodies, Retry-After), each one exactly as the
/// test splits its bytes, and records what the client sent.
final class FakeOpenAI: @unchecked Sendable {
    struct Reply: Sendable {
        var status: HTTPResponse.Status = .ok
        var headers: [String: String] = [:]
        /// The body as written: each element is one write to the socket.
        var chunks: [[UInt8]]
        /// Drop the connection after the chunks instead of ending the body.
        var dropAfterChunks = false
        /// Hold the connection open this long after the chunks (a silent server).
        var stallSeconds: Double = 0
    }

    struct Received: Sendable {
        var authorization: String
        var raw: Data
        var body: [String: Any] { (try? JSONSerialization.jsonObject(with: raw)) as? [String: Any] ?? [:] }
        var messages: [[String: Any]] { body["messages"] as? [[String: Any]] ?? [] }
        var toolNames: [String] {
            (body["tools"] as? [[String: Any]] ?? []).compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
        }
    }

    private let lock = NSLock()
    private var script: [Reply]
    private var received: [Received] = []
    private var task: Task<Void, any Error>?
    private(set) var baseURL = URL(string: "http://127.0.0.1:1")!

    init(_ script: [Reply]) { self.script = script }

    var requests: [Received] { lock.withLock { received } }

    func start() async throws {
        let router = Router()
        router.post("/v1/chat/completions") { req, _ -> Response in
            let data = try await req.body.collect(upTo: 1 << 22)
            let reply: Reply = self.lock.withLock {
                self.received.append(Received(authorization: req.headers[.authorization] ?? "", raw: Data(buffer: data)))
                return self.script.isEmpty ? Reply(status: .internalServerError, chunks: [Array("script exhausted".utf8)]) : self.script.removeFirst()
            }
            var headers = HTTPFields()
            headers[.contentType] = reply.status == .ok ? "text/event-stream" : "application/json"
            for (k, v) in reply.headers { headers[HTTPField.Name(k)!] = v }
            return Response(status: reply.status, headers: headers, body: ResponseBody { writer in
                for (i, chunk) in reply.chunks.enumerated() {
                    try await writer.write(ByteBuffer(bytes: chunk))
                    // A pause between writes so each reaches the client as its own read.
                    if i < reply.chunks.count - 1 { try await Task.sleep(for: .milliseconds(10)) }
                }
                if reply.stallSeconds > 0 { try await Task.sleep(for: .seconds(reply.stallSeconds)) }
                if reply.dropAfterChunks { throw CancellationError() }
                try await writer.finish(nil)
            })
        }
        let (stream, cont) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-openai")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { cont.yield($0.localAddress?.port ?? 0); cont.finish() }, logger: logger)
        let t = Task { try await app.run() }
        lock.withLock { task = t }
        for await port in stream { baseURL = URL(string: "http://127.0.0.1:\(port)/v1")! }
    }

    func stop() { lock.withLock { task }?.cancel() }

    // MARK: - The wire format

    static func event(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return "data: " + String(decoding: data, as: UTF8.self) + "\n\n"
    }

    static func textDelta(_ text: String) -> String {
        event(["id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": [["index": 0, "delta": ["content": text], "finish_reason": NSNull()]]])
    }

    static func finish(_ reason: String = "stop") -> String {
        event(["id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": [["index": 0, "delta": [:] as [String: Any], "finish_reason": reason]]])
    }

    static func usage(_ prompt: Int, _ completion: Int) -> String {
        event(["id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": [] as [Any],
               "usage": ["prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion]])
    }

    static func toolDelta(index: Int, id: String? = nil, name: String? = nil, arguments: String) -> String {
        var function: [String: Any] = ["arguments": arguments]
        if let name { function["name"] = name }
        var call: [String: Any] = ["index": index, "function": function]
        if let id { call["id"] = id; call["type"] = "function" }
        return event(["id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": [["index": 0, "delta": ["tool_calls": [call]], "finish_reason": NSNull()]]])
    }

    static let done = "data: [DONE]\n\n"

    /// A whole answer in one write per event.
    static func answer(_ text: String, usage: (Int, Int) = (20, 5)) -> Reply {
        Reply(chunks: [textDelta(text), finish(), Self.usage(usage.0, usage.1), done].map { Array($0.utf8) })
    }

    static func toolCall(id: String, name: String, arguments: String) -> Reply {
        Reply(chunks: [toolDelta(index: 0, id: id, name: name, arguments: arguments), finish("tool_calls"), usage(20, 5), done].map { Array($0.utf8) })
    }

    static func error(_ status: HTTPResponse.Status, message: String, type: String, code: String?, headers: [String: String] = [:]) -> Reply {
        var error: [String: Any] = ["message": message, "type": type, "param": NSNull()]
        error["code"] = code ?? NSNull()
        let body = try! JSONSerialization.data(withJSONObject: ["error": error])
        return Reply(status: status, headers: headers, chunks: [Array(body)])
    }
}
