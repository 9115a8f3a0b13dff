import Foundation

/// Mirror writes run one batch at a time on a thread of their own, so the caller fetches and
/// parses the next batch (a lesson's answers) while the previous one is written. At most one
/// batch is in flight: submitting the next waits for it. Its outcome, or its error, comes back
/// from the next `submit` or from `finish`.
///
/// A written batch is released on the caller's thread, which allocated it: freed on the writer's
/// thread, every string of it would take the allocator's lock of the other thread's arena, and
/// the two threads would spend the overlap waiting on each other.
public final class WriteBehind<Batch: Sendable, Outcome: Sendable>: @unchecked Sendable {
    private let write: @Sendable (Batch) throws -> Outcome
    private let queue = DispatchQueue(label: "curator.write-behind")
    private let idle = DispatchSemaphore(value: 1)
    // Set on `queue` before `idle` is signalled, read and cleared by the caller after waiting for it.
    private var inFlight: Slot?

    private final class Slot: @unchecked Sendable {
        var batch: Batch?
        var outcome: Result<Outcome, any Error>?
        init(_ batch: Batch) { self.batch = batch }
    }

    public init(write: @escaping @Sendable (Batch) throws -> Outcome) { self.write = write }

    /// Waits for the batch in flight, starts writing `batch`, and returns what the previous write
    /// gave. When the previous write failed, `batch` is not started and that error is thrown.
    public func submit(_ batch: Batch) throws -> Outcome? {
        idle.wait()
        let previous = collect()
        if case .failure(let error) = previous {
            idle.signal()
            throw error
        }
        let slot = Slot(batch)
        inFlight = slot
        let write = write
        queue.async {
            slot.outcome = Result { try write(slot.batch!) }
            self.idle.signal()
        }
        return try previous?.get()
    }

    /// Waits for the batch in flight and returns what its write gave.
    public func finish() throws -> Outcome? {
        idle.wait()
        defer { idle.signal() }
        return try collect()?.get()
    }

    /// The finished slot's outcome; its batch is dropped here, on the caller's thread.
    private func collect() -> Result<Outcome, any Error>? {
        guard let slot = inFlight else { return nil }
        inFlight = nil
        slot.batch = nil
        return slot.outcome
    }
}
