import Foundation
import GRDB

/// Why the mirror cannot be opened or written. Each reads as one line for the user.
public enum MirrorError: Error, CustomStringConvertible, Equatable, Sendable {
    case notSQLite(path: String)
    case notCurator(path: String)
    case newerSchema(path: String, unknown: [String])
    case corrupt(path: String, detail: String)
    case missing(path: String)
    case cannotCreate(path: String, detail: String)
    case sqlite(detail: String)
    /// The file is there but cannot be written: the reason says which (a read-only folder, a full disk).
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notSQLite(let p): "\(p) is not a SQLite database; refusing to touch it (use --db to choose another file)"
        case .notCurator(let p): "\(p) is a SQLite database but not a Curator mirror; refusing to touch it (use --db to choose another file)"
        case .newerSchema(let p, let u): "\(p) was written by a newer Curator (schema \(u.joined(separator: ", "))); upgrade Curator to open it"
        case .corrupt(let p, let d): "\(p) is damaged (\(d)); it was left untouched — restore it or remove it and sync again"
        case .missing(let p): "no mirror at \(p) yet: run `curator sync --once` first"
        case .cannotCreate(let p, let d): "cannot create the mirror at \(p): \(d)"
        case .sqlite(let d): "database error: \(d)"
        case .unwritable(let p, let r): "cannot write the mirror at \(p): \(r); the file was left as it was"
        }
    }
}

extension MirrorError {
    /// A failed write as one line: the folder's reason when it cannot take writes, else SQLite's words.
    public static func writeFailure(_ error: any Error, path: String) -> String {
        if let why = unwritable(path) { return MirrorError.unwritable(path: path, reason: why).description }
        if let e = error as? DatabaseError { return "mirror write failed: \(e.message ?? "\(e.resultCode)")" }
        return "mirror write failed: \(error)"
    }

    /// Why the folder holding `path` cannot take writes, or nil when it can.
    static func unwritable(_ path: String) -> String? {
        let dir = (path as NSString).deletingLastPathComponent
        let folder = dir.isEmpty ? "." : dir
        var fs = statvfs()
        guard statvfs(folder, &fs) == 0 else { return nil }
        if fs.f_flag & UInt(ST_RDONLY) != 0 { return "\(folder) is on a read-only file system" }
        if access(folder, W_OK) != 0 { return "\(folder) is read-only (\(String(cString: strerror(errno))))" }
        let free = UInt64(fs.f_bavail) * UInt64(fs.f_frsize)
        if free < 1 << 20 { return "the disk holding \(folder) is full (\(free / 1024) KB free)" }
        return nil
    }
}
