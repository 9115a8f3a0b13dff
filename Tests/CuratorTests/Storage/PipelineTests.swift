import Domain
import Foundation
import GRDB
import Storage
import Testing

/// How the ingest overlaps parsing with writing: `prefetched` (an export's rows parsed
/// ahead of the writer), `WriteBehind` (a lesson written while the next one is read) and `GatheredWrites`.
struct PipelineTests {
    @Test func prefetchedYieldsEveryElementInOrder() {
        for count in [0, 1, 7, 8, 9, 10_000] {
            let walked = Array((0..<count).lazy.map { $0 * 3 }.prefetched(chunk: 8, depth: 2))
            #expect(walked == (0..<count).map { $0 * 3 }, "count \(count)")
        }
    }

    /// A consumer that stops early (a write failed) must not leave the producer blocked forever:
    /// the producer stops at its next chunk, long before the end of an endless sequence.
    @Test func anAbandonedPrefetchStopsItsProducer() async throws {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var value = 0
            func bump() -> Int { lock.withLock { value += 1; return value } }
            var read: Int { lock.withLock { value } }
        }
        let produced = Counter()
        do {
            let it = (0...).lazy.map { _ in produced.bump() }.prefetched(chunk: 4, depth: 2).makeIterator()
            #expect(it.next() == 1)
        }
        var settled = produced.read
        for _ in 0..<200 {
            try await Task.sleep(for: .milliseconds(5))
            let now = produced.read
            if now == settled { break }
            settled = now
        }
        #expect(settled < 100, "the producer kept going: \(settled) elements")
    }

    @Test func prefetchedRowsUpsertLikeTheSequenceItself() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let students = (1...3000).map { Student(id: Int64($0), email: "s\($0)@x.ru", firstName: "Ёжик \($0)") }
        #expect(try MirrorWriter(store).upsert(students: students.prefetched(chunk: 256)) == UpsertCount(new: 3000))
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM users") } == 3000)
        #expect(try MirrorWriter(store).upsert(students: students.prefetched(chunk: 256)) == UpsertCount(unchanged: 3000))
    }

    @Test func writeBehindReturnsEachOutcomeOnceInOrder() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let writer = MirrorWriter(store)
        let writes = WriteBehind<[LessonAnswer], UpsertCount> { try writer.upsert(answers: $0) }
        var total = UpsertCount()
        for lesson in 0..<20 {
            let batch = (0..<50).map { LessonAnswer(id: Int64(lesson * 50 + $0), lessonId: Int64(lesson), userId: Int64($0), status: "new") }
            if let c = try writes.submit(batch) { total = total + c }
        }
        if let c = try writes.finish() { total = total + c }
        #expect(total == UpsertCount(new: 1000))
        #expect(try writes.finish() == nil)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM lesson_answers") } == 1000)
    }

    /// A failed write surfaces at the next submit, and the batch submitted then is not written.
    @Test func aFailedWriteStopsTheNextOne() throws {
        struct Refused: Error {}
        let written = LockedList()
        let writes = WriteBehind<Int, Int> { n in
            if n == 2 { throw Refused() }
            written.append(n)
            return n
        }
        #expect(try writes.submit(1) == nil)
        #expect(try writes.submit(2) == 1)
        #expect(throws: Refused.self) { try writes.submit(3) }
        #expect(try writes.finish() == nil)
        #expect(written.items == [1])
    }

    /// Rows go out in batches of at least the minimum, in order, each written once; the rest at finish.
    @Test func gatheredWritesBatchAtLeastTheMinimum() throws {
        let batches = LockedBatches()
        let writes = GatheredWrites<Int, Int>(minimum: 5) { rows in
            batches.append(rows)
            return rows.count
        }
        var outcomes: [Int] = []
        for start in stride(from: 0, to: 21, by: 3) {
            if let n = try writes.add(Array(start..<start + 3)) { outcomes.append(n) }
        }
        outcomes += try writes.finish()
        #expect(batches.items.map(\.count) == [6, 6, 6, 3])
        #expect(batches.items.flatMap { $0 } == Array(0..<21))
        #expect(outcomes == [6, 6, 6, 3])
        #expect(try writes.finish().isEmpty)
    }

    final class LockedBatches: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [[Int]] = []
        func append(_ rows: [Int]) { lock.withLock { list.append(rows) } }
        var items: [[Int]] { lock.withLock { list } }
    }

    final class LockedList: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Int] = []
        func append(_ n: Int) { lock.withLock { list.append(n) } }
        var items: [Int] { lock.withLock { list } }
    }
}
