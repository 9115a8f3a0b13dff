import Domain
import Foundation

/// Curator's settings file: `$CURATOR_CONFIG`, else `$XDG_CONFIG_HOME/curator/config.json`, else
/// `~/.config/curator/config.json`. Optional; today it holds the ROI assumptions:
///
///     { "roi": { "minutes_per_answer": 5, "hourly_rate_rub": 600, "baseline_retention_percent": 85 } }
///
/// A setting it does not know is refused (a typo would otherwise be silently ignored).
enum ConfigFile {
    static func path(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = env["CURATOR_CONFIG"], !p.isEmpty { return p }
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return base + "/curator/config.json"
    }

    static let roiKeys = ROIAssumptions.CodingKeys.allCases.map(\.rawValue)

    /// The ROI assumptions the file sets over the defaults; a broken file stops with its path and the field.
    static func roiAssumptions(path: String = path()) -> ROIAssumptions {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { fail("config \(path): cannot be read") }
            return ROIAssumptions()
        }
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { fail("config \(path): not a JSON object") }
        for key in top.keys.sorted() where key != "roi" { fail("config \(path): \(key) is not a setting (known: roi)") }
        guard let roi = top["roi"] else { return ROIAssumptions() }
        guard let fields = roi as? [String: Any] else { fail("config \(path): roi must be an object") }
        for key in fields.keys.sorted() where !roiKeys.contains(key) {
            fail("config \(path): roi.\(key) is not a setting (known: \(roiKeys.joined(separator: ", ")))")
        }
        do {
            let a = try JSONDecoder().decode(ROIAssumptions.self, from: JSONSerialization.data(withJSONObject: roi))
            if let problem = a.problem { fail("config \(path): roi.\(problem)") }
            return a
        } catch let DecodingError.typeMismatch(_, context) {
            fail("config \(path): roi.\(context.codingPath.last?.stringValue ?? "?") must be a number")
        } catch {
            fail("config \(path): roi: \(error)")
        }
    }
}
