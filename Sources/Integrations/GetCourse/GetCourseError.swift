import Domain
import Foundation

/// What went wrong talking to GetCourse, in words a curator can act on. Never carries a secret.
public enum GetCourseError: Error, CustomStringConvertible, Sendable, Equatable {
    case configuration(String)
    /// 901 / 904 / HTTP 401/403: wrong key or account.
    case unauthorized(String)
    /// 903: over the request limit.
    case rateLimited
    /// 905: another export of the account is being built.
    case exportBusy
    /// 917: the API is not on the account's plan.
    case unavailableOnPlan
    /// The export id is unknown to GetCourse (expired or from another account).
    case unknownExport(String)
    /// An API-level error we do not specifically handle.
    case api(code: Int?, message: String)
    /// HTTP status other than 200 (a 5xx from a proxy, a 404 for a wrong subdomain...).
    case http(status: Int, path: String, retryAfter: Double?)
    /// The body was not the JSON the API speaks (an HTML page, a truncated body).
    case notJSON(status: Int, path: String, looksLikeHTML: Bool)
    case transport(String, kind: HTTPTransportError.Kind)
    /// Our own request budget has no room left before `until`.
    case budgetExhausted(until: Date)

    public var description: String {
        switch self {
        case .configuration(let m): return m
        case .unauthorized(let m): return "GetCourse refused the credentials: \(m) — check GETCOURSE_API_KEY / GETCOURSE_TECH_TOKEN"
        case .rateLimited: return "GetCourse says too many requests (903); waiting for the limit window to clear"
        case .exportBusy: return "GetCourse is still building another export (905)"
        case .unavailableOnPlan: return "the GetCourse API is not available on this account's plan (917)"
        case .unknownExport(let id): return "GetCourse does not know export \(id) any more"
        case .api(let code, let m): return "GetCourse error\(code.map { " \($0)" } ?? ""): \(m)"
        case .http(let s, let p, _): return s == 404 ? "GetCourse answered 404 at \(p) — check GETCOURSE_URL (wrong subdomain?)" : "GetCourse answered HTTP \(s) at \(p)"
        case .notJSON(let s, let p, let html):
            return html ? "GetCourse answered with an HTML page (HTTP \(s)) instead of JSON at \(p) — check GETCOURSE_URL"
                : "GetCourse answered with a body that is not valid JSON (HTTP \(s)) at \(p)"
        case .transport(let m, _): return m
        case .budgetExhausted(let until): return "request budget used up until \(AccountTime.moscow.format(until)) (Moscow time)"
        }
    }

    /// Worth another attempt after a pause: transport faults, 5xx, 429, 903, 905, broken bodies.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .exportBusy, .transport: return true
        case .http(let s, _, _): return s == 408 || s == 409 || s == 429 || s >= 500
        case .notJSON(let s, _, let html): return s >= 500 || !html
        default: return false
        }
    }

    public var retryAfter: Double? {
        if case .http(_, _, let ra) = self { return ra }
        return nil
    }
}
