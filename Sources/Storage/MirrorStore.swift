import Domain
import Foundation
import GRDB

/// The local SQLite mirror. A DatabasePool in WAL mode: the dashboard reads while the sync writes.
/// Opening never modifies a file that is not already a healthy Curator mirror of a known schema.
public final class MirrorStore: Sendable {
    public let path: String
    public let pool: DatabasePool
    /// Opened by `openReadOnly`: every write fails, and nothing syncs into it.
    public let isReadOnly: Bool
    /// Lower bounds of `users.last_active_at` from this process's commits (see `LastActiveFloor`).
    let lastActiveFloor = LastActiveFloor()

    private init(path: String, pool: DatabasePool, isReadOnly: Bool = false) {
        self.path = path
        self.pool = pool
        self.isReadOnly = isReadOnly
    }

    /// `$XDG_DATA_HOME/curator/curator.sqlite`, else `~/.local/share/curator/curator.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let db = environment["CURATOR_DB"], !db.isEmpty { return db }
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = home + "/.local/share"
        }
        return base + "/curator/curator.sqlite"
    }

    /// Case-insensitive order in which ё sorts with е (SQLite's NOCASE only folds ASCII).
    static let russianCollation = DatabaseCollation("curator_ru") { a, b in
        let (x, y) = (TextFold.key(a), TextFold.key(b))
        return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
    }

    /// Opens (and migrates) the mirror. `create: false` refuses a missing file instead of making one.
    public static func open(path: String, create: Bool = true) throws(MirrorError) -> MirrorStore {
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        let size = ((try? fm.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        if !exists && !create { throw .missing(path: path) }
        if exists && size > 0 { try inspect(path: path, size: size) }
        if !exists {
            let dir = (path as NSString).deletingLastPathComponent
            do { try fm.createDirectory(atPath: dir.isEmpty ? "." : dir, withIntermediateDirectories: true) }
            catch { throw .cannotCreate(path: path, detail: "cannot create directory \(dir)") }
        }
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoint every ~100 MB of WAL instead of 4 MB: a batch of scattered updates would
            // otherwise copy and fsync the database file at nearly every commit, and a 1% pass at
            // 100k students (~11k pages) would checkpoint half-way. Every pass ends with a TRUNCATE
            // checkpoint anyway (SyncEngine.runPass).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 25000")
            // The writer's page cache: 16 MB instead of 2, so a lesson's scattered index leaves and
            // user rows stay cached within its transaction (64 MB measured no faster). Readers keep
            // the default.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -16384") }
            db.add(collation: MirrorStore.russianCollation)
        }
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try MirrorSchema.migrator.migrate(pool)
            return MirrorStore(path: path, pool: pool)
        } catch let e as DatabaseError {
            throw classify(e, path: path, creating: !exists)
        } catch {
            throw .sqlite(detail: "\(error)")
        }
    }

    /// Opens an existing mirror for reading only, when it cannot be written (a read-only folder, a
    /// full disk): as an immutable file, so SQLite creates nothing beside it (no -shm, no -wal, no
    /// lock). What a crashed session left in a -wal is not seen; nothing is ever written.
    public static func openReadOnly(path: String) throws(MirrorError) -> MirrorStore {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { throw .missing(path: path) }
        let size = ((try? fm.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        try inspect(path: path, size: size, immutable: true)
        var config = Configuration()
        config.readonly = true
        config.prepareDatabase { db in db.add(collation: MirrorStore.russianCollation) }
        do {
            let pool = try DatabasePool(path: immutableURI(path), configuration: config)
            return MirrorStore(path: path, pool: pool, isReadOnly: true)
        } catch let e as DatabaseError {
            throw classify(e, path: path, creating: false)
        } catch {
            throw .sqlite(detail: "\(error)")
        }
    }

    /// Moves what the WAL holds into the database file and empties it, so the mirror at rest is one
    /// file (which a read-only folder or a full disk can still open).
    public func checkpoint() throws {
        guard !isReadOnly else { return }
        try pool.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Files below this size are integrity-checked on every open.
    static let fullCheckBelow = 64 << 20

    /// Read-only checks of an existing file: header, application id, schema version, integrity.
    private static func inspect(path: String, size: Int, immutable: Bool = false) throws(MirrorError) {
        guard let fh = FileHandle(forReadingAtPath: path) else { throw .cannotCreate(path: path, detail: "cannot read the file") }
        let header = fh.readData(ofLength: 100)
        try? fh.close()
        guard header.count == 100, header.prefix(16) == Data("SQLite format 3\0".utf8) else { throw .notSQLite(path: path) }
        // Header fields are big-endian. A file shorter than its own page count is truncated.
        func be32(_ at: Int) -> UInt32 { header[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        var pageSize = Int(header[16]) << 8 | Int(header[17])
        if pageSize == 1 { pageSize = 65536 }
        let pageCount = Int(be32(28))
        let walPath = path + "-wal"
        let walSize = ((try? FileManager.default.attributesOfItem(atPath: walPath))?[.size] as? NSNumber)?.intValue ?? 0
        if walSize == 0 && be32(24) == be32(92) && pageCount > 0 && size < pageCount * pageSize {
            throw .corrupt(path: path, detail: "file is truncated: \(size) bytes for \(pageCount) pages")
        }
        // Read from the header, so a foreign database is never opened by SQLite at all. With WAL
        // content beside it the header may predate the first checkpoint (a mirror killed early):
        // then SQLite, read-only, tells.
        if (walSize == 0 || immutable) && Int32(bitPattern: be32(68)) != MirrorSchema.applicationID { throw .notCurator(path: path) }
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: immutable ? immutableURI(path) : path, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in
                if try Int32.fetchOne(db, sql: "PRAGMA application_id") != MirrorSchema.applicationID { throw MirrorError.notCurator(path: path) }
                if try MirrorSchema.migrator.hasBeenSuperseded(db) {
                    let known = Set(MirrorSchema.migrator.migrations)
                    let applied = try MirrorSchema.migrator.appliedIdentifiers(db).sorted()
                    throw MirrorError.newerSchema(path: path, unknown: applied.filter { !known.contains($0) })
                }
                // quick_check reads the whole file: seconds for a big mirror, minutes from a cold disk.
                // It runs when the file is small or the last session did not end cleanly (WAL content
                // left behind); a big, cleanly closed mirror gets the header checks above, and SQLite
                // reports damage it meets later as SQLITE_CORRUPT.
                guard size + walSize < Self.fullCheckBelow || walSize > 0 else { return }
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
                if check != ["ok"] {
                    let detail = check.joined(separator: " ").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    throw MirrorError.corrupt(path: path, detail: detail.filter { !$0.hasPrefix("***") }.prefix(2).joined(separator: "; "))
                }
            }
        } catch let e as MirrorError {
            throw e
        } catch let e as DatabaseError {
            throw classify(e, path: path, creating: false)
        } catch {
            throw .sqlite(detail: "\(error)")
        }
    }

    private static func classify(_ e: DatabaseError, path: String, creating: Bool) -> MirrorError {
        // SQLite says "unable to open" or "disk I/O error" when it cannot make its -shm or -wal: the folder tells why.
        if [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_FULL].contains(e.resultCode), let why = MirrorError.unwritable(path) {
            return .unwritable(path: path, reason: why)
        }
        switch e.resultCode {
        case .SQLITE_NOTADB: return .notSQLite(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: e.message ?? "corrupt")
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
            return .cannotCreate(path: path, detail: e.message ?? "cannot open")
        case .SQLITE_FULL: return .sqlite(detail: "disk is full")
        default: return .sqlite(detail: e.message ?? "\(e.resultCode)")
        }
    }
}
