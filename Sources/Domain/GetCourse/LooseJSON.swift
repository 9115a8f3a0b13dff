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
