import Domain
import Foundation

/// Curator's settings file: `$CURATOR_CONFIG`, else `$XDG_CONFIG_HOME/curator/config.json`, else
/// `~/.config/curator/config.json`. Optional. It holds the account, the model and the ROI assumptions:
///
///     { "getcourse": { "url": "https://school.getcourse.ru", "api_key": "…", "tech_token": "…" },
///       "model": { "api_key": "…", "base_url": "https://api.openai.com/v1", "name": "gpt-4o-mini" },
///       "assistant": { "auto_reply": "on" }, "homework": { "auto_verdicts": "on" },
///       "roi": { "minutes_per_answer": 5, "hourly_rate_rub": 600, "baseline_retention_percent": 85 } }
///
/// `curator config set` writes it (mode 0600, folder 0700). A file holding a key that others can
/// read is refused, as is a setting it does not know (a typo would otherwise be silently ignored).
/// The environment variables of the same settings win over the file.
public enum ConfigFile {
    /// The file's sections by name, each holding its settings by field ("getcourse" → "url" → "https://…").
    public typealias Sections = [String: [String: Any]]

    public static func path(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = env["CURATOR_CONFIG"], !p.isEmpty { return p }
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return base + "/curator/config.json"
    }

    /// A text setting and the environment variable it stands for.
    public struct TextSetting: Sendable {
        public var name: String
        public var variable: String
        public var secret: Bool
    }

    public static let textSettings = [
        TextSetting(name: "getcourse.url", variable: "GETCOURSE_URL", secret: false),
        TextSetting(name: "getcourse.api_key", variable: "GETCOURSE_API_KEY", secret: true),
        TextSetting(name: "getcourse.tech_token", variable: "GETCOURSE_TECH_TOKEN", secret: true),
        TextSetting(name: "model.api_key", variable: "OPENAI_API_KEY", secret: true),
        TextSetting(name: "model.base_url", variable: "OPENAI_BASE_URL", secret: false),
        TextSetting(name: "model.name", variable: "OPENAI_MODEL", secret: false),
        TextSetting(name: "assistant.auto_reply", variable: "CURATOR_AUTO_REPLY", secret: false),
        TextSetting(name: "homework.auto_verdicts", variable: "CURATOR_AUTO_VERDICTS", secret: false),
    ]

    /// Settings that switch something on or off («on» / «off»).
    public static let switches = Set([AutomaticSending.replies, .verdicts].map(\.setting))

    public static let roiKeys = ROIAssumptions.CodingKeys.allCases.map(\.rawValue)

    /// Every setting's dotted name: the text settings, then `roi.*`.
    public static var names: [String] { textSettings.map(\.name) + roiKeys.map { "roi." + $0 } }

    /// The file's sections; any other is refused like an unknown setting.
    public static let sectionNames = ["getcourse", "model", "assistant", "homework", "roi"]

    /// The file's sections, validated (names, types, and the mode when it holds a key); empty when
    /// there is no file. A broken file throws one line naming the file and what is wrong.
    public static func read(path: String = path()) throws -> Sections {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw CuratorFailure(message: "config \(path): cannot be read") }
            return [:]
        }
        let sections = try parse(data, path: path)
        let secrets = textSettings.filter { $0.secret && value(sections, $0.name) != nil }
        if !secrets.isEmpty, let mode = permissions(path), mode & 0o077 != 0 {
            throw CuratorFailure(message: "config \(path): holds \(secrets.map(\.name).joined(separator: ", ")) but others can read it (mode 0\(String(mode, radix: 8))); run: chmod 600 \(path)")
        }
        return sections
    }

    /// The account and model settings as the environment variables they stand for.
    public static func variables(_ sections: Sections) -> [String: String] {
        var out: [String: String] = [:]
        for s in textSettings { if let v = value(sections, s.name) as? String { out[s.variable] = v } }
        return out
    }

    /// The ROI assumptions the file sets over the defaults; a broken section throws its path and the field.
    public static func roiAssumptions(_ sections: Sections, path: String = path()) throws -> ROIAssumptions {
        guard let roi = sections["roi"] else { return ROIAssumptions() }
        let a: ROIAssumptions
        do {
            a = try JSONDecoder().decode(ROIAssumptions.self, from: JSONSerialization.data(withJSONObject: roi))
        } catch let DecodingError.typeMismatch(_, context) {
            throw CuratorFailure(message: "config \(path): roi.\(context.codingPath.last?.stringValue ?? "?") must be a number")
        } catch {
            throw CuratorFailure(message: "config \(path): roi: \(error)")
        }
        if let problem = a.problem { throw CuratorFailure(message: "config \(path): roi.\(problem)") }
        return a
    }

    /// Writes the sections with mode 0600 (in a 0700 folder when it makes one): a temporary file
    /// renamed over the old one, so a crash leaves either the old settings or the new, never half.
    public static func write(_ sections: Sections, path: String = path()) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let data = try JSONSerialization.data(withJSONObject: sections, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw CuratorFailure(message: "config \(path): cannot write (\(String(cString: strerror(errno))))") }
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CuratorFailure(message: "config \(path): cannot write (\(reason))")
        }
    }

    /// The setting `name` ("section.field"), if the file holds it.
    public static func value(_ sections: Sections, _ name: String) -> Any? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        return parts.count == 2 ? sections[parts[0]]?[parts[1]] : nil
    }

    private static func permissions(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    private static func parse(_ data: Data, path: String) throws -> Sections {
        func problem(_ text: String) -> CuratorFailure { CuratorFailure(message: "config \(path): " + text) }
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw problem("not a JSON object") }
        var sections: Sections = [:]
        for key in top.keys.sorted() {
            guard sectionNames.contains(key) else { throw problem("\(key) is not a setting (known: \(sectionNames.joined(separator: ", ")))") }
            guard let fields = top[key] as? [String: Any] else { throw problem("\(key) must be an object") }
            for field in fields.keys.sorted() {
                let name = key + "." + field
                guard names.contains(name) else {
                    throw problem("\(name) is not a setting (known: \(names.filter { $0.hasPrefix(key + ".") }.joined(separator: ", ")))")
                }
                // roi's numbers are checked as they are decoded.
                if key != "roi" && !(fields[field] is String) { throw problem("\(name) must be a string") }
            }
            sections[key] = fields
        }
        return sections
    }
}
