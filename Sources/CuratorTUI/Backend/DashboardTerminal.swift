/// What the terminal delivers: a key, a bracketed paste, or a new size.
public enum TerminalInput: Sendable {
    case key(Key)
    case paste(String)
    case resize(TermSize)
}

/// What the dashboard loop needs of a terminal: its size, input, and frames drawn. `Terminal` is
/// ncurses; a test drives the loop with a scripted one.
public protocol DashboardTerminal: AnyObject {
    var size: TermSize { get }
    /// Waits up to `timeoutMs` for input; nil when none came.
    func read(timeoutMs: Int32) -> TerminalInput?
    func draw(_ frame: Frame)
    /// Leaves the terminal as it was found.
    func restore()
}
