import Foundation

/// Why a stream did not give a whole completion.
public enum ChatStreamError: Error, Sendable, Equatable {
    /// The server reported an error inside the stream (`{"error": {...}}`).
    case api(message: String, type: String?, code: String?)
    /// A chunk that is not the JSON the format promises.
    case malformed(String)
    /// The stream stopped before a finish reason or `[DONE]`.
    case truncated
}

/// Builds a completion from the `data:` events of a chat-completions stream: text deltas appended,
/// tool-call fragments accumulated by their index (id and name come once, arguments in pieces),
/// the finish reason, and the usage chunk that ends the stream when asked for.
public struct ChatStreamAccumulator: Sendable {
    public private(set) var completion = ChatCompletion()
    /// `data: [DONE]` was seen.
    public private(set) var isDone = false
    private var calls: [Int: ChatToolCall] = [:]

    public init() {}

    /// Applies one event; returns the text it adds (for showing as it arrives).
    public mutating func apply(_ event: ServerSentEvent) throws(ChatStreamError) -> String {
        let data = event.data.trimmingCharacters(in: .whitespaces)
        if data == "[DONE]" { isDone = true; return "" }
        if data.isEmpty { return "" }
        guard let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else {
            throw .malformed(String(data.prefix(80)))
        }
        if let error = object["error"] { throw Self.apiError(error) }
        if let usage = object["usage"] as? [String: Any] {
            let p = LooseJSON.int64(usage["prompt_tokens"]) ?? 0, c = LooseJSON.int64(usage["completion_tokens"]) ?? 0
            completion.usage = ChatUsage(promptTokens: Int(p), completionTokens: Int(c), totalTokens: Int(LooseJSON.int64(usage["total_tokens"]) ?? p + c))
        }
        var added = ""
        for choice in object["choices"] as? [[String: Any]] ?? [] where (LooseJSON.int64(choice["index"]) ?? 0) == 0 {
            if let reason = choice["finish_reason"] as? String { completion.finishReason = reason }
            guard let delta = choice["delta"] as? [String: Any] else { continue }
            if let text = delta["content"] as? String { added += text }
            for fragment in delta["tool_calls"] as? [[String: Any]] ?? [] {
                let i = Int(LooseJSON.int64(fragment["index"]) ?? Int64(calls.count))
                var call = calls[i] ?? ChatToolCall(id: "", name: "", arguments: "")
                if let id = fragment["id"] as? String, !id.isEmpty { call.id = id }
                if let f = fragment["function"] as? [String: Any] {
                    if let name = f["name"] as? String { call.name += name }
                    if let args = f["arguments"] as? String { call.arguments += args }
                }
                calls[i] = call
            }
        }
        completion.content += added
        completion.toolCalls = calls.keys.sorted().map { calls[$0]! }
        return added
    }

    /// The stream ended. Whole when it said `[DONE]` or gave a finish reason (some compatible
    /// servers omit `[DONE]`); a stream cut before either is not taken as an answer.
    public func finish() throws(ChatStreamError) -> ChatCompletion {
        guard isDone || completion.finishReason != nil else { throw .truncated }
        return completion
    }

    /// An OpenAI error object: `{"message", "type", "code"}` (code may be a string or a number).
    public static func apiError(_ value: Any) -> ChatStreamError {
        let o = value as? [String: Any] ?? [:]
        let code: String? = (o["code"] as? String) ?? LooseJSON.int64(o["code"]).map { String($0) }
        return .api(message: (o["message"] as? String) ?? String(describing: value), type: o["type"] as? String, code: code)
    }
}
