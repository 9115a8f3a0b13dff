import Domain
import Foundation
import GRDB
import MockGetCourse
import Storage
import Testing

/// A school Curator ships no files for (`mock-getcourse --other-school`: its own trainings, lesson
/// counts, ids, group names and custom fields), synced as a real account with no data/school, and
/// a real account's first passes, which write nothing to GetCourse.
@Suite(.serialized) struct OtherSchoolTests {
    static let mockArgs = ["--export-build-seconds", "0.05", "--request-limit", "2000", "--limit-window", "60", "--tech-rps", "100000"]

    /// The tests' fast pacing, with the homework checker on.
    static let fastSync = SyncCommandTests.fastSync.filter { $0 != "--no-homework-check" }

    static func json(_ r: CuratorProcess.Result) throws -> Any { try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) }

    @Test(arguments: [UInt64(41), 77, 105, 311])
    func aSchoolWithNoFilesIsLearnedScoredAndMirroredWhole(seed: UInt64) async throws {
        let dir = TestSupport.TempDir()
        let truthPath = dir.file("truth.json")
        let mock = try await CuratorProcess.Mock.start(home: dir.path, args: Self.mockArgs + ["--other-school", "--students", "60", "--seed", String(seed),
                                                                                               "--truth-file", truthPath])
        var env = mock.clientEnv
        env["CURATOR_DATA"] = try TestSupport.data(in: dir, withKeys: false)
        let db = dir.file("m.sqlite")
        let r = try await CuratorProcess.runAsync(["sync", "--once", "--json", "--db", db] + Self.fastSync, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let truth = try SimulationTruth.decode(try #require(FileManager.default.contents(atPath: truthPath)))
        // Nothing of this school is in data/: not a training title, not a lesson id.
        let shipped = TestSupport.catalog
        #expect(Set(truth.school.trainings.map(\.id)).isDisjoint(with: shipped.trainings.map(\.id)))
        #expect(Set(truth.school.trainings.flatMap(\.lessons).compactMap(\.id)).isDisjoint(with: shipped.allLessons.map(\.id)))

        // Every student, deal, membership, answer and message, as GetCourse has them.
        MirrorSnapshot.expectEqual(try MirrorSnapshot(MirrorStore.open(path: db)), MirrorSnapshot(truth: truth))

        // Every student scored, with reasons that never cite what is not known.
        let s = try await CuratorProcess.runAsync(["students", "--sort", "risk", "--json", "--db", db], env: env)
        let rows = try #require(try Self.json(s) as? [[String: Any]])
        #expect(rows.count == truth.students.count && !rows.isEmpty)
        #expect(rows.allSatisfy { $0["risk"] is Double }, "unscored: \(rows.filter { !($0["risk"] is Double) }.map { $0["id"] ?? "?" })")
        let reasons = rows.flatMap { ($0["reasons"] as? [[String: Any]]) ?? [] }
        #expect(reasons.allSatisfy { ($0["value"] as? Double).map { $0.isFinite } == true })

        // What was learned is the school as it is.
        let school = try #require(try Self.json(try await CuratorProcess.runAsync(["school", "--json", "--db", db], env: env)) as? [String: Any])
        let learned = try #require(school["trainings"] as? [[String: Any]])
        #expect(learned.map { $0["id"] as? Int64 }.sorted { ($0 ?? 0) < ($1 ?? 0) } == truth.school.trainings.map(\.id))
        for t in truth.school.trainings {
            let l = try #require(learned.first { $0["id"] as? Int64 == t.id })
            #expect(l["title"] as? String == t.title)
            let streams = ((l["streams"] as? [[String: Any]]) ?? []).map { "\($0["group_id"] ?? "") \($0["name"] ?? "") \($0["students"] ?? "")" }.sorted()
            #expect(streams == t.streams.map { "\($0.group_id) \($0.name) \($0.students)" }.sorted(), "\(t.title)")
            let lessons = (l["lessons"] as? [[String: Any]]) ?? []
            #expect(lessons.map { $0["number"] as? Int } == t.lessons.map(\.number), "\(t.title)")
            for (a, b) in zip(lessons, t.lessons) {
                #expect(a["id"] as? Int64 == b.id && a["title"] as? String == b.title && a["view_group_id"] as? Int64 == b.view_group_id,
                        "\(t.title) lesson \(b.number): \(a)")
                #expect(a["opens"] as? Int == b.opens, "\(t.title) lesson \(b.number) opens \(a["opens"] ?? "?") vs \(b.opens ?? -1)")
            }
        }
        // No keys: every homework answer waits for the curator, none accepted or declined by the checker.
        let q = try DatabaseQueue(path: db)
        let (checked, decided) = try await q.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM homework_checks") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM homework_checks WHERE decision IS NOT NULL OR outcome != 'review'") ?? 0)
        }
        #expect(checked == truth.answers.filter { $0.isHomework && $0.status == "new" }.count && decided == 0)
    }

    /// With GETCOURSE_URL set, the first passes send nothing: the assistant's sure answers are drafts
    /// for the curator, the checker's verdicts wait in the queue. Switched on, they go out.
    @Test func aRealAccountGetsNothingWrittenUntilTheSchoolSwitchesItOn() async throws {
        let dir = TestSupport.TempDir()
        var c = MockGetCourse.Configuration(apiKey: "real-key-Qx7", techToken: "dev_real-Qx7")
        c.simulation = .init(seed: 31, students: 80, weeks: 12)
        c.exportBuildSeconds = 0.05
        c.requestLimit = 2000
        c.limitWindowSeconds = 60
        c.techRequestsPerSecond = 100_000
        let mock = MockGetCourse(catalog: TestSupport.catalog, configuration: c)
        let url = try await mock.start()
        defer { Task { await mock.stop() } }
        let env = CuratorProcess.environment(home: dir.path, ["GETCOURSE_URL": url.absoluteString, "GETCOURSE_API_KEY": c.apiKey, "GETCOURSE_TECH_TOKEN": c.techToken,
                                                              "CURATOR_DATA": try TestSupport.data(in: dir, withKeys: true)])
        // Questions the knowledge base answers with confidence, asked just now.
        let asking = mock.truth().students.prefix(3).map(\.id)
        for id in asking { mock.studentWrites(userId: id, text: "Где найти запись урока?") }
        let before = mock.truth()

        let db = dir.file("m.sqlite")
        for _ in 0..<2 {
            let r = try await CuratorProcess.runAsync(["sync", "--once", "--db", db] + Self.fastSync, env: env)
            #expect(r.status == 0, "\(r.stderr)")
        }
        // GetCourse is as it was: no reply in a dialog, no status or comment on an answer.
        let after = mock.truth()
        #expect(after.messages == before.messages && after.answers == before.answers)
        let q = try DatabaseQueue(path: db)
        let (outbox, drafts, verdicts) = try await q.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM student_questions WHERE action = 'handoff' AND reason = 'draft' AND suggested != ''") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM homework_checks WHERE outcome IN ('accept', 'decline') AND decision IS NULL") ?? 0)
        }
        #expect(outbox == 0)
        #expect(drafts == asking.count && verdicts > 0, "drafts \(drafts), verdicts waiting \(verdicts)")
        let shown = try await CuratorProcess.runAsync(["config"], env: env)
        #expect(shown.stdout.contains("Автоответы ассистента: выключены") && shown.stdout.contains("Вердикты автопроверки: выключены"))

        // The school switches both on: a mirror synced from now on sends what it is sure of.
        // (What already waits in the curator's queue stays there for the curator.)
        for setting in ["assistant.auto_reply", "homework.auto_verdicts"] {
            #expect(try await CuratorProcess.runAsync(["config", "set", setting, "on"], env: env).status == 0)
        }
        let bad = try await CuratorProcess.runAsync(["config", "set", "assistant.auto_reply", "yes"], env: env)
        #expect(bad.status != 0 && bad.stderr.contains("assistant.auto_reply is on or off"))
        let r = try await CuratorProcess.runAsync(["sync", "--once", "--db", dir.file("fresh.sqlite")] + Self.fastSync, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let now = mock.truth()
        #expect(now.messages.count == before.messages.count + asking.count)
        #expect(now.answers.contains { a in a.status != before.answers.first { $0.id == a.id }?.status })
    }
}
