import ArgumentParser
import CuratorApp
import Foundation
import Storage

/// `curator-bench` (`all`): every performance figure in one table.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Every performance figure in one table: ingest (against the sqlite3 CLI), risk, alerts, homework, metrics, the dashboard, the assistant (against FTS5).",
        discussion: """
            Generates export-format JSON (users, deals) and Tech API JSON (homework answers, one file per
            lesson) plus the same rows as CSV, then times Curator's ingest (read, parse, map, upsert) in a
            fresh process and the sqlite3 CLI's .import of the CSV into the same tables of an empty mirror,
            and prints both with the ratio. Also: an incremental pass with 1% changed rows on the full
            mirror, and the ingest's peak RSS. Then scores --students synthetic students (features and model)
            and runs the alert rules for them (median of several runs), and checks --homework answers typed
            as students type them (parse, match, decide, comment; median of three runs). Last, the ingested mirror is scored
            and the dashboard measured on it in a process of its own: open to first frame, filter keystroke
            to new frame (p99), a frame's view and row diff at 200×60, peak RSS. Then the assistant's answer
            latency on the school's knowledge base and a generated --articles base, against SQLite FTS5 bm25()
            on the same articles in the same run. Use a release build (make bench).
            """
    )

    @Option(help: "Users to ingest.") var users = 100_000
    @Option(help: "Deals to ingest.") var deals = 200_000
    @Option(help: "Homework answers to ingest.") var answers = 500_000
    @Option(help: "Students to score and run the alert rules for.") var students = 100_000
    @Option(help: "Homework answers to check.") var homework = 10_000
    @Option(help: "Articles in the assistant's generated knowledge base.") var articles = 10_000
    @Option(help: "Export build times (seconds, comma-separated) of the first-sync runs; empty: none.") var firstSyncBuilds = "1,20"
    @Flag(help: "Only the first-sync runs.") var firstSyncOnly = false
    @Option(help: "Keep the generated files and databases here instead of a temporary folder.") var keep: String?
    @Flag(help: "Print the figures as JSON.") var json = false

    func validate() throws {
        if users < 1 || deals < 0 || answers < 0 { throw ValidationError("--users must be at least 1; --deals and --answers cannot be negative") }
        if students < 1 { throw ValidationError("--students must be at least 1") }
        if homework < 1 { throw ValidationError("--homework must be at least 1") }
        if articles < 1 { throw ValidationError("--articles must be at least 1") }
        if buildTimes == nil { throw ValidationError("--first-sync-builds: seconds separated by commas, such as 1,20") }
    }

    var buildTimes: [Double]? {
        let parts = firstSyncBuilds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap(Double.init).filter { $0 >= 0 }
        return values.count == parts.count ? values : nil
    }

    func run() throws {
        let dir = keep ?? (NSTemporaryDirectory() + "curator-bench-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }
        // Wall-clock bound (exports are built one after another), so it runs beside the rest.
        let firstSync = try BenchFirstSync(dir: dir, buildSeconds: buildTimes ?? [])
        nonisolated(unsafe) var syncs: Result<[BenchFirstSync.Figures], any Error> = .success([])
        let syncsDone = DispatchSemaphore(value: 0)
        log("first syncs of a school of 52 groups at default pacing, exports built in \(firstSync.buildSeconds.map { String(format: "%g s", $0) }.joined(separator: " and "))")
        Thread.detachNewThread {
            syncs = Result { try firstSync.run() }
            syncsDone.signal()
        }
        if firstSyncOnly {
            syncsDone.wait()
            let rows = try syncs.get().map(Self.row)
            printTable(header: ["figure", "value", "goal", "peer, same run", "ratio"], rows: rows, maxColumn: 72)
            return
        }
        log("generating \(users) users, \(deals) deals, \(answers) answers in \(dir)")
        try BenchData(dir: dir, users: users, deals: deals, answers: answers).write()

        // Curator's side in its own process, so its peak RSS is the ingest's alone.
        log("ingesting with Curator")
        let worker = try runProcess(Executables.bench, [IngestWorkerCommand.name, dir, dir + "/curator.sqlite"])
        guard worker.status == 0, let figures = try? JSONDecoder().decode(BenchIngest.Figures.self, from: Data(worker.stdout.utf8)) else {
            fail("bench worker failed: \(worker.stderr.split(separator: "\n").last ?? "")")
        }

        log("importing the same rows with the sqlite3 CLI")
        let peerDB = dir + "/sqlite3.sqlite"
        do { _ = try MirrorStore.open(path: peerDB) } catch { fail(error.description) }
        let script = [".import --csv \(dir)/users.csv users", ".import --csv \(dir)/deals.csv deals",
                      ".import --csv \(dir)/lesson_answers.csv lesson_answers"].joined(separator: "\n") + "\n"
        let peerStart = Date()
        let peer = try runProcess("/usr/bin/sqlite3", [peerDB], stdin: script)
        let peerSeconds = Date().timeIntervalSince(peerStart)
        guard peer.status == 0, peer.stderr.isEmpty else { fail("sqlite3 .import failed: \(peer.stderr.split(separator: "\n").first ?? "")") }

        // Both sides must hold the same rows, or the comparison means nothing.
        let expected = [users, deals, answers]
        for path in [dir + "/curator.sqlite", peerDB] {
            let counts: [Int]
            do {
                let store = try MirrorStore.open(path: path, create: false)
                counts = try StudentQueries(store).tableCounts(["users", "deals", "lesson_answers"])
            } catch { fail("bench: cannot count rows in \(path): \(error)") }
            if counts != expected { fail("bench: \(path) holds \(counts) rows, expected \(expected)") }
        }

        log("scoring \(students) students and running the alert rules")
        let risk = BenchRisk(students: students).run()

        log("checking \(homework) homework answers")
        let school = try DemoSchool.shipped()
        let homeworkMilliseconds = BenchHomework(answers: homework, catalog: school).run()

        // The dashboard on the ingested mirror once it is scored, in its own process for its RSS.
        log("risk pass over the ingested mirror, then the dashboard on it")
        let riskPassSeconds: Double, learningSeconds: Double, metricsMilliseconds: Double
        do {
            let store = try MirrorStore.open(path: dir + "/curator.sqlite", create: false)
            (riskPassSeconds, learningSeconds) = try BenchDashboard.prepare(store, catalog: school, users: users)
            // What the metrics screen and `curator metrics` do on each load: read the records, compute six months.
            let metrics = MetricsStore(store)
            metricsMilliseconds = try Stopwatch.milliseconds { _ = try metrics.metrics(period: .month) }
        } catch { fail("bench: risk pass and metrics on the ingested mirror: \(error)") }
        let dashWorker = try runProcess(Executables.bench, [DashboardWorkerCommand.name, dir + "/curator.sqlite"])
        guard dashWorker.status == 0, let dash = try? JSONDecoder().decode(BenchDashboard.Figures.self, from: Data(dashWorker.stdout.utf8)) else {
            fail("bench dashboard worker failed: \(dashWorker.stderr.split(separator: "\n").last ?? "")")
        }

        log("asking the assistant the labelled questions, and SQLite FTS5 the same")
        let assistant = try AssistantBenchCommand.measure(articles: articles, rounds: 5)

        log("waiting for the first syncs")
        syncsDone.wait()
        let firstSyncs: [BenchFirstSync.Figures]
        do { firstSyncs = try syncs.get() } catch { fail("\(error)") }
        let ratio = figures.ingestSeconds / max(peerSeconds, 1e-9)
        if json {
            print(try jsonText(["ingest_seconds": figures.ingestSeconds, "sqlite3_import_seconds": peerSeconds, "ratio": ratio,
                                "incremental_ms": figures.incrementalMilliseconds,
                                "incremental_checkpoint_ms": figures.incrementalCheckpointMilliseconds, "peak_rss_mb": figures.peakRSSMegabytes,
                                "risk_scoring_ms": risk.scoringMilliseconds, "risk_scoring_with_reasons_ms": risk.scoringWithReasonsMilliseconds,
                                "alert_rules_ms": risk.alertsMilliseconds, "risk_pass_on_mirror_s": riskPassSeconds, "school_learning_on_mirror_s": learningSeconds,
                                "dashboard_first_frame_ms": dash.firstFrameMilliseconds,
                                "dashboard_open_ms": dash.openMilliseconds, "dashboard_full_list_ms": dash.fullListMilliseconds, "dashboard_filter_key_p99_ms": dash.filterP99Milliseconds,
                                "dashboard_filter_key_median_ms": dash.filterMedianMilliseconds, "dashboard_frame_ms": dash.frameMilliseconds,
                                "dashboard_peak_rss_mb": dash.peakRSSMegabytes, "homework_check_ms": homeworkMilliseconds,
                                "metrics_ms": metricsMilliseconds,
                                "assistant_school_p99_ms": assistant[0].curator_p99_ms, "fts5_school_p99_ms": assistant[0].fts5_p99_ms,
                                "assistant_generated_p99_ms": assistant[1].curator_p99_ms, "fts5_generated_p99_ms": assistant[1].fts5_p99_ms]
                               .merging(firstSyncs.flatMap { f in [("first_sync_\(f.buildSeconds)s_build_seconds", f.passSeconds),
                                                                   ("first_sync_\(f.buildSeconds)s_build_requests_per_export", f.requestsPerExport)] }) { a, _ in a }))
            return
        }
        let scale = "\(users / 1000)k users + \(deals / 1000)k deals + \(answers / 1000)k answers"
        let answers = assistant.map { f in
            ["assistant reply p99 by \(f.ranking), \(f.base == "school" ? "the school's" : "generated") base (\(f.articles) articles, \(f.queries) questions)",
             String(format: "%.3f ms (p50 %.3f)", f.curator_p99_ms, f.curator_p50_ms), f.ranking == "words" ? "< 5 ms, ≤ FTS5" : "< 50 ms",
             String(format: "%.3f ms (FTS5 bm25)", f.fts5_p99_ms), String(format: "%.2f×", f.p99_ratio)]
        }
        printTable(header: ["figure", "value", "goal", "peer, same run", "ratio"], rows: [
            ["ingest \(scale) (JSON → mirror)", String(format: "%.2f s", figures.ingestSeconds), "≤ 1.5× sqlite3",
             String(format: "%.2f s (.import CSV)", peerSeconds), String(format: "%.2f×", ratio)],
            ["incremental pass, 1% changed rows", String(format: "%.0f ms", figures.incrementalMilliseconds), "< 300 ms", "", ""],
            ["  then its closing checkpoint (after the pass)", String(format: "%.0f ms", figures.incrementalCheckpointMilliseconds), "", "", ""],
            ["peak RSS during the big ingest", String(format: "%.0f MB", figures.peakRSSMegabytes), "< 200 MB", "", ""],
            ["score \(students / 1000)k students (features + model)", String(format: "%.1f ms", risk.scoringMilliseconds), "< 50 ms", "", ""],
            ["  the same with reasons in words", String(format: "%.1f ms", risk.scoringWithReasonsMilliseconds), "", "", ""],
            ["alert rules for \(students / 1000)k students", String(format: "%.1f ms", risk.alertsMilliseconds), "< 100 ms", "", ""],
            ["check \(homework / 1000)k homework answers (parse, match, decide, comment)", String(format: "%.0f ms", homeworkMilliseconds), "< 1 s", "", ""],
            ["risk pass over the ingested mirror (\(dash.students / 1000)k)", String(format: "%.2f s", riskPassSeconds), "", "", ""],
            ["  learning the school alone (reading the mirror, learning, writing)", String(format: "%.2f s", learningSeconds), "", "", ""],
            ["metrics over the ingested mirror (read + 6 months)", String(format: "%.0f ms", metricsMilliseconds), "", "", ""],
            ["dashboard: open mirror to first frame (top \(DashboardEffects.firstPage) by risk)", String(format: "%.0f ms", dash.firstFrameMilliseconds), "< 300 ms", "", ""],
            ["  of which open and check the mirror", String(format: "%.0f ms", dash.openMilliseconds), "", "", ""],
            ["dashboard: then the whole list read and drawn", String(format: "%.0f ms", dash.fullListMilliseconds), "", "", ""],
            ["dashboard: filter key to new frame, p99", String(format: "%.2f ms", dash.filterP99Milliseconds), "< 5 ms", "", ""],
            ["  median", String(format: "%.2f ms", dash.filterMedianMilliseconds), "", "", ""],
            ["dashboard: frame view + diff at 200×60", String(format: "%.2f ms", dash.frameMilliseconds), "< 2 ms", "", ""],
            ["dashboard: peak RSS", String(format: "%.0f MB", dash.peakRSSMegabytes), "< 150 MB", "", ""],
        ] + answers + firstSyncs.map(Self.row), maxColumn: 72)
    }

    static func row(_ f: BenchFirstSync.Figures) -> [String] {
        [String(format: "first sync, 60 students, %d groups, exports built in %g s", f.groups, f.buildSeconds), String(format: "%.0f s", f.passSeconds),
         f.buildSeconds <= 1 ? "< 4 min" : "", String(format: "%.2f requests per export, %d exports", f.requestsPerExport, f.exports),
         "\(f.legacyRequests) legacy requests, \(f.deferred) deferred, \(f.scored) scored"]
    }

    private func log(_ s: String) { FileHandle.standardError.write(Data("bench: \(s)\n".utf8)) }
}
