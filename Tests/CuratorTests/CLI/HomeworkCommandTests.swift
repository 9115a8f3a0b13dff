import Domain
import Foundation
import Testing

/// `curator homework` through the real binary: check, the queue on a synced demo mirror, a
/// decision, the evaluation, and one-line errors for bad input.
struct HomeworkCommandTests {
    func json(_ s: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(s.utf8)) }

    @Test func checkPrintsFeedbackAndTheDecision() async throws {
        let dir = TestSupport.TempDir()
        let env = CuratorProcess.environment(home: dir.path)
        let text = try await CuratorProcess.runAsync(["homework", "check", "--lesson", "81010201", "--answer",
                                                      "1) b 2) visit 3) He has allready finished his report 4) I have already done my homework"], env: env)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Автопроверка: 3 из 4 (75%)."), "\(text.stdout)")
        #expect(text.stdout.contains("«allready» → «already»") && text.stdout.contains("нужно: «visited»"))
        #expect(text.stdout.contains("Решение: проверить куратору"))
        // The policy is configurable: at 75% it is accepted.
        let js = try await CuratorProcess.runAsync(["homework", "check", "--lesson", "81010201", "--accept-at", "75", "--json", "--answer",
                                                    "1) b 2) visit 3) He has allready finished his report 4) I have already done my homework"], env: env)
        let c = try #require(try json(js.stdout) as? [String: Any])
        #expect(c["outcome"] as? String == "accept" && c["score"] as? Double == 0.75)
        let items = try #require(c["items"] as? [[String: Any]])
        #expect(items.map { $0["verdict"] as? String } == ["right", "wrong", "spelling", "right"])
        // Hostile answer text never reaches the terminal raw.
        let hostile = try await CuratorProcess.runAsync(["homework", "check", "--lesson", "81010201", "--answer", "1) b 2) \u{1B}[31mvisited\u{1B}]52;c;aGk=\u{07}"], env: env)
        #expect(hostile.status == 0 && !hostile.stdout.contains("\u{1B}") && !hostile.stdout.contains("\u{07}"))
        for (args, message) in [(["--lesson", "1", "--answer", "b"], "no lesson 1"), (["--lesson", "81010201", "--answer", "  "], "--answer is empty"),
                                (["--lesson", "81010201", "--answer", "b", "--accept-at", "40", "--decline-below", "60"], "cannot be above")] {
            let bad = try await CuratorProcess.runAsync(["homework", "check"] + args, env: env)
            // The problem on the first line (argument errors add the usage after it).
            #expect(bad.status != 0 && bad.stderr.split(separator: "\n").first?.contains(message) == true, "\(bad.stderr)")
        }
    }

    @Test func theQueueOnASyncedMirrorAndADecision() async throws {
        let dir = TestSupport.TempDir()
        let env = CuratorProcess.environment(home: dir.path)
        let sync = try await CuratorProcess.runAsync(["sync", "--once", "--students", "120", "--seed", "5"], env: env)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("homework: "), "\(sync.stdout)")
        let all = try await CuratorProcess.runAsync(["homework", "queue", "--all", "--json", "--limit", "1000"], env: env)
        let rows = try #require(try json(all.stdout) as? [[String: Any]])
        #expect(!rows.isEmpty)
        let waiting = rows.filter { $0["waits_for_review"] as? Bool == true }
        // Waiting ones first, then the decided.
        #expect(rows.prefix(waiting.count).allSatisfy { $0["waits_for_review"] as? Bool == true })
        let first = try #require(waiting.first)
        let id = try #require(first["answer_id"] as? String)
        let decide = try await CuratorProcess.runAsync(["homework", "decide", id, "--decline", "--comment", "Перепишите задание 2, пожалуйста 🙏"], env: env)
        #expect(decide.status == 0, "\(decide.stderr)")
        let again = try await CuratorProcess.runAsync(["homework", "decide", id, "--accept"], env: env)
        #expect(again.status != 0 && again.stderr.contains("already declined"), "\(again.stderr)")
        let table = try await CuratorProcess.runAsync(["homework", "queue"], env: env)
        #expect(table.status == 0 && !table.stdout.contains(" \(id) "))
        let missing = try await CuratorProcess.runAsync(["homework", "decide", "1", "--accept"], env: env)
        #expect(missing.status != 0 && missing.stderr.contains("no checked homework answer 1"))
    }

    @Test func theEvaluationMeetsItsGoalOnTheShippedSet() async throws {
        let dir = TestSupport.TempDir()
        let env = CuratorProcess.environment(home: dir.path)
        let r = try await CuratorProcess.runAsync(["homework", "evaluate", "--json"], env: env)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let e = try #require(try json(r.stdout) as? [String: Any])
        #expect((e["answers"] as? Int ?? 0) >= 200)
        #expect((e["agreement"] as? Double ?? 0) >= 0.97)
        let broken = dir.file("broken.txt")
        try "81010201 | ok ok | 1) b".write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try await CuratorProcess.runAsync(["homework", "evaluate", "--set", broken], env: env)
        #expect(bad.status != 0 && bad.stderr.contains("line 1: 2 labels for a homework of 4 items"), "\(bad.stderr)")
    }
}
