import Domain
import Foundation
import GRDB
import Storage
import Testing

/// The two ways the ingest overlaps parsing with writing: `prefetched` (an export's rows parsed
/// ahead of the writer) and `WriteBehind` (a lesson written while the next one is read).
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

    final class LockedList: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Int] = []
        func append(_ n: Int) { lock.withLock { list.append(n) } }
        var items: [Int] { lock.withLock { list } }
    }
}
