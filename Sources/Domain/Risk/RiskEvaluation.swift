import Foundation

/// Evaluates risk scorers on cohorts whose true dropout moments are known (simulated schools).
///
/// Snapshots are taken at weekly calendar cutoffs of the students the scorer ranks (enrolled, not yet
/// known to be gone, as `DropoutLabel.snapshots`); the label is the true dropout. "Week w" is the snapshot taken when the student's tenure was w weeks (±3.5 days).
/// precision@10 is the mean over cutoffs of the share of dropouts among the day's top ten.
/// Lead time: for each dropout, the first day in the 28 days before it on which the scorer raised
/// the alarm (daily scoring), to the dropout moment.
public struct RiskEvaluation: Sendable {
    public struct Cohort: Sendable {
        public var name: String
        public var histories: [StudentHistory]
        /// True dropout moments (students absent here never dropped out).
        public var dropout: [Int64: Double]
        /// The end of the simulated history.
        public var end: Double

        /// `leaving`: when the simulation made each leaver stop (students absent never leave). A
        /// leaver's dropout is their last activity before that, as the label defines a dropout: the
        /// start of the silence, not the end of a fade's long, nearly silent tail.
        public init(name: String, histories: [StudentHistory], leaving: [Int64: Double], end: Double) {
            self.name = name
            self.histories = histories
            var dropout: [Int64: Double] = [:]
            for h in histories {
                if let stop = leaving[h.studentId], stop <= end { dropout[h.studentId] = h.lastActivity(atOrBefore: stop) }
            }
            self.dropout = dropout
            self.end = end
        }
    }

    /// A way to rank students from their features, and when it counts as an alarm.
    public struct Scorer: Sendable {
        public var name: String
        public var score: @Sendable ([Double]) -> Double
        /// True when `score` is a probability (Brier and calibration apply).
        public var isProbability: Bool
        public var alarm: @Sendable (Double) -> Bool

        public init(name: String, isProbability: Bool, score: @escaping @Sendable ([Double]) -> Double, alarm: @escaping @Sendable (Double) -> Bool) {
            self.name = name
            self.score = score
            self.isProbability = isProbability
            self.alarm = alarm
        }

        public static func model(_ name: String, _ m: RiskModel) -> Scorer {
            Scorer(name: name, isProbability: true, score: { m.probability($0) }, alarm: { $0 >= RiskLevel.highThreshold })
        }

        /// Baseline: days since the last activity alone; the alarm is the classic 5 days.
        public static let daysSinceActivity = Scorer(name: "baseline: days since last activity", isProbability: false,
                                                     score: { $0[RiskFeature.daysSinceActivity.rawValue] }, alarm: { $0 > 5 })

        /// Baseline: the four classic rules, scored by how many fire; any one is the alarm.
        public static let classicRules = Scorer(name: "baseline: four classic rules", isProbability: false, score: { x in
            var n = 0.0
            if x[RiskFeature.daysSinceActivity.rawValue] > 5 { n += 1 }
            if x[RiskFeature.consecutiveMissed.rawValue] >= 1 { n += 1 }
            if x[RiskFeature.scoreGapToGroup.rawValue] >= 0.25 { n += 1 }
            if x[RiskFeature.activityVsGroup.rawValue] < 0.8 { n += 1 }
            return n
        }, alarm: { $0 >= 1 })
    }

    public struct Result: Codable, Sendable, Equatable {
        public var scorer: String
        /// ROC-AUC by tenure week (2, 4, 8).
        public var aucByWeek: [Int: Double]
        public var precisionAt10: Double?
        public var baseRate: Double
        public var brier: Double?
        public var calibrationError: Double?
        public var medianLeadDays: Double?
        /// Share of dropouts the scorer alarmed on before they left.
        public var caughtShare: Double?
        public var snapshots: Int
    }

    public static let weeks = [2, 4, 8]
    public var extractor = FeatureExtractor()

    public init() {}

    public func evaluate(_ cohorts: [Cohort], scorers: [Scorer]) -> [Result] {
        struct Point { var features: [Double]; var label: Bool; var week: Int; var cutoff: Int }
        var points: [Point] = []
        var cutoffIndex = 0
        var leadMatrices: [(cohort: Cohort, days: [Double], m: [FeatureMatrix])] = []
        for c in cohorts {
            guard let first = c.histories.map(\.enrolledAt).min() else { continue }
            var t = first + 7 * 86400
            while t <= c.end - DropoutLabel.horizonDays * 86400 {
                for s in DropoutLabel.snapshots(c.histories, cutoffs: [t], dropout: c.dropout, extractor: extractor) {
                    points.append(Point(features: s.features, label: s.droppedOut, week: Int((s.tenureDays / 7).rounded()), cutoff: cutoffIndex))
                }
                cutoffIndex += 1
                t += 7 * 86400
            }
            var days: [Double] = []
            var d = first
            while d <= c.end { days.append(d); d += 86400 }
            leadMatrices.append((c, days, days.map { extractor.features(c.histories, at: $0) }))
        }
        let labels = points.map(\.label)
        let baseRate = labels.isEmpty ? 0 : Double(labels.filter { $0 }.count) / Double(labels.count)
        return scorers.map { scorer in
            let scores = points.map { scorer.score($0.features) }
            var auc: [Int: Double] = [:]
            for w in Self.weeks {
                let idx = points.indices.filter { points[$0].week == w }
                if let a = RiskMetrics.auc(idx.map { scores[$0] }, idx.map { labels[$0] }) { auc[w] = a }
            }
            var precisions: [Double] = []
            for (_, idx) in Dictionary(grouping: points.indices, by: { points[$0].cutoff }) {
                if let p = RiskMetrics.precisionAt(10, idx.map { scores[$0] }, idx.map { labels[$0] }) { precisions.append(p) }
            }
            var leads: [Double] = []
            var dropouts = 0
            for (c, days, matrices) in leadMatrices {
                for i in c.histories.indices {
                    let enrolled = c.histories[i].enrolledAt
                    guard let d = c.dropout[c.histories[i].studentId], d > enrolled, d <= c.end else { continue }
                    dropouts += 1
                    for (k, day) in days.enumerated() where day >= max(enrolled, d - 28 * 86400) && day < d {
                        if scorer.alarm(scorer.score(matrices[k].row(i))) {
                            leads.append((d - day) / 86400)
                            break
                        }
                    }
                }
            }
            return Result(scorer: scorer.name, aucByWeek: auc,
                          precisionAt10: precisions.isEmpty ? nil : precisions.reduce(0, +) / Double(precisions.count),
                          baseRate: baseRate,
                          brier: scorer.isProbability ? RiskMetrics.brier(scores, labels) : nil,
                          calibrationError: scorer.isProbability ? RiskMetrics.calibrationError(scores, labels) : nil,
                          medianLeadDays: RiskMetrics.median(leads),
                          caughtShare: dropouts == 0 ? nil : Double(leads.count) / Double(dropouts),
                          snapshots: points.count)
        }
    }
}
