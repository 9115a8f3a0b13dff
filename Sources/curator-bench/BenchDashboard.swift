import CuratorApp
import CuratorTUI
import Domain
import Foundation
import Storage

/// The dashboard's figures on a big mirror: what the loop does per message, without the terminal
/// write (which needs a tty): read the list, `update`, `view`, and the row diff the backend draws from.
struct BenchDashboard {
    struct Figures: Codable {
        var students: Int
        var firstFrameMilliseconds: Double
        /// Opening (and checking) the mirror, a part of the first frame.
        var openMilliseconds: Double
        /// The whole list read and drawn after the first frame (its first page) is on screen.
        var fullListMilliseconds: Double
        var filterMedianMilliseconds: Double
        var filterP99Milliseconds: Double
        var frameMilliseconds: Double
        var peakRSSMegabytes: Double
    }

    let path: String

    /// Makes the ingested mirror a school to look at: every user in a stream (the export holds no
    /// groups), then one risk pass (the school learned, every student scored), so the list has
    /// scores, reasons and alerts. Returns the risk pass's seconds, and the seconds of learning the school
    /// again on its own (which the pass includes): reading the mirror, learning, writing the school.
    static func prepare(_ store: MirrorStore, catalog: SchoolCatalog, users: Int) throws -> (pass: Double, learning: Double) {
        let writer = MirrorWriter(store)
        let streams = catalog.trainings.flatMap(\.streams)
        let now = Date()
        _ = try writer.upsert(groups: streams.map { StudyGroup(id: $0.groupId, name: $0.name, lastAddedAt: now) })
        let week = 7 * 86400.0
        let memberships = (0..<users).map { i -> GroupMembership in
            let weeksAgo = Double(1 + i % 12)
            return GroupMembership(groupId: streams[i % streams.count].groupId, userId: Int64(3_000_000 + i), addedAt: now.addingTimeInterval(-weeksAgo * week))
        }
        _ = try writer.upsert(memberships: memberships)
        let pass = try Stopwatch.milliseconds { _ = try RiskStore(store, overrides: catalog).runPass() } / 1000
        let learning = try Stopwatch.milliseconds { _ = try SchoolStore(store).relearn(overrides: catalog) } / 1000
        return (pass, learning)
    }

    func run() throws -> Figures {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
        let store = try MirrorStore.open(path: path, create: false)
        let open = elapsed()
        var s = AppState()
        var last: Grid?
        func frame() {
            let g = Dashboard.view(s).grid
            _ = g.changedRows(since: last)
            last = g
        }
        _ = Dashboard.update(&s, .resize(TermSize(width: 200, height: 60)))
        // As the dashboard loads: the first page of the riskiest students (the first frame), then the whole list.
        var firstFrame = 0.0
        try DashboardEffects.loadList(StudentQueries(store), firstPageToo: true) { m in
            _ = Dashboard.update(&s, m)
            frame()
            if firstFrame == 0 { firstFrame = elapsed() }
        }
        let full = elapsed() - firstFrame

        // The filter as a curator types it: words, corrections, a miss, Esc; each key to its new frame.
        var keys: [Key] = [.char("/")]
        for word in ["ива", "пётр", "user1234", "zzz", "ольга смирнова"] {
            keys += word.map { Key.char($0) } + Array(repeating: .backspace, count: word.count)
        }
        var times: [Double] = []
        for round in 0..<5 {
            // A fresh load each round: the search's remembered results are not carried from the last round.
            _ = Dashboard.update(&s, .studentsLoaded(s.list.students))
            for k in keys {
                let ms = Stopwatch.milliseconds {
                    _ = Dashboard.update(&s, .key(k))
                    frame()
                }
                if round > 0 { times.append(ms) }  // the first round warms up
            }
        }
        _ = Dashboard.update(&s, .key(.escape))
        times.sort()

        // Whole frames while the selection moves (each frame differs from the last).
        var frames: [Double] = []
        for i in 0..<200 {
            _ = Dashboard.update(&s, .key(i % 40 < 20 ? .down : .up))
            frames.append(Stopwatch.milliseconds(frame))
        }
        frames.sort()
        return Figures(students: s.list.students.count, firstFrameMilliseconds: firstFrame, openMilliseconds: open, fullListMilliseconds: full, filterMedianMilliseconds: times[times.count / 2],
                       filterP99Milliseconds: times[min(times.count - 1, Int(Double(times.count) * 0.99))],
                       frameMilliseconds: frames[frames.count / 2], peakRSSMegabytes: BenchIngest.peakRSSMegabytes())
    }
}
