import Foundation

/// One reason behind a score: the feature, its value, its contribution to the log-odds, and a phrase.
public struct RiskReason: Codable, Sendable, Equatable {
    public var feature: String
    public var value: Double
    public var contribution: Double
    public var text: String

    public init(feature: String, value: Double, contribution: Double, text: String) {
        self.feature = feature
        self.value = value
        self.contribution = contribution
        self.text = text
    }
}

/// A student's dropout risk with its explanation.
public struct RiskScore: Sendable, Equatable {
    public var studentId: Int64
    public var probability: Double
    public var level: RiskLevel
    public var features: [Double]
    public var contributions: [Double]
    public var reasons: [RiskReason]

    /// Already gone by the dropout definition: 21+ days silent, or the package ended 21+ days ago.
    /// Still scored (a win-back call may help), but counted and alerted apart from those at risk.
    public var hasLeft: Bool { DropoutLabel.hasLeft(features) }

    /// Tenure and renewals shift the baseline but are nothing a curator can act on: never a reason.
    static let notReasons: Set<Int> = [RiskFeature.tenureWeeks.rawValue, RiskFeature.renewals.rawValue]

    /// Reasons are the features pushing the risk up the most (at least 0.1 in log-odds), at most three.
    public init(studentId: Int64, features: [Double], model: RiskModel) {
        self.studentId = studentId
        self.features = features
        let contributions = model.contributions(features)
        self.contributions = contributions
        probability = model.probability(features)
        level = RiskLevel(probability: probability)
        reasons = contributions.indices
            .filter { contributions[$0] >= 0.1 && !Self.notReasons.contains($0) && RiskFeature.allCases[$0].isWorthSaying(features[$0]) }
            .sorted { contributions[$0] > contributions[$1] }
            .prefix(3)
            .map { i in
                let f = RiskFeature.allCases[i]
                return RiskReason(feature: f.key, value: features[i], contribution: contributions[i], text: f.reason(features[i]))
            }
    }
}

/// Scores every history at `t` with one model.
public struct RiskScorer: Sendable {
    public var model: RiskModel
    public var extractor = FeatureExtractor()

    public init(model: RiskModel) { self.model = model }

    public func scores(_ histories: [StudentHistory], at t: Double) -> [RiskScore] {
        let m = extractor.features(histories, at: t)
        return histories.indices.map { RiskScore(studentId: histories[$0].studentId, features: m.row($0), model: model) }
    }
}
