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

    /// Already gone by the dropout definition as of the features' time: 21+ days silent, or the
    /// package ended 21+ days ago.
    public static func hasLeft(_ features: [Double]) -> Bool {
        features[RiskFeature.daysSinceActivity.rawValue] >= silenceDays || features[RiskFeature.daysToPackageEnd.rawValue] <= -silenceDays
    }

    /// Snapshots at the weekly cutoffs `cutoffs` of the students the scorer ranks there: enrolled and
    /// not yet known to be gone. `dropout` gives each student's dropout moment (observed by the
    /// mirror, or true in a simulation); the label is a dropout by the end of the horizon, so a
    /// student who went silent a week ago and never came back is a positive: gone already, not yet
    /// known to be.
    public static func snapshots(_ histories: [StudentHistory], cutoffs: [Double], dropout: [Int64: Double],
                                 extractor: FeatureExtractor = FeatureExtractor()) -> [Snapshot] {
        var out: [Snapshot] = []
        for t in cutoffs {
            let m = extractor.features(histories, at: t)
            for i in histories.indices where histories[i].enrolledAt <= t {
                let row = m.row(i)
                if hasLeft(row) { continue }
                let id = histories[i].studentId
                out.append(Snapshot(studentId: id, at: t, features: row, droppedOut: dropout[id].map { $0 <= t + horizonDays * 86400 } ?? false,
                                    tenureDays: (t - histories[i].enrolledAt) / 86400))
            }
        }
        return out
    }
}
