import Foundation

/// When a failed chat request is tried again: only on 408, 409, 429 and 5xx, after the server's
/// Retry-After (or OpenAI's retry-after-ms) when it gives one, else after an exponential backoff.
/// Never on 401/403 or an exhausted quota (a 429 with `insufficient_quota`): waiting cannot fix those.
public struct ChatRetryPolicy: Sendable {
    public enum Decision: Sendable, Equatable {
        case retry(after: Double)
        case giveUp
    }

    public var maxAttempts: Int
    public var baseDelay: Double
    /// A server asking for a longer wait than this is not waited for: the offline answer is better
    /// than a curator staring at a spinner.
    public var maxDelay: Double

    public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 20) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static func isRetryable(status: Int, errorCode: String?) -> Bool {
        if errorCode == "insufficient_quota" { return false }
        return status == 408 || status == 409 || status == 429 || (500...599).contains(status)
    }

    /// `attempt` counts from 1 (the request that just failed).
    public func decide(status: Int, errorCode: String?, retryAfter: String?, retryAfterMs: String?, attempt: Int, now: Date) -> Decision {
        guard Self.isRetryable(status: status, errorCode: errorCode), attempt < maxAttempts else { return .giveUp }
        let asked = retryAfterMs.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.map { $0 / 1000 }
            ?? retryAfter.flatMap { Self.seconds(retryAfter: $0, now: now) }
        let delay = asked ?? baseDelay * Double(1 << (attempt - 1))
        return delay <= maxDelay ? .retry(after: max(0, delay)) : .giveUp
    }

    /// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
    public static func seconds(retryAfter value: String, now: Date) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let s = Double(v), s >= 0 { return s }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: v).map { max(0, $0.timeIntervalSince(now)) }
    }
}
