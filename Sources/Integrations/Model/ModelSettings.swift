import Foundation

/// Which OpenAI-compatible service answers, from OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL.
/// No key: no model (the assistant answers offline). The key is never part of a description.
public struct ModelSettings: Sendable, CustomStringConvertible {
    public static let defaultBaseURL = URL(string: "https://api.openai.com/v1")!
    public static let defaultModel = "gpt-4o-mini"

    public var apiKey: String
    public var baseURL: URL
    public var model: String

    public init(apiKey: String, baseURL: URL = defaultBaseURL, model: String = defaultModel) {
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.model = model
    }

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// nil when no key is set; an error naming the variable when one is unusable.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(Invalid) -> ModelSettings? {
        let key = env["OPENAI_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !key.isEmpty else { return nil }
        guard !key.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true }) else {
            throw Invalid(description: "OPENAI_API_KEY contains a line break or control character")
        }
        var settings = ModelSettings(apiKey: key)
        if let raw = env["OPENAI_BASE_URL"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let url = URL(string: raw.hasSuffix("/") ? String(raw.dropLast()) : raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  url.host?.isEmpty == false else {
                throw Invalid(description: "OPENAI_BASE_URL is not an http(s) URL")
            }
            settings.baseURL = url
        }
        if let model = env["OPENAI_MODEL"]?.trimmingCharacters(in: .whitespaces), !model.isEmpty { settings.model = model }
        return settings
    }

    public var endpoint: URL { baseURL.appendingPathComponent("chat/completions") }

    public var description: String { "\(model) at \(baseURL.host ?? "?")" }
}
