import Domain
import Foundation

/// What `curator config` does to the settings, apart from reading the terminal and the file.
extension ConfigFile {
    /// Throws when `name` is not a setting, listing the ones there are.
    public static func checkName(_ name: String) throws {
        guard names.contains(name) else { throw CuratorFailure(message: "\(name) is not a setting (known: \(names.joined(separator: ", ")))") }
    }

    /// Keys: never shown, never echoed in an error.
    public static func isSecret(_ name: String) -> Bool { textSettings.contains { $0.name == name && $0.secret } }

    /// The value as the file stores it (a number for `roi.*`, «on»/«off» for a switch, else trimmed
    /// text), or an error naming the setting and, unless it is a key, the value.
    public static func checkedValue(_ name: String, _ text: String) throws -> Any {
        try checkName(name)
        if name.hasPrefix("roi."), let key = ROIAssumptions.CodingKeys(rawValue: String(name.dropFirst("roi.".count))) {
            guard let v = Double(text.trimmingCharacters(in: .whitespaces)), ROIAssumptions.accepts(key, v) else {
                throw CuratorFailure(message: "\(name) \(ROIAssumptions.rule(key)), got \(TerminalText.sanitize(text))")
            }
            return v
        }
        let v = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !v.isEmpty else { throw CuratorFailure(message: "\(name) is empty") }
        if switches.contains(name) {
            guard ["on", "off"].contains(v.lowercased()) else { throw CuratorFailure(message: "\(name) is on or off, got \(TerminalText.sanitize(v))") }
            return v.lowercased()
        }
        guard !v.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw CuratorFailure(message: "\(name) contains a line break or control character")
        }
        if name.hasSuffix("url") {
            guard let url = URL(string: v), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                throw CuratorFailure(message: "\(name) is not an http(s) URL\(isSecret(name) ? "" : ": \(TerminalText.sanitize(v))")")
            }
        }
        return v
    }

    /// The sections with `name` ("section.field") set to `value`.
    public static func setting(_ name: String, to value: Any, in sections: Sections) -> Sections {
        let (section, field) = split(name)
        var out = sections
        out[section, default: [:]][field] = value
        return out
    }

    /// The sections without `name`; a section left empty goes too.
    public static func unsetting(_ name: String, in sections: Sections) -> Sections {
        let (section, field) = split(name)
        var out = sections
        out[section]?[field] = nil
        if out[section]?.isEmpty == true { out[section] = nil }
        return out
    }

    /// The settings the file holds, in the order of `names`, as `curator config` shows them: a key
    /// only says that it is set.
    public static func shown(_ sections: Sections) -> [(name: String, value: String)] {
        names.compactMap { name in
            guard let v = value(sections, name) else { return nil }
            return (name, isSecret(name) ? "задан (скрыт)" : TerminalText.sanitize("\(v)"))
        }
    }

    private static func split(_ name: String) -> (section: String, field: String) {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        return (parts[0], parts.count == 2 ? parts[1] : "")
    }
}
