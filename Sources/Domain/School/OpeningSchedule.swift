import Foundation

/// A stream's lesson cadence as its members' first views and answers show it. Each lesson's first
/// view comes a little after the lesson opened — hours, or days when few members are prompt — so
/// every observation is late, never early: the cadence is the slope of the line under all of them
/// that lies closest to them (through two observations; the least total lateness).
public enum OpeningSchedule {
    static let day = 86400.0

    /// Days between lessons; `openings` maps lesson numbers to when their first view or answer came.
    /// Nil with fewer than two lessons seen.
    public static func cadenceDays(_ openings: [Int: Double]) -> Double? {
        let all = openings.sorted { $0.key < $1.key }.map { (n: Double($0.key), t: $0.value) }
        // Cubic in the lessons seen: a long course is read through every k-th of them.
        let stride = max(1, (all.count + 59) / 60)
        let points = all.indices.filter { $0 % stride == 0 }.map { all[$0] }
        var best: (step: Double, lateness: Double)?
        for i in points.indices {
            for j in points.indices where j > i {
                let step = (points[j].t - points[i].t) / (points[j].n - points[i].n)
                guard step >= 0 else { continue }
                var lateness = 0.0, under = true
                for p in points {
                    let late = p.t - (points[i].t + step * (p.n - points[i].n))
                    // A day's slack: a stream's prompt first view is late by hours at least.
                    if late < -day { under = false; break }
                    lateness += late
                }
                if under, best == nil || lateness < best!.lateness { best = (step, lateness) }
            }
        }
        return best.map { $0.step / day }
    }

    /// A cadence as schools set them: whole days, or half days (twice a week) when clearly between.
    public static func rounded(_ days: Double) -> Double {
        let whole = days.rounded()
        return max(1, abs(days - whole) <= 0.4 ? whole : (days * 2).rounded() / 2)
    }
}
