import Domain
import Foundation
import Storage

/// The measured work: what a sync does with export and Tech API bodies once they have arrived —
/// read, parse, map, upsert — one transaction per export and per lesson.
struct BenchIngest {
    let dir: String
    let store: MirrorStore

    struct Figures: Codable {
        var ingestSeconds: Double
        var incrementalMilliseconds: Double
        var peakRSSMegabytes: Double
        var rows: Int
    }

    func run() throws -> Figures {
        let started = Date()
        var rows = try ingest(users: "users.json", deals: "deals.json", answers: "answers")
        let ingest = Date().timeIntervalSince(started)
        let peak = Self.peakRSSMegabytes()
        let deltaStart = Date()
        rows += try self.ingest(users: "users-delta.json", deals: "deals-delta.json", answers: "answers-delta")
        let delta = Date().timeIntervalSince(deltaStart)
        return Figures(ingestSeconds: ingest, incrementalMilliseconds: delta * 1000, peakRSSMegabytes: peak, rows: rows)
    }

    private func ingest(users: String, deals: String, answers: String) throws -> Int {
        let writer = MirrorWriter(store)
        let mapper = ExportRowMapper()
        var rows = 0
        for (file, kind) in [(users, 0), (deals, 1)] {
            guard let body = FileManager.default.contents(atPath: dir + "/" + file),
                  case .table(let table) = ExportTable.read(exportAnswer: body) else { throw CuratorFailure(message: "bench: cannot read \(file)") }
            let t0 = Date()
            if kind == 0 {
                rows += try writer.upsert(students: mapper.students(table)).total
                Self.trace("\(file): parse+map+write \(Date().timeIntervalSince(t0)) s")
            } else {
                rows += try writer.upsert(deals: mapper.deals(table)).total
                Self.trace("\(file): parse+map+write \(Date().timeIntervalSince(t0)) s")
            }
        }
        let tech = TechRecordMapper()
        let folder = dir + "/" + answers
        var parse = 0.0, write = 0.0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let t0 = Date()
            guard let body = FileManager.default.contents(atPath: folder + "/" + name),
                  case .records(let data) = TechAnswer.read(body) else { throw CuratorFailure(message: "bench: cannot read \(name)") }
            let models = data.compactMap(tech.lessonAnswer)
            let t1 = Date()
            rows += try writer.upsert(answers: models).total
            parse += t1.timeIntervalSince(t0)
            write += Date().timeIntervalSince(t1)
        }
        Self.trace("\(answers): parse+map \(parse) s, write \(write) s")
        return rows
    }

    static func trace(_ s: String) {
        if ProcessInfo.processInfo.environment["CURATOR_BENCH_TRACE"] != nil { FileHandle.standardError.write(Data("bench: \(s)\n".utf8)) }
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
