import Foundation

/// The semantic index, built on its own thread from the start (embedding a whole knowledge base the
/// first time takes about a minute) so that nothing waits for it but the answers that use it.
public final class SemanticLoader: @unchecked Sendable {
    private enum State {
        case building
        case ready(SemanticSearch)
        case failed(String)
    }

    private let condition = NSCondition()
    private var state = State.building

    public init(build: @escaping @Sendable () throws -> SemanticSearch) {
        let thread = Thread { [self] in
            let result: State
            do { result = .ready(try build()) } catch { result = .failed("\(error)") }
            condition.withLock {
                state = result
                condition.broadcast()
            }
        }
        thread.name = "semantic index"
        thread.start()
    }

    /// The index once built; nil when it could not be (see `failure`).
    public func wait() -> SemanticSearch? {
        condition.withLock {
            while case .building = state { condition.wait() }
            if case .ready(let search) = state { return search }
            return nil
        }
    }

    /// Why the index could not be built, once it is known.
    public var failure: String? {
        condition.withLock {
            if case .failed(let why) = state { return why }
            return nil
        }
    }
}
