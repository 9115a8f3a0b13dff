import Foundation

/// Trains the model on the school's own history and decides whether it replaces the priors.
///
/// Snapshots are taken weekly, each far enough in the past (horizon + 21 days of silence) that its
/// label is known. The latest ~30% of weeks are held out; the trained model is used only when it
/// beats the priors there on log loss without losing ROC-AUC (beyond 0.01, which is noise). It is then refitted on all weeks.
public enum RiskTraining {
    public struct Outcome: Codable, Sendable, Equatable {
        public var model: RiskModel
        public var trainingSnapshots: Int
        public var heldOutSnapshots: Int
        public var positives: Int
        public var priorLogLoss: Double?
        public var trainedLogLoss: Double?
        public var priorAUC: Double?
        public var trainedAUC: Double?
        /// Why this model was chosen, in plain words.
        public var decision: String
    }

    public static let minimumSnapshots = 300
    public static let minimumPositives = 30
    static let maximumSnapshots = 60_000
    /// Held-out AUC differences this small are noise; log loss decides.
    static let aucTolerance = 0.01

    /// Weekly cutoffs whose labels are known at `now`.
    public static func labelledCutoffs(_ histories: [StudentHistory], now: Double) -> [Double] {
        guard let first = histories.map(\.enrolledAt).min() else { return [] }
        var cutoffs: [Double] = []
        var t = now - (DropoutLabel.horizonDays + DropoutLabel.silenceDays) * 86400
        while t >= first + 7 * 86400 {
            cutoffs.append(t)
            t -= 7 * 86400
        }
        return cutoffs.reversed()
    }

    /// `schools`: histories of one school each (several only in the evaluation, which trains on
    /// several simulated schools); snapshots are pooled, features compare within a school.
    public static func select(_ schools: [[StudentHistory]], now: Double, lambda: Double = 1.0) -> Outcome {
        var snapshots: [DropoutLabel.Snapshot] = []
        var cutoffs: [Double] = []
        for histories in schools {
            var dropout: [Int64: Double] = [:]
            for h in histories { if let d = DropoutLabel.dropoutAt(h, now: now) { dropout[h.studentId] = d } }
            let c = labelledCutoffs(histories, now: now)
            if c.count > cutoffs.count { cutoffs = c }
            snapshots += DropoutLabel.snapshots(histories, cutoffs: c, dropout: dropout)
        }
        let positives = snapshots.filter(\.droppedOut).count
        func keepPrior(_ why: String) -> Outcome {
            Outcome(model: .prior, trainingSnapshots: snapshots.count, heldOutSnapshots: 0, positives: positives, decision: why)
        }
        guard snapshots.count >= minimumSnapshots, positives >= minimumPositives, cutoffs.count >= 3 else {
            return keepPrior("priors: not enough labelled history yet (\(snapshots.count) snapshots, \(positives) dropouts; need \(minimumSnapshots) and \(minimumPositives))")
        }
        let split = cutoffs[cutoffs.count - max(1, cutoffs.count * 3 / 10)]
        let train = thin(snapshots.filter { $0.at < split }), held = snapshots.filter { $0.at >= split }
        guard train.contains(where: \.droppedOut), train.contains(where: { !$0.droppedOut }),
              held.contains(where: \.droppedOut), held.contains(where: { !$0.droppedOut }) else {
            return keepPrior("priors: the held-out weeks need both dropouts and stayers")
        }
        let fitter = LogisticRegression(lambda: lambda)
        let trained = fitter.fit(train.map(\.features), train.map(\.droppedOut))
        let labels = held.map(\.droppedOut)
        let priorP = held.map { RiskModel.prior.probability($0.features) }, trainedP = held.map { trained.probability($0.features) }
        var outcome = Outcome(model: .prior, trainingSnapshots: train.count, heldOutSnapshots: held.count, positives: positives,
                              priorLogLoss: RiskMetrics.logLoss(priorP, labels), trainedLogLoss: RiskMetrics.logLoss(trainedP, labels),
                              priorAUC: RiskMetrics.auc(priorP, labels), trainedAUC: RiskMetrics.auc(trainedP, labels), decision: "")
        if let tl = outcome.trainedLogLoss, let pl = outcome.priorLogLoss, tl < pl, (outcome.trainedAUC ?? 0) >= (outcome.priorAUC ?? 0) - aucTolerance {
            let all = thin(snapshots)
            outcome.model = fitter.fit(all.map(\.features), all.map(\.droppedOut))
            outcome.decision = "trained: beats the priors on held-out weeks"
        } else {
            outcome.decision = "priors: the trained model did not beat them on held-out weeks"
        }
        return outcome
    }

    /// Every n-th snapshot, so training stays bounded on a large school.
    static func thin(_ s: [DropoutLabel.Snapshot]) -> [DropoutLabel.Snapshot] {
        guard s.count > maximumSnapshots else { return s }
        let step = Double(s.count) / Double(maximumSnapshots)
        return (0..<maximumSnapshots).map { s[Int(Double($0) * step)] }
    }
}
