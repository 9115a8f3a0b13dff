import Foundation

/// A feature's value and contribution as stored with a score.
public struct FeatureValue: Codable, Sendable, Equatable {
    public var feature: String
    /// nil: the school does not let Curator know it for this student (missing).
    public var value: Double?
    public var contribution: Double
}
