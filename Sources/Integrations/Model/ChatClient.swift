import Domain
import Foundation

/// An OpenAI-compatible chat-completions client: one streamed completion per call, text handed to
/// `onText` as it arrives, tool calls and usage collected. Retries follow `ChatRetryPolicy`, and only
/// before the first byte of an answer: a retry after text was shown would show it twice.
public struct ChatClient: Sendable {
    public var settings: ModelSettings
    public var http: HTTPClient
    public var retry: ChatRetryPolicy
    /// How the client waits between attempts (tests record the delays instead of sleeping).
    public var sleep: @Sendable (Double) -> Void

    public init(settings: ModelSettings, http: HTTPClient = HTTPClient(connectTimeout: 10, totalTimeout: 300),
                retry: ChatRetryPolicy = ChatRetryPolicy(), sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.settings = settings
        self.http = http
        self.retry = retry
        self.sleep = sleep
    }

    public func complete(_ messages: [ChatMessage], tools: [ChatTool] = [], isCancelled: @escaping () -> Bool = { false },
                         onText: (String) -> Void = { _ in }) throws(ChatError) -> ChatCompletion {
        let request = HTTPRequest(method: "POST", url: settings.endpoint, headers: [
            "Authorization": "Bearer \(settings.apiKey)",
            "Content-Type": "application/json",
            "Accept": "text/event-stream",
        ], body: ChatRequestBody.encode(model: settings.model, messages: messages, tools: tools))
        var attempt = 1
        while true {
            if isCancelled() { throw .cancelled }
            var parser = ServerSentEventParser()
            var accumulator = ChatStreamAccumulator()
            var failure: ChatError?
            let response: HTTPResponse
            do {
                response = try withoutActuallyEscaping(onText) { onText in
                    try http.stream(request, isCancelled: isCancelled) { bytes in
                        do {
                            for event in try parser.feed(bytes) {
                                let text = try accumulator.apply(event)
                                if !text.isEmpty { onText(text) }
                            }
                            return true
                        } catch let e as ChatStreamError {
                            failure = broken(e)
                        } catch {
                            failure = .brokenStream("строка потока длиннее \(parser.maxLineBytes >> 20) МБ")
                        }
                        return false
                    }
                }
            } catch let e as HTTPTransportError {
                if let failure { throw failure }
                switch e.kind {
                case .cancelled: throw .cancelled
                case .truncated where !accumulator.completion.content.isEmpty || !accumulator.completion.toolCalls.isEmpty:
                    throw .brokenStream("соединение закрыто посреди ответа")
                default: throw .transport(e.message)
                }
            } catch {
                throw .transport("\(error)")
            }
            if (200..<300).contains(response.status) {
                do { return try accumulator.finish() } catch { throw broken(error) }
            }
            let (raw, code) = Self.errorBody(response.body)
            let message = redacted(raw)
            switch response.status {
            case 401, 403: throw .unauthorized(status: response.status, message: message)
            case _ where code == "insufficient_quota": throw .quota(message: message)
            default: break
            }
            switch retry.decide(status: response.status, errorCode: code, retryAfter: response.header("retry-after"),
                                retryAfterMs: response.header("retry-after-ms"), attempt: attempt, now: Date()) {
            case .retry(let delay):
                sleep(delay)
                attempt += 1
            case .giveUp:
                if ChatRetryPolicy.isRetryable(status: response.status, errorCode: code) {
                    throw .unavailable(status: response.status, message: message)
                }
                throw .rejected(status: response.status, message: message)
            }
        }
    }

    /// OpenAI's 401 names the key it refused ("Incorrect API key provided: sk-ab***yz"): neither
    /// the key nor such a masked form is ever passed on.
    func redacted(_ message: String) -> String {
        var m = settings.apiKey.isEmpty ? message : message.replacingOccurrences(of: settings.apiKey, with: "…")
        m = m.replacingOccurrences(of: #"\b(sk|key)-[A-Za-z0-9_*\-]{3,}"#, with: "$1-…", options: .regularExpression)
        return m
    }

    func broken(_ e: ChatStreamError) -> ChatError {
        switch e {
        case .api(let raw, _, let code):
            let message = redacted(raw)
            return code == "insufficient_quota" ? .quota(message: message) : .brokenStream("ошибка сервиса: \(message)")
        case .malformed(let text): return .brokenStream("не JSON: \(redacted(text))")
        case .truncated: return .brokenStream("поток закончился без finish_reason и [DONE]")
        }
    }

    /// The message and code of an OpenAI error body; a body that is not one gives its first line.
    static func errorBody(_ body: Data) -> (message: String, code: String?) {
        if let o = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let error = o["error"],
           case .api(let message, let type, let code) = ChatStreamAccumulator.apiError(error) {
            return (message, code ?? type)
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return (text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "", nil)
    }
}
