import Foundation
import GRDB
import MockGetCourse
import Storage
import Testing

/// The soak: `curator sync` running against the mock (in this process, so students can write to it)
/// with 20% faults of every kind and killed with
/// SIGKILL at random moments, for `CURATOR_SOAK_SECONDS` (45 in `make test`; `make bench` runs it for
/// 600). After each kill the file is intact; at the end a clean pass converges to the mock's truth,
/// and every write-back (the assistant's replies, the checker's verdicts) reached GetCourse exactly once.
@Suite(.serialized) struct SoakTests {
    static let seconds = Double(ProcessInfo.processInfo.environment["CURATOR_SOAK_SECONDS"] ?? "") ?? 45

    @Test func syncThroughFaultsAndKillsLosesAndRepeatsNothing() async throws {
        let h = try await SyncHarness(seed: 13, students: 60, faults: FaultPlan.parse("0.2", stallSeconds: 1)!)
        // A real account's school that switched automatic replies and verdicts on.
        let env = CuratorProcess.environment(home: h.dir.path, ["GETCOURSE_URL": h.url.absoluteString, "GETCOURSE_API_KEY": h.account.apiKey,
                                                                "GETCOURSE_TECH_TOKEN": h.account.techToken,
                                                                "CURATOR_AUTO_REPLY": "on", "CURATOR_AUTO_VERDICTS": "on",
                                                                "CURATOR_DATA": try TestSupport.data(in: h.dir, withKeys: true)])
        let db = h.dir.file("soak.sqlite")
        // Replies and homework verdicts on: the outbox is part of what is soaked.
        let sync = Array(SyncCommandTests.fastSync.dropLast()) + ["--timeout", "1"]
        let active = h.mock.truth().students.filter { $0.dropoutAt == nil }.map(\.id).sorted()
        let questions = ["Сколько стоит продление абонемента?", "Можно оплатить через «Долями»?", "Когда выдают сертификат об окончании уровня?"]
        var rng = SystemRandomNumberGenerator()
        let end = Date().addingTimeInterval(Self.seconds)
        var kills = 0
        while Date() < end {
            // Students keep asking what the assistant can answer, so replies are in flight when the kills
            // come; each asks once (several questions waiting in one dialog go to the curator instead).
            if kills % 2 == 0 && kills / 2 < active.count {
                _ = h.mock.studentWrites(userId: active[kills / 2], text: questions[(kills / 2) % questions.count])
            }
            let running = try CuratorProcess.Background(["sync", "--interval", "0.3", "--db", db] + sync, env: env)
            try await Task.sleep(nanoseconds: UInt64(Double.random(in: 0.2...3.0, using: &rng) * 1e9))
            try await CuratorProcess.offPool { running.kill() }
            kills += 1
            guard FileManager.default.fileExists(atPath: db) else { continue }
            let q = try DatabaseQueue(path: db)
            let check = try await q.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            try q.close()
            #expect(check == ["ok"], "after kill \(kills)")
        }
        // Clean passes through the same faults until two succeed (the second sees what the first wrote back).
        var ok = 0
        for _ in 0..<12 where ok < 2 {
            let r = try await CuratorProcess.runAsync(["sync", "--once", "--db", db] + sync, env: env)
            if r.status == 0 { ok += 1 }
        }
        #expect(ok == 2, "no clean pass after \(kills) kills")
        let truth = h.mock.truth()
        MirrorSnapshot.expectEqual(try MirrorSnapshot(MirrorStore.open(path: db)), MirrorSnapshot(truth: truth))

        // Every write-back went out, once: each reply the outbox sent is in its GetCourse dialog exactly once.
        let (statuses, replies) = try await DatabaseQueue(path: db).read { db in
            (try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM outbox GROUP BY status").map { "\($0["status"] as String)=\($0["n"] as Int)" },
             try String.fetchAll(db, sql: "SELECT payload_json FROM outbox WHERE kind = ?", arguments: [Outbox.dialogReplyKind]))
        }
        #expect(statuses.allSatisfy { $0.hasPrefix("sent=") }, "\(statuses)")
        #expect(!replies.isEmpty, "the soak produced no replies to check")
        for payload in replies {
            let reply = try JSONDecoder().decode(DialogReply.self, from: Data(payload.utf8))
            let copies = truth.messages.filter { $0.dialogId == reply.dialogId && !$0.fromStudent && $0.text == reply.text }.count
            #expect(copies == 1, "dialog \(reply.dialogId): the reply is there \(copies) times")
        }
        print("soak: \(Int(Self.seconds)) s, \(kills) kills, \(replies.count) replies sent once each, outbox \(statuses.joined(separator: " "))")
    }
}
