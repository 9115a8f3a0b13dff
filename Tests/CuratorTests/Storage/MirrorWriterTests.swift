import Domain
import Foundation
import GRDB
import Storage
import Synchronization
import Testing

struct MirrorWriterTests {
    @Test func upsertsCountNewUpdatedAndUnchanged() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        let a = Student(id: 1, email: "a@x.ru", firstName: "Анна"), b = Student(id: 2, email: "b@x.ru", firstName: "Борис")
        #expect(try w.upsert(students: [a, b]) == UpsertCount(new: 2))
        var b2 = b
        b2.phone = "+7 900 000-00-00"
        #expect(try w.upsert(students: [a, b2]) == UpsertCount(new: 0, updated: 1, unchanged: 1))
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM users") } == 2)
        #expect(try store.pool.read { try String.fetchOne($0, sql: "SELECT phone FROM users WHERE id = 2") } == "+7 900 000-00-00")
    }

    /// Indexed columns are written by their own statement: a change there alone, a change elsewhere
    /// alone, and both, each count once and land; the indexes answer for the new values.
    @Test func indexedColumnsAreUpdatedWhenTheyAloneChange() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        let a = LessonAnswer(id: 1, lessonId: 10, userId: 1, status: "new")
        #expect(try w.upsert(answers: [a]) == UpsertCount(new: 1))
        var moved = a
        moved.lessonId = 11
        #expect(try w.upsert(answers: [moved]) == UpsertCount(updated: 1))
        var both = moved
        both.userId = 2
        both.status = "accepted"
        #expect(try w.upsert(answers: [both]) == UpsertCount(updated: 1))
        #expect(try w.upsert(answers: [both]) == UpsertCount(unchanged: 1))
        let row = try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT lesson_id, user_id, status FROM lesson_answers INDEXED BY lesson_answers_user WHERE user_id = 2")
        }
        #expect(row.map { [$0[0] as Int64, $0[1] as Int64] } == [11, 2] && row?[2] == "accepted")
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM lesson_answers INDEXED BY lesson_answers_lesson WHERE lesson_id = 10") } == 0)
    }

    @Test func aFullMemberListReplacesTheGroup() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        try w.upsert(memberships: [1, 2, 3].map { GroupMembership(groupId: 10, userId: $0, addedAt: nil) } + [GroupMembership(groupId: 11, userId: 2, addedAt: nil)])
        let (c, removed) = try w.replace(membersOf: 10, with: [1, 3, 4].map { GroupMembership(groupId: 10, userId: $0, addedAt: nil) })
        #expect(c == UpsertCount(new: 1, updated: 0, unchanged: 2))
        #expect(removed == 1)
        let rows = try store.pool.read { try Row.fetchAll($0, sql: "SELECT group_id, user_id FROM group_members ORDER BY group_id, user_id") }
        #expect(rows.map { [$0["group_id"] as Int64, $0["user_id"] as Int64] } == [[10, 1], [10, 3], [10, 4], [11, 2]])
    }

    /// A lesson-view group's first export is a full list: its views are activity like any other.
    @Test func aFullListOfLessonViewsMovesLastActive() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        try w.upsert(students: [Student(id: 1, firstName: "Ольга", lastActivityAt: t0)])
        try w.upsert(groups: [StudyGroup(id: 5, name: "Урок 05 просмотрен", lastAddedAt: nil), StudyGroup(id: 6, name: "Поток", lastAddedAt: nil)])
        try w.upsert(memberships: [GroupMembership(groupId: 6, userId: 1, addedAt: nil)])
        try w.replace(membersOf: 5, with: [GroupMembership(groupId: 5, userId: 1, addedAt: t0.addingTimeInterval(600))])
        #expect(try StudentQueries(store).students().first?.lastActiveAt == t0.addingTimeInterval(600))
    }

    /// The reader reads without pause while every batch is written: the writer waits for it to have
    /// seen each batch before writing the next, so the reads and the writes interleave for certain.
    /// The reader has a thread of its own: spinning on the shared task pool would starve other tests.
    @Test func aReaderNeverSeesHalfABatch() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        let batch = 2000, rounds = 5
        let seen = Mutex<[Int]>([])
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { finished.signal() }
            while let n = try? store.pool.read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM deals") ?? 0 }) {
                seen.withLock { $0.append(n) }
                if n == rounds * batch { return }
            }
        }
        for round in 0..<rounds {
            // The reader is reading before the batch starts: it has seen the last one.
            let deadline = Date().addingTimeInterval(60)
            while !seen.withLock({ $0.contains(round * batch) }) {
                guard Date() < deadline else { Issue.record("the reader stopped before batch \(round)"); return }
                usleep(200)
            }
            try w.upsert(deals: (0..<batch).map { Deal(id: Int64(round * batch + $0), userId: 1, title: "пакет", status: .payed, costKopecks: 640_000) })
        }
        #expect(finished.wait(timeout: .now() + 60) == .success)
        let counts = seen.withLock { $0 }
        #expect(Set(counts) == Set((0...rounds).map { $0 * batch }), "\(Set(counts).sorted())")
    }

    @Test func searchIsCaseAndYoInsensitiveAndLiteral() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        try w.upsert(students: [
            Student(id: 1, email: "alena@mail.ru", firstName: "Алёна", lastName: "Ёлкина", phone: "+7 912 345-67-89"),
            Student(id: 2, email: "boris_100%@mail.ru", firstName: "Борис", lastName: "Иванов"),
            Student(id: 3, email: "staff@school.ru", firstName: "Анна", lastName: "Кураторова"),
        ])
        try w.upsert(groups: [StudyGroup(id: 10, name: "General English B1 | Поток 3", lastAddedAt: nil)])
        try w.upsert(memberships: [GroupMembership(groupId: 10, userId: 1, addedAt: nil), GroupMembership(groupId: 10, userId: 2, addedAt: nil)])
        let q = StudentQueries(store)
        #expect(try q.students(search: "АЛЕНА").map(\.id) == [1])
        #expect(try q.students(search: "елкина алёна").map(\.id) == [1])
        #expect(try q.students(search: "79123456789").map(\.id) == [1])
        #expect(try q.students(search: "100%").map(\.id) == [2])
        #expect(try q.students(search: "_").map(\.id) == [2])
        #expect(try q.students(search: "' OR 1=1 --").isEmpty)
        // Staff (no study group, no deal) are users but not students.
        #expect(try q.students().map(\.id) == [1, 2])
        #expect(try q.students(group: "General English B1 | Поток 3", sort: .name).map(\.name) == ["Алёна Ёлкина", "Борис Иванов"])
    }

    @Test func lastActiveIsTheLatestOfEverySignal() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        try w.upsert(students: [Student(id: 1, lastActivityAt: t0)])
        try w.upsert(groups: [StudyGroup(id: 5, name: "Урок 05 просмотрен", lastAddedAt: nil), StudyGroup(id: 6, name: "Поток", lastAddedAt: nil)])
        try w.upsert(memberships: [GroupMembership(groupId: 6, userId: 1, addedAt: t0.addingTimeInterval(900))])
        #expect(try StudentQueries(store).students().first?.lastActiveAt == t0)
        try w.upsert(memberships: [GroupMembership(groupId: 5, userId: 1, addedAt: t0.addingTimeInterval(100))])
        #expect(try StudentQueries(store).students().first?.lastActiveAt == t0.addingTimeInterval(100))
        try w.upsert(answers: [LessonAnswer(id: 1, lessonId: 1, userId: 1, createdAt: t0.addingTimeInterval(200))])
        #expect(try StudentQueries(store).students().first?.lastActiveAt == t0.addingTimeInterval(200))
        try w.upsert(dialogs: [Dialog(id: 1, userId: 1)], messages: [
            DialogMessage(id: 1, dialogId: 1, authorUserId: 1, text: "Здравствуйте!", createdAt: t0.addingTimeInterval(300), fromStudent: true),
            DialogMessage(id: 2, dialogId: 1, authorUserId: 99, text: "Ответ куратора", createdAt: t0.addingTimeInterval(999), fromStudent: false),
        ], forUser: 1, syncedAt: t0)
        #expect(try StudentQueries(store).students().first?.lastActiveAt == t0.addingTimeInterval(300))
        // An older signal never moves it back.
        try w.upsert(answers: [LessonAnswer(id: 2, lessonId: 1, userId: 1, createdAt: t0.addingTimeInterval(5))])
        #expect(try StudentQueries(store).students().first?.lastActiveAt == t0.addingTimeInterval(300))
    }

    @Test func activitySeenBeforeTheUserRowIsNotLost() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        try w.upsert(answers: [LessonAnswer(id: 1, lessonId: 1, userId: 9, createdAt: t0.addingTimeInterval(500))])
        try w.upsert(deals: [Deal(id: 1, userId: 9, status: .payed)])
        try w.upsert(students: [Student(id: 9, firstName: "Поздний", lastActivityAt: t0)])
        #expect(try StudentQueries(store).students().first?.lastActiveAt == t0.addingTimeInterval(500))
    }
}
