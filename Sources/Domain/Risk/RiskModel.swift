import Foundation

/// Logistic regression over standardised features: p = σ(bias + Σ wᵢ·(xᵢ − cᵢ)/sᵢ).
/// Each term wᵢ·(xᵢ − cᵢ)/sᵢ is that feature's contribution to the log-odds, which is what the
/// reasons show. A missing feature (NaN) is read as its centre — the typical student's value, the
/// training mean for a trained model — so it contributes nothing either way.
public struct RiskModel: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case prior, trained }

    public var kind: Kind
    public var bias: Double
    public var centers: [Double]
    public var scales: [Double]
    public var weights: [Double]

    public init(kind: Kind, bias: Double, centers: [Double], scales: [Double], weights: [Double]) {
        self.kind = kind
        self.bias = bias
        self.centers = centers
        self.scales = scales
        self.weights = weights
    }

    /// True when the stored model fits today's feature list (an older layout is ignored, not misread).
    public var fitsFeatures: Bool {
        centers.count == RiskFeature.count && scales.count == RiskFeature.count && weights.count == RiskFeature.count
            && scales.allSatisfy { $0 > 0 && $0.isFinite } && weights.allSatisfy(\.isFinite) && bias.isFinite
    }

    @inline(__always)
    public func logit(_ x: UnsafeBufferPointer<Double>) -> Double {
        var z = bias
        for i in 0..<RiskFeature.count where !x[i].isNaN { z += weights[i] * (x[i] - centers[i]) / scales[i] }
        return z
    }

    public func probability(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { Self.sigmoid(logit($0)) }
    }

    /// Every feature's contribution to the log-odds.
    public func contributions(_ x: [Double]) -> [Double] {
        (0..<RiskFeature.count).map { x[$0].isNaN ? 0 : weights[$0] * (x[$0] - centers[$0]) / scales[$0] }
    }

    /// Probabilities for every row of a matrix, the rows split over the cores.
    public func probabilities(_ m: FeatureMatrix) -> [Double] {
        // The standardisation folded into the weights once: z = b + Σ kᵢ·xᵢ, kᵢ = wᵢ/sᵢ, b = bias − Σ kᵢ·cᵢ.
        let k = (0..<RiskFeature.count).map { weights[$0] / scales[$0] }
        let b = (0..<RiskFeature.count).reduce(bias) { $0 - k[$1] * centers[$1] }
        let width = FeatureMatrix.width, values = m.values
        return parallelChunks(of: m.rows, 4) { _, rows in
            values.withUnsafeBufferPointer { x in
                rows.map { r in
                    Self.sigmoid((0..<width).reduce(b) { z, i in
                        let v = x[r * width + i]
                        return z + k[i] * (v.isNaN ? centers[i] : v)
                    })
                }
            }
        }.flatMap { $0 }
    }

    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// Weights before the school has labelled history of its own. The directions and rough sizes
    /// follow the early-warning literature (design.md): recency and regularity of activity first,
    /// then homework (the first one, misses in a row, completion), payments, then scores. Centres and
    /// scales are a typical weekly-lesson student; each weight is the log-odds change per scale unit.
    /// The bias puts a typical student near a 5% chance of leaving within 14 days.
    public static let prior: RiskModel = {
        let table: [(RiskFeature, center: Double, scale: Double, weight: Double)] = [
            (.daysSinceActivity, 3, 4, 0.8),
            (.daysSinceLessonView, 6, 5, 0.3),
            (.daysSinceHomework, 8, 6, 0.3),
            (.activeDays7, 2, 1.5, -0.2),
            (.activeDays14, 4, 3, -0.3),
            (.activeDays28, 8, 5, -0.1),
            (.activeWeeksShare, 0.8, 0.25, -0.3),
            (.weekVsBaseline, 1, 0.5, -0.3),
            (.activityVsGroup, 1, 0.5, -0.3),
            (.unviewedLessons, 0, 1, 0.3),
            (.firstHomeworkMissing, 0, 1, 0.7),
            (.homeworkCompletion, 0.8, 0.25, -0.4),
            (.consecutiveMissed, 0, 1, 0.5),
            (.lateShare, 0.15, 0.2, 0.15),
            (.declinedShare, 0.2, 0.2, 0.15),
            (.scoreMean3, 0.8, 0.25, -0.15),
            (.scoreSlope, 0, 0.2, -0.15),
            (.scoreGapToGroup, 0, 0.25, 0.2),
            (.unansweredDays, 0, 2, 0.25),
            (.daysToPackageEnd, 20, 15, -0.2),
            (.failedPayment, 0, 1, 1.0),
            (.renewals, 0, 1, -0.2),
            (.tenureWeeks, 6, 4, -0.1),
        ]
        var c = [Double](repeating: 0, count: RiskFeature.count), s = [Double](repeating: 1, count: RiskFeature.count), w = c
        for (f, center, scale, weight) in table {
            c[f.rawValue] = center
            s[f.rawValue] = scale
            w[f.rawValue] = weight
        }
        return RiskModel(kind: .prior, bias: -2.9, centers: c, scales: s, weights: w)
    }()
}

/// Risk levels sized for one curator's day. High ≥ 35%: in the simulated schools (where one student in
/// seven is gone or leaving within two weeks) about one in fourteen is high, a list a curator can call
/// through in a day; medium ≥ 15% is the watch list (about the base rate and above).
public enum RiskLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high

    public static let highThreshold = 0.35
    public static let mediumThreshold = 0.15

    public init(probability p: Double) {
        self = p >= Self.highThreshold ? .high : p >= Self.mediumThreshold ? .medium : .low
    }

    public var symbol: String {
        switch self {
        case .high: "▲"
        case .medium: "●"
        case .low: "○"
        }
    }

    public var russian: String {
        switch self {
        case .high: "высокий"
        case .medium: "средний"
        case .low: "низкий"
        }
    }

    private var rank: Int { self == .low ? 0 : self == .medium ? 1 : 2 }
    public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.rank < b.rank }
}
