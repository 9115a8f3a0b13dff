/// A failure told in one line. The library throws it instead of exiting; each executable prints it
/// as its own `name: error: message` line and exits non-zero.
public struct CuratorFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}
