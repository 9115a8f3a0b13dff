import Foundation

/// A call the model asks for: accumulated from stream fragments by index.
public struct ChatToolCall: Sendable, Equatable {
    public var id: String
    public var name: String
    /// JSON text, exactly as the model wrote it (it may be invalid: the caller checks).
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// One message of a chat-completions conversation.
public struct ChatMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case system, user, assistant, tool }
    public var role: Role
    public var content: String
    public var toolCalls: [ChatToolCall]
    /// For a tool result: the call it answers.
    public var toolCallId: String?

    public init(role: Role, content: String, toolCalls: [ChatToolCall] = [], toolCallId: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallId = toolCallId
    }

    public static func system(_ text: String) -> ChatMessage { .init(role: .system, content: text) }
    public static func user(_ text: String) -> ChatMessage { .init(role: .user, content: text) }
    public static func tool(_ id: String, _ text: String) -> ChatMessage { .init(role: .tool, content: text, toolCallId: id) }

    var json: [String: Any] {
        var o: [String: Any] = ["role": role.rawValue, "content": content]
        if !toolCalls.isEmpty {
            o["tool_calls"] = toolCalls.map { ["id": $0.id, "type": "function", "function": ["name": $0.name, "arguments": $0.arguments]] }
            if content.isEmpty { o["content"] = NSNull() }
        }
        if let toolCallId { o["tool_call_id"] = toolCallId }
        return o
    }
}

/// A function the model may call, with its parameters as a JSON Schema object.
public struct ChatTool: Sendable, Equatable {
    public var name: String
    public var description: String
    public var parametersJSON: String

    public init(name: String, description: String, parametersJSON: String) {
        self.name = name
        self.description = description
        self.parametersJSON = parametersJSON
    }
}

public struct ChatUsage: Sendable, Equatable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens"
    }

    public static func + (a: ChatUsage, b: ChatUsage) -> ChatUsage {
        ChatUsage(promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens,
                  totalTokens: a.totalTokens + b.totalTokens)
    }

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }
}

/// What one streamed completion produced.
public struct ChatCompletion: Sendable, Equatable {
    public var content = ""
    public var toolCalls: [ChatToolCall] = []
    public var finishReason: String?
    public var usage: ChatUsage?

    public init() {}
}

/// The body of a streaming chat-completions request (OpenAI wire format).
public enum ChatRequestBody {
    public static func encode(model: String, messages: [ChatMessage], tools: [ChatTool], temperature: Double = 0.2) -> Data {
        var body: [String: Any] = [
            "model": model,
            "stream": true,
            // The last chunk then carries the token usage.
            "stream_options": ["include_usage": true],
            "temperature": temperature,
            "messages": messages.map(\.json),
        ]
        if !tools.isEmpty {
            body["tools"] = tools.map { t in
                let schema = (try? JSONSerialization.jsonObject(with: Data(t.parametersJSON.utf8))) ?? ["type": "object", "properties": [:]]
                return ["type": "function", "function": ["name": t.name, "description": t.description, "parameters": schema]]
            }
        }
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
