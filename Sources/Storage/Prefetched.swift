import Foundation

extension Sequence where Element: Sendable {
    /// This sequence walked on a thread of its own, a few chunks ahead of the consumer: an
    /// export's next rows are parsed on the second core while the mirror writes the previous ones.
    /// The sequence must not share mutable state with the caller (a lazy map over an export
    /// table, which only reads its bytes).
    public func prefetched(chunk: Int = 1024, depth: Int = 4) -> Prefetched<Self> {
        Prefetched(base: self, chunk: chunk, depth: depth)
    }
}

public struct Prefetched<Base: Sequence>: Sequence where Base.Element: Sendable {
    let base: Base
    let chunk: Int
    let depth: Int

    public func makeIterator() -> Iterator { Iterator(Channel(depth: depth), base: base, chunk: chunk) }

    /// Chunks handed from the producer thread to the consumer, at most `depth` waiting. Read
    /// chunks go back to the producer to be freed there: elements freed on the other thread would
    /// take the allocator's lock of the producer's arena for every string, and the two threads
    /// would spend the overlap waiting on each other.
    final class Channel: @unchecked Sendable {
        private let condition = NSCondition()
        private var chunks: [[Base.Element]] = []
        private var read: [[Base.Element]] = []
        private var finished = false
        private var abandoned = false
        let depth: Int

        init(depth: Int) { self.depth = Swift.max(1, depth) }

        /// Producer side: false when the consumer is gone and producing should stop.
        func put(_ chunk: [Base.Element]) -> Bool {
            condition.lock()
            while chunks.count >= depth && !abandoned { condition.wait() }
            let garbage = read
            read = []
            let open = !abandoned
            if open {
                chunks.append(chunk)
                condition.broadcast()
            }
            condition.unlock()
            _ = garbage  // released here, on the producer's thread
            return open
        }

        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// Consumer side: hands back the chunk it has read; the next one, or nil at the end.
        func take(returning done: consuming [Base.Element]) -> [Base.Element]? {
            condition.lock()
            defer { condition.unlock() }
            if !done.isEmpty { read.append(done) }
            while chunks.isEmpty && !finished { condition.wait() }
            guard !chunks.isEmpty else { return nil }
            condition.broadcast()
            return chunks.removeFirst()
        }

        func abandon() {
            condition.lock()
            abandoned = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Moves a sequence to the producer thread; nothing else touches it after the hand-over.
    private struct HandOver: @unchecked Sendable { let base: Base }

    public final class Iterator: IteratorProtocol {
        private let channel: Channel
        private var current: [Base.Element] = []
        private var index = 0

        init(_ channel: Channel, base: Base, chunk: Int) {
            self.channel = channel
            let handOver = HandOver(base: base)
            let size = Swift.max(1, chunk)
            Thread {
                var buffer: [Base.Element] = []
                buffer.reserveCapacity(size)
                for element in handOver.base {
                    buffer.append(element)
                    if buffer.count == size {
                        guard channel.put(buffer) else { return }
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                if !buffer.isEmpty { _ = channel.put(buffer) }
                channel.finish()
            }.start()
        }

        public func next() -> Base.Element? {
            if index == current.count {
                let done = current
                current = []
                guard let chunk = channel.take(returning: done) else { return nil }
                current = chunk
                index = 0
            }
            defer { index += 1 }
            return current[index]
        }

        // A consumer that stops early (a write failed) lets the producer thread end.
        deinit { channel.abandon() }
    }
}
