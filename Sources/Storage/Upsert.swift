import Foundation
import GRDB
import GRDBSQLite

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

/// A column value for `Upsert`: bound straight through SQLite's C API, which in a 100k-row ingest
/// is several times cheaper than boxing every value for GRDB's statement arguments.
enum SQLValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    init(_ v: Int64) { self = .int(v) }
    init(_ v: Int64?) { self = v.map(SQLValue.int) ?? .null }
    init(_ v: Int?) { self = v.map { .int(Int64($0)) } ?? .null }
    init(_ v: Bool) { self = .int(v ? 1 : 0) }
    init(_ v: String) { self = .text(v) }
    init(_ v: Date?) { self = v.map { .double($0.timeIntervalSince1970) } ?? .null }
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
    func run(_ db: Database, _ values: [SQLValue], into count: inout UpsertCount) throws -> Bool {
        precondition(values.count == columnCount)
        if try Self.step(db, db.cachedStatement(sql: insertSQL), values) > 0 { count.new += 1; return true }
        if updateSQL.isEmpty { count.unchanged += 1; return false }
        if try Self.step(db, db.cachedStatement(sql: updateSQL), values) > 0 { count.updated += 1 } else { count.unchanged += 1 }
        return false
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Runs a cached write statement with `values` bound; returns the rows it changed.
    @discardableResult
    static func execute(_ db: Database, _ sql: String, _ values: [SQLValue]) throws -> Int32 {
        try step(db, db.cachedStatement(sql: sql), values)
    }

    /// Binds, steps and resets one cached statement; returns the rows it changed.
    private static func step(_ db: Database, _ statement: Statement, _ values: [SQLValue]) throws -> Int32 {
        let h = statement.sqliteStatement
        defer { sqlite3_reset(h) }
        for (i, v) in values.enumerated() {
            let at = Int32(i + 1)
            switch v {
            case .null: sqlite3_bind_null(h, at)
            case .int(let x): sqlite3_bind_int64(h, at, x)
            case .double(let x): sqlite3_bind_double(h, at, x)
            case .text(var s):
                s.withUTF8 { buf in _ = sqlite3_bind_text(h, at, UnsafeRawPointer(buf.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self), Int32(buf.count), transient) }
            }
        }
        let rc = sqlite3_step(h)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
        return sqlite3_changes(db.sqliteConnection)
    }
}
