import Dispatch

/// `0..<count` cut into at most `chunks` consecutive ranges, `body` run on each across the cores;
/// the results in range order. Many small chunks rather than one per core: a core the host lends
/// elsewhere for a while then holds up less of the work.
func parallelChunks<R: Sendable>(of count: Int, _ chunks: Int, _ body: @Sendable (_ chunk: Int, _ rows: Range<Int>) -> R) -> [R] {
    let chunks = min(count, chunks)
    return [R](unsafeUninitializedCapacity: chunks) { buf, initialized in
        // Each iteration initialises only its own slot.
        nonisolated(unsafe) let out = buf.baseAddress
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            (out! + c).initialize(to: body(c, count * c / chunks ..< count * (c + 1) / chunks))
        }
        initialized = chunks
    }
}
