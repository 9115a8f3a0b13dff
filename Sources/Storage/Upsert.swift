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

/// A column value for `Upsert`, bound straight through SQLite's C API.
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

/// Insert-or-update keyed by GetCourse ids, telling new rows from changed ones from identical ones.
///
/// The ingest (`MirrorWriter`) writes through this rather than GRDB records: a record boxes every
/// value into a container and statement arguments, which over a 100k-user, 500k-answer export costs
/// several times the C-level binding of statements compiled once per batch.
///
/// With one key column (the table's INTEGER PRIMARY KEY) it is one statement: INSERT … ON CONFLICT
/// DO UPDATE that only fires when some column differs; an inserted row is told from an updated one
/// by the rowid it leaves in `last_insert_rowid` (the UPDATE branch leaves it alone). A composite key
/// takes INSERT OR IGNORE, then an UPDATE with the same condition.
///
/// Columns under a secondary index are updated by a statement of their own, only when they differ:
/// SQLite rewrites the index entries of every column an UPDATE sets, changed or not, and a status
/// change of 5k answers would otherwise rewrite 10k scattered index entries (several times the cost
/// of the rows themselves).
struct Upsert {
    let insertSQL: String
    let updateSQL: [String]
    let columnCount: Int
    /// The key is the rowid: the insert updates in place and reports what it did.
    let keyIsRowid: Bool

    /// `key` columns come first in `values`, then `columns`, then `insertOnly` (set on a new row and
    /// left alone on an existing one); `indexed` names those of `columns` under a secondary index.
    init(table: String, key: [String], columns: [String], insertOnly: [String] = [], indexed: Set<String> = []) {
        let all = key + columns + insertOnly
        let insert = "INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(all.indices.map { "?\($0 + 1)" }.joined(separator: ", ")))"
        let keyMatch = key.enumerated().map { "\($1) = ?\($0 + 1)" }.joined(separator: " AND ")
        let numbered = columns.enumerated().map { (name: $1, param: "?\(key.count + $0 + 1)") }
        let plain = numbered.filter { !indexed.contains($0.name) }, underIndex = numbered.filter { indexed.contains($0.name) }
        func same(_ group: [(name: String, param: String)], _ prefix: String = "") -> String {
            group.map { "\(prefix)\($0.name) IS \($0.param)" }.joined(separator: " AND ")
        }
        func update(_ group: [(name: String, param: String)]) -> String {
            "UPDATE \(table) SET \(group.map { "\($0.name) = \($0.param)" }.joined(separator: ", ")) WHERE \(keyMatch) AND NOT (\(same(group)))"
        }
        keyIsRowid = key.count == 1
        if keyIsRowid {
            let onConflict = plain.isEmpty ? "DO NOTHING"
                : "DO UPDATE SET \(plain.map { "\($0.name) = \($0.param)" }.joined(separator: ", ")) WHERE NOT (\(same(plain, table + ".")))"
            insertSQL = "INSERT \(insert) ON CONFLICT(\(key[0])) \(onConflict)"
            updateSQL = underIndex.isEmpty ? [] : [update(underIndex)]
        } else {
            insertSQL = "INSERT OR IGNORE \(insert)"
            updateSQL = [plain, underIndex].filter { !$0.isEmpty }.map(update)
        }
        columnCount = all.count
    }

    /// The table and its columns as `Record` names them.
    init<Record: TableRecord>(_ record: Record.Type, key: [Record.Columns], columns: [Record.Columns], insertOnly: [Record.Columns] = [],
                              indexed: Set<Record.Columns> = []) where Record.Columns: ColumnExpression & Hashable {
        self.init(table: Record.databaseTableName, key: key.map(\.name), columns: columns.map(\.name), insertOnly: insertOnly.map(\.name),
                  indexed: Set(indexed.map(\.name)))
    }

    /// The statements compiled for one transaction: a batch looks them up once, not per row.
    func prepared(_ db: Database) throws -> Prepared {
        Prepared(db: db, insert: try db.cachedStatement(sql: insertSQL), updates: try updateSQL.map { try db.cachedStatement(sql: $0) },
                 columnCount: columnCount, keyIsRowid: keyIsRowid)
    }

    struct Prepared {
        let db: Database
        let insert: Statement
        let updates: [Statement]
        let columnCount: Int
        let keyIsRowid: Bool

        /// Returns true when the row is new.
        @discardableResult
        func run(_ values: [SQLValue], into count: inout UpsertCount) throws -> Bool {
            precondition(values.count == columnCount)
            let connection = db.sqliteConnection
            // Only an insert leaves its rowid behind; start from any other value.
            let key: Int64? = if keyIsRowid, case .int(let id) = values[0] { id } else { nil }
            if let key { sqlite3_set_last_insert_rowid(connection, ~key) }
            var changed = try Upsert.step(db, insert, values) > 0
            if changed && (key == nil || sqlite3_last_insert_rowid(connection) == key) { count.new += 1; return true }
            for u in updates where try Upsert.step(db, u, values) > 0 { changed = true }
            if changed { count.updated += 1 } else { count.unchanged += 1 }
            return false
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds, steps and resets one statement; returns the rows it changed.
    @discardableResult
    static func step(_ db: Database, _ statement: Statement, _ values: [SQLValue]) throws -> Int32 {
        let h = statement.sqliteStatement
        defer { sqlite3_reset(h) }
        // An UPDATE takes only the leading values (an insert-only column has no parameter in it).
        for (i, v) in values.prefix(Int(sqlite3_bind_parameter_count(h))).enumerated() {
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
