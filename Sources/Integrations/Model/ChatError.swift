/// Why the model gave no answer, in words the curator can act on (shown beside the offline answer).
/// Server messages are kept short; the API key is never in them (the server does not echo it back
/// and nothing here formats the request).
public enum ChatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 401/403: the key is wrong or lacks access.
    case unauthorized(status: Int, message: String)
    /// The account has no quota left.
    case quota(message: String)
    /// A status not worth retrying (400, 404...).
    case rejected(status: Int, message: String)
    /// Retryable failures until the attempts or the allowed wait ran out.
    case unavailable(status: Int, message: String)
    /// No connection, a timeout, TLS.
    case transport(String)
    /// The stream broke: an error event, a cut-off stream, garbage.
    case brokenStream(String)
    case cancelled

    public var description: String {
        switch self {
        case .unauthorized(let s, let m): "ключ API не принят (HTTP \(s)\(Self.suffix(m)))"
        case .quota(let m): "у ключа API закончилась квота\(Self.suffix(m))"
        case .rejected(let s, let m): "сервис модели отклонил запрос (HTTP \(s)\(Self.suffix(m)))"
        case .unavailable(let s, let m): "сервис модели недоступен (HTTP \(s)\(Self.suffix(m)))"
        case .transport(let m): "нет связи с сервисом модели: \(m)"
        case .brokenStream(let m): "ответ модели оборвался: \(m)"
        case .cancelled: "ответ модели отменён"
        }
    }

    private static func suffix(_ message: String) -> String {
        let m = message.trimmingCharacters(in: .whitespacesAndNewlines)
        return m.isEmpty ? "" : ": " + (m.count > 120 ? String(m.prefix(120)) + "…" : m)
    }
}
