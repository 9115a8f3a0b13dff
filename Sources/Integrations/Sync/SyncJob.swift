import Dispatch
import Foundation

/// The background sync: passes on a serial Dispatch queue at an interval, one at a time, plus
/// "sync now" on demand. Results and progress leave through callbacks (the dashboard turns them
/// into messages); nothing here touches the terminal.
public final class SyncJob: @unchecked Sendable {
    private let engine: SyncEngine
    private let queue = DispatchQueue(label: "curator.sync")
    private var timer: DispatchSourceTimer?
    private let onPass: @Sendable (SyncSummary) -> Void
    private let lock = NSLock()
    private var running = false
    private var pendingNow = false

    public init(engine: SyncEngine, onPass: @escaping @Sendable (SyncSummary) -> Void) {
        self.engine = engine
        self.onPass = onPass
    }

    /// Runs a pass now, then every `interval` seconds.
    public func start(interval: TimeInterval) {
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now(), repeating: interval, leeway: .seconds(1))
        t.setEventHandler { [weak self] in self?.runPass() }
        timer = t
        t.resume()
    }

    /// Asks for a pass as soon as the current one (if any) finishes.
    public func syncNow() {
        let busy = lock.withLock { () -> Bool in
            if running { pendingNow = true }
            return running
        }
        if !busy { queue.async { [weak self] in self?.runPass() } }
    }

    public var isRunning: Bool { lock.withLock { running } }

    /// Stops the timer and asks a running pass to stop; returns once nothing runs.
    public func stop() {
        timer?.cancel()
        timer = nil
        engine.cancel()
        queue.sync {}
    }

    private func runPass() {
        lock.withLock { running = true; pendingNow = false }
        let summary = engine.runPass()
        let again = lock.withLock { () -> Bool in
            running = false
            return pendingNow
        }
        onPass(summary)
        if again { queue.async { [weak self] in self?.runPass() } }
    }
}
