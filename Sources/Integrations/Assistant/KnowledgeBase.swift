import Domain
import Foundation
import Storage

/// The knowledge base as the assistant uses it: the articles' index and their semantic index,
/// loaded again when the files change (an example question added from a curator's answer is used
/// by the next question, without a restart). A reload that fails keeps what was loaded.
public final class KnowledgeBase: @unchecked Sendable {
    public struct Loaded: Sendable {
        public let index: KnowledgeIndex
        public let semantic: SemanticLoader?

        public init(index: KnowledgeIndex, semantic: SemanticLoader?) {
            self.index = index
            self.semantic = semantic
        }
    }

    private let lock = NSLock()
    private var loaded: Loaded
    private var version: String?
    private let directory: String?
    private let load: (@Sendable () throws -> Loaded)?
    /// Why the last reload failed, if it did.
    public private(set) var reloadFailure: String?

    /// A knowledge base that never changes.
    public init(_ loaded: Loaded) {
        self.loaded = loaded
        directory = nil
        load = nil
    }

    /// The files in `directory`, loaded by `load` now and whenever they change.
    public init(directory: String, load: @escaping @Sendable () throws -> Loaded) throws {
        version = KnowledgeBaseFiles.version(directory: directory)
        loaded = try load()
        self.directory = directory
        self.load = load
    }

    public var current: Loaded {
        lock.withLock {
            if let directory, let load, case let now = KnowledgeBaseFiles.version(directory: directory), now != version {
                version = now
                do {
                    loaded = try load()
                    reloadFailure = nil
                } catch {
                    reloadFailure = "\(error)"
                }
            }
            return loaded
        }
    }
}
