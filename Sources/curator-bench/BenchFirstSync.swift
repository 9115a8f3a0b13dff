import CuratorApp
import Domain
import Foundation
import MockGetCourse

/// A first sync at default pacing, as a school that installs Curator meets it: `curator sync --once`
/// against `curator mock-getcourse --other-school` (60 students, 52 groups, no data/school), one run
/// per export build time, all at once (each mock is its own account). Wall-clock bound: a run takes
/// about as long as its exports take to build, one after another.
struct BenchFirstSync {
    struct Figures: Codable {
        var buildSeconds: Double
        var groups: Int
        var passSeconds: Double
        var exports: Int
        var requestsPerExport: Double
        var legacyRequests: Int
        var deferred: Int
        var scored: Int
    }

    let dir: String
    let buildSeconds: [Double]
    /// `curator`, which the runs start; nil when there are none.
    private let curator: String?

    init(dir: String, buildSeconds: [Double]) throws {
        self.dir = dir
        self.buildSeconds = buildSeconds
        // Looked for before anything is measured: a missing `curator` stops the bench at once.
        if buildSeconds.isEmpty { curator = nil } else { curator = try Executables.curator() }
    }

    /// The first seed whose school generated from `base` has `groups` groups (lesson-view groups and streams).
    static func seed(groups: Int, base: SchoolCatalog) -> UInt64 {
        (1...UInt64(10_000)).first { s in OtherSchool.catalog(seed: s, base: base).trainings.reduce(0) { $0 + $1.lessons.count + $1.streams.count } == groups } ?? 1
    }

    func run() throws -> [Figures] {
        guard let curator else { return [] }
        let base = try DemoSchool.shipped()
        let seed = Self.seed(groups: 52, base: base)
        let results = NSLock()
        nonisolated(unsafe) var out: [Figures] = []
        nonisolated(unsafe) var failure: String?
        let group = DispatchGroup()
        for b in buildSeconds {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let f = try one(curator, build: b, seed: seed)
                    results.withLock { out.append(f) }
                } catch {
                    results.withLock { failure = "\(error)" }
                }
            }
        }
        group.wait()
        if let failure { throw CuratorFailure(message: "first sync bench: \(failure)") }
        return out.sorted { $0.buildSeconds < $1.buildSeconds }
    }

    private func one(_ curator: String, build: Double, seed: UInt64) throws -> Figures {
        let home = dir + "/first-sync-\(build)"
        let data = home + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GETCOURSE_") && !$0.key.hasPrefix("CURATOR_") }
        env["HOME"] = home
        env["XDG_DATA_HOME"] = home + "/share"
        env["XDG_CONFIG_HOME"] = home + "/config"
        let mock = Process()
        mock.executableURL = URL(fileURLWithPath: curator)
        mock.arguments = ["mock-getcourse", "--other-school", "--students", "60", "--seed", String(seed), "--export-build-seconds", String(build)]
        mock.environment = env
        let pipe = Pipe()
        mock.standardOutput = pipe
        mock.standardError = FileHandle.nullDevice
        try mock.run()
        defer { mock.terminate(); mock.waitUntilExit() }
        var printed = ""
        while !printed.contains("GETCOURSE_TECH_TOKEN=") || !printed.hasSuffix("\n") {
            let d = pipe.fileHandleForReading.availableData
            if d.isEmpty { throw CuratorFailure(message: "the mock did not start") }
            printed += String(decoding: d, as: UTF8.self)
        }
        for line in printed.split(separator: "\n") where line.hasPrefix("GETCOURSE_") {
            let kv = line.split(separator: "=", maxSplits: 1)
            env[String(kv[0])] = String(kv[1])
        }
        env["CURATOR_DATA"] = data
        let sync = Process()
        sync.executableURL = URL(fileURLWithPath: curator)
        sync.arguments = ["sync", "--once", "--json", "--db", home + "/mirror.sqlite"]
        sync.environment = env
        let out = Pipe()
        sync.standardOutput = out
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        let json = out.fileHandleForReading.readDataToEndOfFile()
        sync.waitUntilExit()
        guard sync.terminationStatus == 0, let r = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw CuratorFailure(message: "sync --once exited \(sync.terminationStatus) at \(build) s builds")
        }
        let polls = r["export_polls"] as? [Int] ?? []
        let legacy = r["requests_used"] as? Int ?? 0
        return Figures(buildSeconds: build, groups: 52, passSeconds: r["duration_seconds"] as? Double ?? 0, exports: polls.count,
                       requestsPerExport: polls.isEmpty ? 0 : Double(polls.reduce(0, +) + polls.count) / Double(polls.count),
                       legacyRequests: legacy, deferred: (r["deferred"] as? [String])?.count ?? 0,
                       scored: (r["risk"] as? [String: Any])?["scored"] as? Int ?? 0)
    }
}
