/// One flat record of a Tech API list: its fields as text, in the order they arrived. A lesson
/// page is a thousand records of ~15 fields, read once each: a linear scan over a few short keys
/// costs less than hashing every key into a dictionary.
public struct TechRecord: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public internal(set) var fields: [(key: String, value: String)]

    public init(_ fields: [(key: String, value: String)] = []) { self.fields = fields }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (key: $0.0, value: $0.1) }
    }

    /// The value of `key`; a key given twice reads as its last value, as in a JSON object.
    public subscript(key: String) -> String? {
        for f in fields.reversed() where f.key == key { return f.value }
        return nil
    }

    mutating func append(_ key: String, _ value: String) { fields.append((key, value)) }

    public static func == (a: TechRecord, b: TechRecord) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
