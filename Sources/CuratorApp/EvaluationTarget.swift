import Domain
import Foundation

/// A goal an evaluation checks: what it is, the figure reached, and whether it is met. The evaluate
/// commands print one line per goal and exit non-zero when one is missed.
public struct EvaluationTarget: Encodable, Sendable, Equatable {
    public var name: String
    public var value: String
    public var met: Bool

    public init(name: String, value: String, met: Bool) {
        self.name = name
        self.value = value
        self.met = met
    }

    /// «✓ name: value», or ✗ when missed.
    public var line: String { "\(met ? "✓" : "✗") \(name): \(value)" }

    /// The dropout model's goals. `results`: the model, its priors, days since activity, the classic
    /// rules, in that order (as `curator risk evaluate` scores them). An early AUC above 0.95 means the
    /// features see the label (leakage), so it is a missed goal too.
    public static func risk(_ results: [RiskEvaluation.Result]) -> [EvaluationTarget] {
        let model = results[0], days = results[2], rules = results[3]
        let w4 = model.aucByWeek[4] ?? 0
        let early = model.aucByWeek[2] ?? 0
        return [
            EvaluationTarget(name: "AUC at week 4 ≥ 0.75", value: fixed(w4), met: w4 >= 0.75),
            EvaluationTarget(name: "AUC at week 4 ≥ baselines + 0.03", value: "\(fixed(w4)) vs \(fixed(days.aucByWeek[4])), \(fixed(rules.aucByWeek[4]))",
                             met: w4 >= (days.aucByWeek[4] ?? 0) + 0.03 && w4 >= (rules.aucByWeek[4] ?? 0) + 0.03),
            EvaluationTarget(name: "precision@10 ≥ 2.5× base rate", value: fixed(model.precisionAt10.map { $0 / max(model.baseRate, 1e-9) }, digits: 1) + "×",
                             met: (model.precisionAt10 ?? 0) >= 2.5 * model.baseRate),
            EvaluationTarget(name: "calibration error ≤ 0.05", value: fixed(model.calibrationError), met: (model.calibrationError ?? 1) <= 0.05),
            EvaluationTarget(name: "no leakage: AUC at week 2 ≤ 0.95", value: fixed(early), met: early <= 0.95),
        ]
    }

    /// The offline assistant's goals on its labelled set; a figure with nothing to count is missed.
    public static func assistant(_ e: AssistantEvaluation) -> [EvaluationTarget] {
        let goals: [(name: String, value: Double?, goal: Double)] = [
            ("resolution ≥ 85%", e.resolutionRate, 0.85), ("precision ≥ 97%", e.precision, 0.97), ("hand-off recall 100%", e.handoffRecall, 1.0),
            ("out-of-scope refusal ≥ 95%", e.outOfScopeRefusal, 0.95),
        ]
        return goals.map { EvaluationTarget(name: $0.name, value: percent($0.value), met: ($0.value ?? 0) >= $0.goal) }
    }

    /// The homework checker's goal: its own verdicts agree with the hand grading item by item.
    public static func homework(agreement: Double) -> EvaluationTarget {
        EvaluationTarget(name: "item agreement ≥ 97%", value: percent(agreement), met: agreement >= 0.97)
    }

    /// «0.812», or «—» when there is no figure.
    public static func fixed(_ v: Double?, digits: Int = 3) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "—" }

    /// «85.3%», or «—» when there is no figure.
    public static func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
}
