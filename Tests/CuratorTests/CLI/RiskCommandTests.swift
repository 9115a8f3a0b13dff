import Foundation
import Testing
import Domain

/// The risk and alerts commands on a mirror synced in demo mode, through the real binary.
struct RiskCommandTests {
    func json(_ s: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(s.utf8)) }

    @Test func listStudentAndAlertsCommandsWorkOnASyncedMirror() async throws {
        let dir = TestSupport.TempDir()
        let env = CuratorProcess.environment(home: dir.path)
        let sync = try await CuratorProcess.runAsync(["sync", "--once", "--students", "60"], env: env)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("risk: "), "\(sync.stdout)")

        let list = try await CuratorProcess.runAsync(["students", "--sort", "risk", "--json"], env: env)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = try #require(try json(list.stdout) as? [[String: Any]])
        #expect(rows.count >= 60)
        for r in rows {
            #expect(r["id"] is String && r["name"] is String && r["groups"] is [String])
            let risk = try #require(r["risk"] as? Double)
            #expect(risk >= 0 && risk <= 1)
            #expect(["high", "medium", "low"].contains(r["level"] as? String ?? ""))
            let reasons = try #require(r["reasons"] as? [[String: Any]])
            #expect(reasons.count <= 3 && reasons.allSatisfy { ($0["text"] as? String)?.isEmpty == false })
        }

        let high = try await CuratorProcess.runAsync(["students", "--risk", "high", "--json"], env: env)
        let highRows = try #require(try json(high.stdout) as? [[String: Any]])
        #expect(highRows.allSatisfy { $0["level"] as? String == "high" })

        let id = try #require(rows.first?["id"] as? String)
        let one = try await CuratorProcess.runAsync(["student", id, "--json"], env: env)
        let detail = try #require(try json(one.stdout) as? [String: Any])
        let features = try #require(detail["features"] as? [[String: Any]])
        #expect(features.count == RiskFeature.count)
        #expect(features.allSatisfy { $0["value"] is Double && $0["contribution"] is Double })
        let text = try await CuratorProcess.runAsync(["student", id], env: env)
        #expect(text.stdout.contains("Риск ухода") && text.stdout.contains("дней без активности"), "\(text.stdout)")

        let alerts = try await CuratorProcess.runAsync(["alerts", "--open", "--json"], env: env)
        #expect(alerts.status == 0, "\(alerts.stderr)")
        let open = try #require(try json(alerts.stdout) as? [[String: Any]])
        #expect(!open.isEmpty)
        let severities = open.map { $0["severity"] as? String ?? "" }
        let firstWarning = severities.firstIndex(of: "warning") ?? severities.count
        #expect(!severities[firstWarning...].contains("high"), "high alerts come first: \(severities)")
        let alertId = try #require(open.first?["id"] as? String)
        let ack = try await CuratorProcess.runAsync(["alerts", "ack", alertId], env: env)
        #expect(ack.status == 0, "\(ack.stderr)")
        let notUseful = try await CuratorProcess.runAsync(["alerts", "not-useful", try #require(open.last?["id"] as? String)], env: env)
        #expect(notUseful.status == 0, "\(notUseful.stderr)")
        let after = try #require(try json(try await CuratorProcess.runAsync(["alerts", "--json"], env: env).stdout) as? [[String: Any]])
        #expect(after.first { $0["id"] as? String == alertId }?["state"] as? String == "acknowledged")
        let missing = try await CuratorProcess.runAsync(["alerts", "ack", "987654321"], env: env)
        #expect(missing.status != 0 && missing.stderr.contains("no alert with id 987654321"))
        let table = try await CuratorProcess.runAsync(["alerts", "--open"], env: env)
        #expect(table.stdout.contains("принято"), "\(table.stdout)")
    }

    /// The evaluation runs end to end on small schools and prints its whole table; its targets are
    /// judged at full size by `curator risk evaluate` itself, not here.
    @Test func evaluationPrintsTheTableForTheModelAndBothBaselines() async throws {
        let dir = TestSupport.TempDir()
        let r = try await CuratorProcess.runAsync(["risk", "evaluate", "--students", "120", "--seeds", "31,32", "--train-seeds", "3"],
                                                  env: CuratorProcess.environment(home: dir.path))
        for text in ["AUC w4", "P@10", "Brier", "calib.err", "priors", "baseline: days since last activity", "baseline: four classic rules",
                     "no leakage"] {
            #expect(r.stdout.contains(text), "\(text) missing:\n\(r.stdout)\n\(r.stderr)")
        }
        // The exit status is the table's verdict: non-zero exactly when a target is marked missed.
        #expect((r.status == 0) == !r.stdout.contains("✗"), "status \(r.status):\n\(r.stdout)")
    }
}
