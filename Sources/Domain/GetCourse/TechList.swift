import Foundation

/// A Tech API v1 answer: `{"status", "message", "code", "errors", "data"}`. List data is read as
/// flat records of text (nested values skipped), without a Foundation JSON tree.
public enum TechAnswer: Sendable, Equatable {
    case records([TechRecord])
    /// `status` true but `data` not a list (a write-back's confirmation).
    case accepted
    case failure(code: Int?, message: String)
    case malformed(String)

    /// True when the body was the API's envelope (success or error), not some other page.
    public var isEnvelope: Bool {
        if case .malformed = self { return false }
        return true
    }

    public static func read(_ data: Data) -> TechAnswer {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> TechAnswer in
            var c = JSONCursor(raw)
            var status: Bool?
            var code: Int?
            var message = ""
            var records: [TechRecord]?
            do {
                try c.object { (c: inout JSONCursor, key: String) throws(JSONCursor.Failure) in
                    switch key {
                    case "status": status = LooseJSON.bool(text: try c.text())
                    case "code": code = Int(try c.text())
                    case "message": message = try c.text()
                    case "data":
                        guard c.peek() == UInt8(ascii: "[") else { return try c.skip() }
                        var list: [TechRecord] = []
                        try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in
                            guard c.peek() == UInt8(ascii: "{") else { return try c.skip() }
                            var record = TechRecord()
                            record.fields.reserveCapacity(16)
                            try c.object { (c: inout JSONCursor, key: String) throws(JSONCursor.Failure) in record.append(key, try c.text()) }
                            list.append(record)
                        }
                        records = list
                    default: try c.skip()
                    }
                }
                c.skipSpace()
                guard c.i == raw.count else { return .malformed("trailing data after JSON") }
            } catch let e as JSONCursor.Failure {
                return .malformed("\(e.reason) at byte \(e.offset)")
            } catch {
                return .malformed("\(error)")
            }
            guard status == true else { return .failure(code: code, message: message) }
            return records.map(TechAnswer.records) ?? .accepted
        }
    }
}
