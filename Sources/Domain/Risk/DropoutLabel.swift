import Foundation

/// When a student dropped out, as the mirror can tell in hindsight: the last activity before 21+ days
/// of silence, or the end of a package that was not renewed, whichever comes first.
public enum DropoutLabel {
    public static let silenceDays = 21.0
    /// Snapshots predict a dropout within this many days.
    public static let horizonDays = 14.0

    /// The dropout moment, or nil when the student has not (yet, as of `now`) dropped out.
    public static func dropoutAt(_ h: StudentHistory, now: Double) -> Double? {
        let silence = silenceDays * 86400
        var byActivity: Double?
        var previous = h.enrolledAt
        for a in h.activity where a <= now {
            if a < previous { continue }
            if a - previous >= silence { byActivity = previous; break }
            previous = a
        }
        if byActivity == nil && now - previous >= silence { byActivity = previous }
        var byPackage: Double?
        if let end = h.packages.filter({ $0.paidAt <= now }).map(\.endsAt).max(), end <= now - silence {
            byPackage = end
        }
        switch (byActivity, byPackage) {
        case let (a?, p?): return min(a, p)
        case let (a?, nil): return a
        case let (nil, p?): return p
        case (nil, nil): return nil
        }
    }

    /// A labelled example: the student's features at `t` and whether they dropped out within the horizon.
    public struct Snapshot: Sendable {
        public var studentId: Int64
        public var at: Double
        public var features: [Double]
        public var droppedOut: Bool
        /// Days since enrolment at `at`.
        public var tenureDays: Double
    }

    /// Snapshots at the weekly cutoffs `cutoffs` for students enrolled and not yet gone at each
    /// cutoff. `dropout` gives each student's dropout moment (observed or, for evaluation, true).
    public static func snapshots(_ histories: [StudentHistory], cutoffs: [Double], dropout: [Int64: Double],
                                 extractor: FeatureExtractor = FeatureExtractor()) -> [Snapshot] {
        var out: [Snapshot] = []
        for t in cutoffs {
            let m = extractor.features(histories, at: t)
            for i in histories.indices where histories[i].enrolledAt <= t {
                let id = histories[i].studentId, enrolled = histories[i].enrolledAt
                let d = dropout[id]
                if let d, d <= t { continue }
                out.append(Snapshot(studentId: id, at: t, features: m.row(i), droppedOut: d.map { $0 <= t + horizonDays * 86400 } ?? false,
                                    tenureDays: (t - enrolled) / 86400))
            }
        }
        return out
    }
}
