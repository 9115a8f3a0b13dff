import Foundation

/// Where and how to reach one GetCourse account. `description` never shows the secrets.
public struct GetCourseAccount: Sendable, CustomStringConvertible {
    /// The account root, e.g. `https://school.getcourse.ru` (a trailing `/pl/api` is accepted).
    public var baseURL: URL
    public var apiKey: String
    /// `{developerKey}_{schoolKey}` for the Tech API; empty when only the legacy API is configured.
    public var techToken: String

    public init(baseURL: URL, apiKey: String, techToken: String) {
        var s = baseURL.absoluteString
        while s.hasSuffix("/") { s.removeLast() }
        for suffix in ["/pl/api/v1", "/pl/api"] where s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        self.baseURL = URL(string: s) ?? baseURL
        self.apiKey = apiKey
        self.techToken = techToken
    }

    public var description: String { "GetCourse account at \(baseURL.host ?? baseURL.absoluteString)" }

    /// Builds an account from `GETCOURSE_URL`, `GETCOURSE_API_KEY`, `GETCOURSE_TECH_TOKEN`; nil without a URL.
    public static func fromEnvironment(_ env: [String: String]) throws(GetCourseError) -> GetCourseAccount? {
        guard let raw = env["GETCOURSE_URL"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw .configuration("GETCOURSE_URL is not an http(s) URL: \(raw)")
        }
        guard let key = env["GETCOURSE_API_KEY"], !key.isEmpty else {
            throw .configuration("GETCOURSE_API_KEY is not set (the key from GetCourse → Настройки → API)")
        }
        return GetCourseAccount(baseURL: url, apiKey: key, techToken: env["GETCOURSE_TECH_TOKEN"] ?? "")
    }
}
