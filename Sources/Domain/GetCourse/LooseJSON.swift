import Foundation

/// GetCourse answers are loosely typed (`success` as true/"true"/1, ids as numbers or strings).
/// These readers accept every spelling the contract allows and nothing more.
public enum LooseJSON {
    public static func bool(_ value: Any?) -> Bool? {
        switch value {
        case let b as Bool: return b
        case let n as NSNumber: return n.intValue != 0
        case let s as String:
            switch s.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no", "": return false
            default: return nil
            }
        default: return nil
        }
    }

    public static func int64(_ value: Any?) -> Int64? {
        switch value {
        case let i as Int: return Int64(i)
        case let i as Int64: return i
        case let n as NSNumber:
            let d = n.doubleValue
            return d.rounded() == d && abs(d) < 9e15 ? Int64(d) : nil
        case let s as String: return Int64(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    public static func string(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return "\(value!)"
        }
    }

    /// An id or count written as text, with surrounding spaces tolerated (no Foundation bridging:
    /// this runs for every row of an export).
    public static func int64(text: String) -> Int64? {
        if let v = Int64(text) { return v }
        let u = text.utf8
        guard let first = u.firstIndex(where: { $0 != 32 && $0 != 9 }), let last = u.lastIndex(where: { $0 != 32 && $0 != 9 }) else { return nil }
        return Int64(Substring(text.utf8[first...last]))
    }

    public static func bool(text: String) -> Bool? {
        switch text {
        case "true", "1": return true
        case "false", "0", "": return false
        default: return bool(text as Any)
        }
    }

    public static func stringArray(_ value: Any?) -> [String] {
        switch value {
        case let a as [Any]: return a.map { string($0) }
        case let s as String:
            // Some accounts serialise the array into the cell as text.
            if s.hasPrefix("["), let data = s.data(using: .utf8),
               let a = try? JSONSerialization.jsonObject(with: data) as? [Any] { return a.map { string($0) } }
            return s.isEmpty ? [] : s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        default: return []
        }
    }
}
