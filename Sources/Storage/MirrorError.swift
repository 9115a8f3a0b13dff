/// Why the mirror cannot be opened or written. Each reads as one line for the user.
public enum MirrorError: Error, CustomStringConvertible, Equatable, Sendable {
    case notSQLite(path: String)
    case notCurator(path: String)
    case newerSchema(path: String, unknown: [String])
    case corrupt(path: String, detail: String)
    case missing(path: String)
    case cannotCreate(path: String, detail: String)
    case sqlite(detail: String)

    public var description: String {
        switch self {
        case .notSQLite(let p): "\(p) is not a SQLite database; refusing to touch it (use --db to choose another file)"
        case .notCurator(let p): "\(p) is a SQLite database but not a Curator mirror; refusing to touch it (use --db to choose another file)"
        case .newerSchema(let p, let u): "\(p) was written by a newer Curator (schema \(u.joined(separator: ", "))); upgrade Curator to open it"
        case .corrupt(let p, let d): "\(p) is damaged (\(d)); it was left untouched — restore it or remove it and sync again"
        case .missing(let p): "no mirror at \(p) yet: run `curator sync --once` first"
        case .cannotCreate(let p, let d): "cannot create the mirror at \(p): \(d)"
        case .sqlite(let d): "database error: \(d)"
        }
    }
}
