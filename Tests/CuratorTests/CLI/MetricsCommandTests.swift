import Domain
import Foundation
import Testing

/// `curator metrics` and `curator report` through the real binary on KnownMirror, whose figures
/// were worked out by hand; the ROI assumptions from flags and the config file; bad input.
struct MetricsCommandTests {
    static let asOf = ["--since", "2026-09-01", "--as-of", "2026-11-15 12:00"]

    func setUp() throws -> (TestSupport.TempDir, [String: String], [String]) {
        let dir = TestSupport.TempDir()
        _ = try KnownMirror.write(to: dir.file("m.sqlite"))
        return (dir, CuratorProcess.environment(home: dir.path), ["--db", dir.file("m.sqlite")] + Self.asOf)
    }

    @Test func metricsJSONCarriesTheHandCheckedFigures() async throws {
        let (dir, env, args) = try setUp()
        defer { withExtendedLifetime(dir) {} }
        let r = try await CuratorProcess.runAsync(["metrics", "--json"] + args, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(m["as_of"] as? String == "2026-11-15T12:00:00+03:00" && m["period"] as? String == "month")
        let periods = try #require(m["periods"] as? [[String: Any]])
        #expect(periods.map { ($0["period"] as? [String: Any])?["label"] as? String } == ["сен 2026", "окт 2026", "ноя 2026"])
        #expect(periods.map { $0["active_students"] as? Int } == [2, 3, 2])
        #expect(periods.map { $0["dropouts"] as? Int } == [0, 1, 0])
        #expect(periods.map { $0["revenue_kopecks"] as? Int } == [499_000, 998_000, 499_000])
        #expect((periods[1]["retention"] as? Double).map { abs($0 - 2.0 / 3) < 1e-9 } == true)
        #expect((periods[2]["replies_assistant"] as? [String: Any])?["median_seconds"] as? Double == 15)
        #expect((periods[1]["homework_human"] as? [String: Any])?["median_seconds"] as? Double == 21600)
        let roi = try #require(m["roi"] as? [String: Any])
        #expect((roi["model_cost_rub"] as? Double).map { abs($0 - 21) < 1e-9 } == true)
        #expect((roi["assumptions"] as? [String: Any])?["baseline_retention_percent"] as? Double == 85)
    }

    @Test func textAndReportsShowFiguresAndAssumptions() async throws {
        let (dir, env, args) = try setUp()
        let text = try await CuratorProcess.runAsync(["metrics"] + args, env: env)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Skyline English — показатели, период: месяц, сен 2026 — ноя 2026 (на 2026-11-15 12:00 МСК)"), "\(text.stdout)")
        // Октябрь: 3 active, 1 new, 1 gone, 67% retention still moving, 9 980 ₽.
        #expect(text.stdout.split(separator: "\n").contains { $0.contains("окт 2026") && $0.contains(" 3 ") && $0.contains("67%*") && $0.contains("9 980 ₽") })
        #expect(text.stdout.contains("0,3 ч = 167 ₽") && text.stdout.contains("2 ответа ассистента × 5 мин + 1 проверка домашек × 10 мин, 500 ₽/ч"))
        #expect(text.stdout.contains("+1 144 ₽") && text.stdout.contains("ROI 5446% на вложенный рубль"))

        let md = try await CuratorProcess.runAsync(["report", "--format", "md", "--output", dir.file("r.md")] + args, env: env)
        #expect(md.status == 0, "\(md.stderr)")
        let report = try String(contentsOfFile: dir.file("r.md"), encoding: .utf8)
        #expect(report.hasPrefix("# Skyline English") && report.contains("## Деньги за сен 2026 — ноя 2026"))
        #expect(report.contains("| сен 2026 | 2 | 2 | 0 | 100% | 4 990 ₽ |"), "\(report)")
        #expect(report.contains("| Время куратора | 0,3 ч = 167 ₽ |"))

        let csv = try await CuratorProcess.runAsync(["report", "--format", "csv"] + args, env: env)
        #expect(csv.status == 0 && csv.stdout.hasPrefix("period,start,metric,value,unit\r\n"))
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.contains("окт 2026,2026-10-01T00:00:00+03:00,active_students,3,students"))
        #expect(lines.contains("ноя 2026,2026-11-01T00:00:00+03:00,reply_assistant_median,15,seconds"))
        #expect(lines.contains("окт 2026,,cohort_active_+1,1,share"))
    }

    @Test func assumptionsComeFromTheConfigFileAndFlagsOverrideIt() async throws {
        let (dir, env, args) = try setUp()
        let config = dir.path + "/config/curator/config.json"
        try FileManager.default.createDirectory(atPath: dir.path + "/config/curator", withIntermediateDirectories: true)
        try Data(#"{"roi": {"hourly_rate_rub": 900, "minutes_per_answer": 10}}"#.utf8).write(to: URL(fileURLWithPath: config))
        let fromFile = try await CuratorProcess.runAsync(["metrics"] + args, env: env)
        // 2 × 10 min + 1 × 10 min = 0.5 h at 900 ₽/h.
        #expect(fromFile.status == 0 && fromFile.stdout.contains("0,5 ч = 450 ₽") && fromFile.stdout.contains("900 ₽/ч"), "\(fromFile.stdout)")
        let flag = try await CuratorProcess.runAsync(["metrics", "--hourly-rate", "600", "--baseline-retention", "100"] + args, env: env)
        #expect(flag.stdout.contains("0,5 ч = 300 ₽") && flag.stdout.contains("Удержанная выручка") && flag.stdout.contains("сверх 100%"), "\(flag.stdout)")

        for (content, message) in [(#"{"roi": {"hourly_rate": 900}}"#, "roi.hourly_rate is not a setting"),
                                   (#"{"roi": {"hourly_rate_rub": "900"}}"#, "roi.hourly_rate_rub must be a number"),
                                   (#"{"roi": {"baseline_retention_percent": 185}}"#, "baseline_retention_percent must be from 0 to 100"),
                                   ("{roi", "not a JSON object")] {
            try Data(content.utf8).write(to: URL(fileURLWithPath: config))
            let bad = try await CuratorProcess.runAsync(["metrics"] + args, env: env)
            #expect(bad.status != 0 && bad.stdout.isEmpty, "\(content)")
            #expect(bad.stderr == "curator: error: config \(config): " + bad.stderr.dropFirst("curator: error: config \(config): ".count), "\(bad.stderr)")
            #expect(bad.stderr.contains(message) && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        }
    }

    @Test func badInputIsOneClearLine() async throws {
        let (dir, env, _) = try setUp()
        for (args, message) in [(["--since", "вчера"], "--since: not a date"), (["--as-of", "2026-13-01"], "--as-of: not a date"),
                                (["--period", "day"], "period"), (["--hourly-rate=-1"], "--hourly-rate must be a number ≥ 0"),
                                (["--baseline-retention", "120"], "--baseline-retention is a percentage")] {
            let bad = try await CuratorProcess.runAsync(["metrics", "--db", dir.file("m.sqlite")] + args, env: env)
            #expect(bad.status != 0 && bad.stderr.split(separator: "\n").first?.contains(message) == true, "\(bad.stderr)")
        }
        let missing = try await CuratorProcess.runAsync(["metrics", "--db", dir.file("none.sqlite")], env: env)
        #expect(missing.status != 0 && !FileManager.default.fileExists(atPath: dir.file("none.sqlite")), "\(missing.stderr)")
        let unwritable = try await CuratorProcess.runAsync(["report", "--db", dir.file("m.sqlite"), "--output", dir.path + "/no/such/dir/r.md"], env: env)
        #expect(unwritable.status != 0 && unwritable.stderr.contains("--output") && unwritable.stderr.split(separator: "\n").count == 1, "\(unwritable.stderr)")
    }
}
