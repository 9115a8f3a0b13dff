import Foundation

/// Messages from other threads (the sync job, the assistant, the database) to the dashboard loop.
public final class MessageInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [Msg] = []

    public init() {}

    public func post(_ m: Msg) { lock.withLock { messages.append(m) } }

    func drain() -> [Msg] { lock.withLock { defer { messages.removeAll() }; return messages } }
}

/// The dashboard's main loop on the thread that owns the terminal: input and posted messages go
/// through `update`, effects go to `perform` (which must not block), and a frame is drawn after
/// anything was updated — at most 60 a second.
public enum DashboardLoop {
    nonisolated(unsafe) private static var stopSignal: Int32 = 0

    public static func run(_ state: inout AppState, terminal: some DashboardTerminal, inbox: MessageInbox, perform: (Effect) -> Void) {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { s in DashboardLoop.stopSignal = s }
        }
        defer { terminal.restore() }
        var dirty = false
        func send(_ m: Msg) {
            for e in Dashboard.update(&state, m) { perform(e) }
            dirty = true
        }
        send(.resize(terminal.size))
        var lastTick = Date.distantPast
        var lastFrame = Date.distantPast
        while !state.quit && stopSignal == 0 {
            var messages = inbox.drain()
            let now = Date()
            if now.timeIntervalSince(lastTick) >= 1 {
                messages.append(.tick(now))
                lastTick = now
            }
            messages.forEach(send)
            if state.quit { break }
            if dirty && now.timeIntervalSince(lastFrame) >= 1.0 / 60 {
                terminal.draw(Dashboard.view(state))
                dirty = false
                lastFrame = now
            }
            // Short waits keep posted messages (a streaming answer, a toast) flowing.
            guard let input = terminal.read(timeoutMs: 16) else { continue }
            switch input {
            case .key(let k): send(.key(k))
            case .paste(let t): send(.paste(t))
            case .resize(let size): send(.resize(size))
            }
        }
    }
}
