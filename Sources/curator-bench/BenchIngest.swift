import CuratorApp
import Domain
import Foundation
import Integrations
import Storage

/// The measured work: what a sync does with export and Tech API bodies once they have arrived —
/// read, parse, map, upsert — one transaction per export and per lesson.
struct BenchIngest {
    let dir: String
    let store: MirrorStore

    struct Figures: Codable {
        var ingestSeconds: Double
        var incrementalMilliseconds: Double
        var incrementalCheckpointMilliseconds: Double
        var peakRSSMegabytes: Double
        var rows: Int
    }

    func run() throws -> Figures {
        let started = Date()
        var rows = try ingest(users: "users.json", deals: "deals.json", answers: "answers")
        // A sync pass leaves the mirror checkpointed (one file at rest), and sqlite3 checkpoints
        // when it closes: part of the ingest on both sides.
        try store.checkpoint()
        let ingest = Date().timeIntervalSince(started)
        let peak = Self.peakRSSMegabytes()
        // The incremental pass, timed as a sync pass times itself: until its rows are committed.
        // Its closing checkpoint follows the pass (SyncEngine.runPass), not part of it.
        let deltaStart = Date()
        rows += try self.ingest(users: "users-delta.json", deals: "deals-delta.json", answers: "answers-delta")
        let delta = Date().timeIntervalSince(deltaStart)
        let checkpointStart = Date()
        try store.checkpoint()
        return Figures(ingestSeconds: ingest, incrementalMilliseconds: delta * 1000,
                       incrementalCheckpointMilliseconds: Date().timeIntervalSince(checkpointStart) * 1000, peakRSSMegabytes: peak, rows: rows)
    }

    /// What SyncEngine does with the same answers: exports' rows parsed a chunk ahead of the
    /// writer (`prefetched`), answers written a few lessons at a time while the next are read (`GatheredWrites`).
    private func ingest(users: String, deals: String, answers: String) throws -> Int {
        let writer = MirrorWriter(store)
        let mapper = ExportRowMapper()
        var rows = 0
        for file in [users, deals] {
            let t0 = Date()
            guard let body = FileManager.default.contents(atPath: dir + "/" + file),
                  case .table(let table) = ExportTable.read(exportAnswer: body) else { throw CuratorFailure(message: "bench: cannot read \(file)") }
            let written = file == users ? try writer.upsert(students: mapper.students(table).prefetched())
                                        : try writer.upsert(deals: mapper.deals(table).prefetched())
            rows += written.total
            Self.trace("\(file): read, parse, map, write \(Date().timeIntervalSince(t0)) s")
        }
        let tech = TechRecordMapper()
        let folder = dir + "/" + answers
        let t0 = Date()
        let writes = GatheredWrites<LessonAnswer, UpsertCount>(minimum: SyncEngine.answersPerWrite) { try writer.upsert(answers: $0) }
        var waited = 0.0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            guard let body = FileManager.default.contents(atPath: folder + "/" + name),
                  case .records(let data) = TechAnswer.read(body) else { throw CuratorFailure(message: "bench: cannot read \(name)") }
            let batch = data.compactMap(tech.lessonAnswer)
            let w0 = Date()
            rows += try writes.add(batch)?.total ?? 0
            waited += Date().timeIntervalSince(w0)
        }
        let w0 = Date()
        rows += try writes.finish().reduce(0) { $0 + $1.total }
        waited += Date().timeIntervalSince(w0)
        Self.trace("\(answers): read, parse, map, write \(Date().timeIntervalSince(t0)) s, of which waiting for the writer \(waited) s")
        return rows
    }

    static let tracing = ProcessInfo.processInfo.environment["CURATOR_BENCH_TRACE"] != nil

    static func trace(_ s: String) {
        if tracing { FileHandle.standardError.write(Data("bench: \(s)\n".utf8)) }
    }

    /// The high-water mark of this process's memory (VmHWM). Not getrusage's ru_maxrss: Linux keeps
    /// that across exec, so a worker spawned by a big parent reports the parent's peak.
    static func peakRSSMegabytes() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024  // kB
    }
}

extension UpsertCount {
    var total: Int { new + updated + unchanged }
}
