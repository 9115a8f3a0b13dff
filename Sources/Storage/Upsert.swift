import GRDB

/// Rows written by one ingested batch.
public struct UpsertCount: Sendable, Equatable, Codable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0

    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
    }

    public static func + (a: UpsertCount, b: UpsertCount) -> UpsertCount {
        UpsertCount(new: a.new + b.new, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged)
    }
}

/// Insert-or-update keyed by GetCourse ids, telling new rows from changed ones from identical ones:
/// INSERT OR IGNORE, then an UPDATE that only fires when some column differs.
struct Upsert {
    let insertSQL: String
    let updateSQL: String
    let columnCount: Int

    /// `key` columns come first in `values`, then `columns`.
    init(table: String, key: [String], columns: [String]) {
        let all = key + columns
        insertSQL = "INSERT OR IGNORE INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(all.indices.map { "?\($0 + 1)" }.joined(separator: ", ")))"
        let sets = columns.enumerated().map { "\($1) = ?\(key.count + $0 + 1)" }.joined(separator: ", ")
        let same = columns.enumerated().map { "\($1) IS ?\(key.count + $0 + 1)" }.joined(separator: " AND ")
        let keyMatch = key.enumerated().map { "\($1) = ?\($0 + 1)" }.joined(separator: " AND ")
        updateSQL = columns.isEmpty ? "" : "UPDATE \(table) SET \(sets) WHERE \(keyMatch) AND NOT (\(same))"
        columnCount = all.count
    }

    /// Returns true when the row is new.
    @discardableResult
    func run(_ db: Database, _ values: [(any DatabaseValueConvertible)?], into count: inout UpsertCount) throws -> Bool {
        precondition(values.count == columnCount)
        let args = StatementArguments(values)
        try db.cachedStatement(sql: insertSQL).execute(arguments: args)
        if db.changesCount > 0 { count.new += 1; return true }
        if updateSQL.isEmpty { count.unchanged += 1; return false }
        try db.cachedStatement(sql: updateSQL).execute(arguments: args)
        if db.changesCount > 0 { count.updated += 1 } else { count.unchanged += 1 }
        return false
    }
}
