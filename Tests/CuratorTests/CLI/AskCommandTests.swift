import Foundation
import Testing

/// `curator ask` through the real binary, over the school's own knowledge base.
@Suite struct AskCommandTests {
    func ask(_ question: String) async throws -> [String: Any] {
        let dir = TestSupport.TempDir()
        let r = try await CuratorProcess.runAsync(["ask", question, "--json"], env: CuratorProcess.environment(home: dir.path))
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func answersFromTheKnowledgeBaseWithItsSource() async throws {
        let a = try await ask("как отключить автопродление абонемента?")
        #expect(a["action"] as? String == "answer")
        #expect(a["sources"] as? [String] == ["kb-050"])
        #expect((a["answer"] as? String)?.contains("Отключить автопродление") == true)
        #expect(((a["confidence"] as? Double) ?? 0) >= 0.4)
    }

    @Test func handsOffARefundWithTheRulesAndRefusesWhatIsNotTheSchools() async throws {
        let refund = try await ask("хочу вернуть деньги за курс")
        #expect(refund["action"] as? String == "handoff" && refund["handoff_reason"] as? String == "refund")
        let borscht = try await ask("как сварить борщ со свёклой")
        #expect(borscht["action"] as? String == "handoff" && borscht["handoff_reason"] as? String == "out_of_scope")
        #expect((borscht["sources"] as? [String])?.isEmpty == true)
    }
}

/// `curator assistant evaluate` through the real binary.
@Suite struct AssistantEvaluateCommandTests {
    @Test func meetsItsTargetsOnTheLabelledSetAndPrintsTheFigures() async throws {
        let dir = TestSupport.TempDir()
        let r = try await CuratorProcess.runAsync(["assistant", "evaluate"], env: CuratorProcess.environment(home: dir.path))
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        for figure in ["resolution rate", "precision", "hand-off recall", "out-of-scope refusal", "✓ resolution ≥ 85%"] {
            #expect(r.stdout.contains(figure), "\(figure)")
        }
    }

    @Test func aBrokenSetIsOneLineNamingTheLine() async throws {
        let dir = TestSupport.TempDir()
        let file = dir.path + "/set.tsv"
        try "answer\tkb-001\tгде тест\nanswer\tkb-999\tчто-то\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try await CuratorProcess.runAsync(["assistant", "evaluate", "--questions", file], env: CuratorProcess.environment(home: dir.path))
        #expect(r.status != 0)
        #expect(r.stderr == "curator: error: --questions: \(file): line 2: no article kb-999 in the knowledge base\n")
        let missing = try await CuratorProcess.runAsync(["assistant", "evaluate", "--questions", dir.path + "/nope.tsv"],
                                                        env: CuratorProcess.environment(home: dir.path))
        #expect(missing.status != 0 && missing.stderr.contains("cannot read"))
    }
}
