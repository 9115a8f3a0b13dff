import Domain
import Foundation
import GRDB
import Storage
import Testing

struct MirrorStoreTests {
    @Test func createsAMigratedWALMirrorFromNothing() throws {
        let dir = TestSupport.TempDir()
        let path = dir.file("nested/deeper/curator.sqlite")
        let store = try MirrorStore.open(path: path)
        let tables = ["users", "groups", "group_members", "deals", "trainings", "lesson_answers", "dialogs",
                      "messages", "sync_watermarks", "sync_exports", "request_log", "outbox", "meta",
                      "school_trainings", "school_streams", "school_lessons", "school_packages"]
        let (mode, appID, done, present) = try store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try MirrorSchema.migrator.hasCompletedMigrations(db), try tables.filter { try db.tableExists($0) })
        }
        #expect(mode == "wal")
        #expect(appID == MirrorSchema.applicationID)
        #expect(done)
        #expect(present == tables)
    }

    /// Every earlier schema version migrates to the current one with its data intact.
    @Test func migratesFromEveryEarlierVersion() throws {
        let ids = MirrorSchema.migrator.migrations
        for (i, id) in ids.enumerated() {
            let dir = TestSupport.TempDir()
            let path = dir.file("m.sqlite")
            let queue = try DatabaseQueue(path: path)
            try MirrorSchema.migrator.migrate(queue, upTo: id)
            try queue.write { db in try db.execute(sql: "INSERT INTO users (id, email) VALUES (7, 'kept@x.ru')") }
            try queue.close()
            let store = try MirrorStore.open(path: path)
            let (done, email) = try store.pool.read { db in
                (try MirrorSchema.migrator.hasCompletedMigrations(db), try String.fetchOne(db, sql: "SELECT email FROM users WHERE id = 7"))
            }
            #expect(done, "from \(id) (#\(i))")
            #expect(email == "kept@x.ru")
        }
    }

    private func expectUntouched(_ path: String, _ expected: (MirrorError) -> Bool) throws {
        let before = try #require(FileManager.default.contents(atPath: path))
        do {
            _ = try MirrorStore.open(path: path)
            Issue.record("opening \(path) should fail")
        } catch {
            #expect(expected(error), "\(error)")
            #expect(!error.description.contains("\n"))
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        // A read-only look at a WAL-mode mirror may leave SQLite's empty side files, never content.
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber
        #expect(wal == nil || wal == 0)
    }

    @Test func refusesAFileThatIsNotSQLite() throws {
        let dir = TestSupport.TempDir()
        let path = dir.file("notes.txt")
        _ = FileManager.default.createFile(atPath: path, contents: Data(String(repeating: "мои заметки\n", count: 50).utf8))
        try expectUntouched(path) { if case .notSQLite = $0 { true } else { false } }
    }

    @Test func refusesAnotherApplicationsDatabase() throws {
        let dir = TestSupport.TempDir()
        let path = dir.file("other.sqlite")
        let q = try DatabaseQueue(path: path)
        try q.write { db in try db.execute(sql: "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('борщ')") }
        try q.close()
        try expectUntouched(path) { if case .notCurator = $0 { true } else { false } }
    }

    @Test func refusesAMirrorFromANewerCurator() throws {
        let dir = TestSupport.TempDir()
        let path = dir.file("newer.sqlite")
        let store = try MirrorStore.open(path: path)
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try store.pool.close()
        try expectUntouched(path) { if case .newerSchema(_, let u) = $0 { u == ["v99-from-the-future"] } else { false } }
    }

    /// A closed mirror of a few hundred pages, everything checkpointed into the main file.
    private func closedMirror(_ path: String) throws {
        let store = try MirrorStore.open(path: path)
        try MirrorWriter(store).upsert(students: (1...2000).map { Student(id: Int64($0), email: "s\($0)@x.ru", firstName: String(repeating: "Ё", count: 40)) })
        try store.pool.close()
    }

    @Test func refusesATruncatedMirror() throws {
        let dir = TestSupport.TempDir()
        let path = dir.file("cut.sqlite")
        try closedMirror(path)
        let full = try #require(FileManager.default.contents(atPath: path))
        _ = FileManager.default.createFile(atPath: path, contents: full.prefix(full.count / 2))
        try expectUntouched(path) { if case .corrupt = $0 { true } else { false } }
    }

    @Test func refusesACorruptMirror() throws {
        let dir = TestSupport.TempDir()
        let path = dir.file("bad.sqlite")
        try closedMirror(path)
        var bytes = try #require(FileManager.default.contents(atPath: path))
        // Scribble over the middle pages, keeping the header valid.
        for i in stride(from: bytes.count / 3, to: bytes.count / 3 + 8192, by: 1) { bytes[i] = UInt8(i % 251) }
        _ = FileManager.default.createFile(atPath: path, contents: bytes)
        try expectUntouched(path) { if case .corrupt = $0 { true } else { false } }
    }

    /// Killed before its first checkpoint, a mirror's header is still blank: the WAL holds the truth.
    @Test func aMirrorKilledBeforeItsFirstCheckpointStillOpens() throws {
        let dir = TestSupport.TempDir()
        let path = dir.file("young.sqlite")
        let store = try MirrorStore.open(path: path)
        // The files as a SIGKILL would leave them: copied while the pool is still open.
        let main = try #require(FileManager.default.contents(atPath: path))
        let wal = try #require(FileManager.default.contents(atPath: path + "-wal"))
        withExtendedLifetime(store) {}
        #expect(main[68..<72] == Data([0, 0, 0, 0]) && !wal.isEmpty, "the header should still be blank before a checkpoint")
        let copy = dir.file("copy.sqlite")
        _ = FileManager.default.createFile(atPath: copy, contents: main)
        _ = FileManager.default.createFile(atPath: copy + "-wal", contents: wal)
        let reopened = try MirrorStore.open(path: copy)
        let appID = try reopened.pool.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        #expect(appID == MirrorSchema.applicationID)
    }

    @Test func aMissingMirrorIsReportedWhenNotCreating() {
        let dir = TestSupport.TempDir()
        #expect(throws: MirrorError.missing(path: dir.file("none.sqlite"))) { try MirrorStore.open(path: dir.file("none.sqlite"), create: false) }
    }

    @Test func defaultPathFollowsXDG() {
        #expect(MirrorStore.defaultPath(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/home/a"]) == "/x/data/curator/curator.sqlite")
        #expect(MirrorStore.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/share/curator/curator.sqlite")
        #expect(MirrorStore.defaultPath(environment: ["CURATOR_DB": "/tmp/m.sqlite", "HOME": "/home/a"]) == "/tmp/m.sqlite")
    }
}
