import Foundation

/// A stream's opening schedule as its members' first views and answers show it. Each lesson's
/// first view comes a little after the lesson opened — hours, or days when few members are prompt —
/// so every observation is late, never early: the schedule is the line under all of them that lies
/// closest to them (through two observations; the least total lateness), lesson 1 on it the start.
public struct OpeningSchedule: Sendable, Equatable {
    /// When lesson 1 opened (seconds since 1970).
    public var start: Double
    /// Days between lessons, when two lessons or more were seen.
    public var cadenceDays: Double?

    static let day = 86400.0

    /// `openings`: lesson number → when its first view or answer came. Nil when none was seen.
    public static func fit(_ openings: [Int: Double]) -> OpeningSchedule? {
        let points = openings.sorted { $0.key < $1.key }.map { (n: Double($0.key), t: $0.value) }
        guard let first = points.first else { return nil }
        guard points.count >= 2 else { return OpeningSchedule(start: first.t - (first.n - 1) * SchoolLearner.defaultCadenceDays * day, cadenceDays: nil) }
        var best: (start: Double, step: Double, lateness: Double)?
        for i in points.indices {
            for j in points.indices where j > i {
                let step = (points[j].t - points[i].t) / (points[j].n - points[i].n)
                guard step >= 0 else { continue }
                let start = points[i].t - step * (points[i].n - 1)
                var lateness = 0.0, under = true
                for p in points {
                    let late = p.t - (start + step * (p.n - 1))
                    if late < -1 { under = false; break }
                    lateness += late
                }
                if under, best == nil || lateness < best!.lateness { best = (start, step, lateness) }
            }
        }
        guard let best else { return OpeningSchedule(start: first.t - (first.n - 1) * SchoolLearner.defaultCadenceDays * day, cadenceDays: nil) }
        return OpeningSchedule(start: best.start, cadenceDays: best.step / day)
    }

    /// A cadence as schools set them: whole days, or half days (twice a week) when clearly between.
    public static func rounded(_ days: Double) -> Double {
        let whole = days.rounded()
        return max(1, abs(days - whole) <= 0.4 ? whole : (days * 2).rounded() / 2)
    }
}
