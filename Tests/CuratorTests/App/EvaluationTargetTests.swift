import CuratorApp
import Domain
import Foundation
import Testing

/// The evaluations' goals, met and missed, as the evaluate commands print them.
@Suite struct EvaluationTargetTests {
    /// A scorer's figures as `curator risk evaluate --json` writes them.
    static func result(_ scorer: String, auc: [Int: Double], precisionAt10: Double? = nil, baseRate: Double = 0.1,
                       calibrationError: Double? = nil) throws -> RiskEvaluation.Result {
        var object: [String: Any] = ["scorer": scorer, "aucByWeek": Dictionary(uniqueKeysWithValues: auc.map { (String($0.key), $0.value) }),
                                     "baseRate": baseRate, "snapshots": 100]
        if let precisionAt10 { object["precisionAt10"] = precisionAt10 }
        if let calibrationError { object["calibrationError"] = calibrationError }
        return try JSONDecoder().decode(RiskEvaluation.Result.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// The model, its priors, days since activity and the classic rules, as the command orders them.
    static func riskResults(model auc: [Int: Double], precisionAt10: Double?, calibrationError: Double?, baselines: Double) throws -> [RiskEvaluation.Result] {
        try [result("model", auc: auc, precisionAt10: precisionAt10, calibrationError: calibrationError),
             result("priors", auc: [4: 0.6]), result("days since activity", auc: [4: baselines]), result("classic rules", auc: [4: baselines])]
    }

    @Test func aGoodModelMeetsEveryRiskGoal() throws {
        let targets = try EvaluationTarget.risk(Self.riskResults(model: [2: 0.7, 4: 0.82], precisionAt10: 0.5, calibrationError: 0.03, baselines: 0.72))
        #expect(targets.map(\.line) == [
            "✓ AUC at week 4 ≥ 0.75: 0.820",
            "✓ AUC at week 4 ≥ baselines + 0.03: 0.820 vs 0.720, 0.720",
            "✓ precision@10 ≥ 2.5× base rate: 5.0×",
            "✓ calibration error ≤ 0.05: 0.030",
            "✓ no leakage: AUC at week 2 ≤ 0.95: 0.700",
        ])
    }

    @Test func aWeakModelMissesEveryRiskGoal() throws {
        let targets = try EvaluationTarget.risk(Self.riskResults(model: [2: 0.97, 4: 0.74], precisionAt10: 0.2, calibrationError: nil, baselines: 0.73))
        #expect(targets.map(\.line) == [
            "✗ AUC at week 4 ≥ 0.75: 0.740",
            "✗ AUC at week 4 ≥ baselines + 0.03: 0.740 vs 0.730, 0.730",
            "✗ precision@10 ≥ 2.5× base rate: 2.0×",
            "✗ calibration error ≤ 0.05: —",
            "✗ no leakage: AUC at week 2 ≤ 0.95: 0.970",
        ])
    }

    @Test func leakageAloneIsAMissedGoal() throws {
        let targets = try EvaluationTarget.risk(Self.riskResults(model: [2: 0.97, 4: 0.98], precisionAt10: 0.5, calibrationError: 0.03, baselines: 0.72))
        #expect(targets.filter { !$0.met }.map(\.name) == ["no leakage: AUC at week 2 ≤ 0.95"])
    }

    static let questions = [
        LabelledQuestion(expected: .answer(["kb-001"]), text: "где тест", line: 1),
        LabelledQuestion(expected: .answer(["kb-002"]), text: "как оплатить", line: 2),
        LabelledQuestion(expected: .handoff, text: "верните деньги", line: 3),
        LabelledQuestion(expected: .outOfScope, text: "какая погода", line: 4),
    ]

    /// The assistant's evaluation when it replies to each question of `questions` as `replies` says.
    static func assistant(_ replies: [String: AssistantReply]) -> AssistantEvaluation {
        AssistantEvaluation.evaluate(questions) { replies[$0]! }
    }

    static func answer(_ article: String) -> AssistantReply {
        AssistantReply(action: .answer, text: "", sources: [article], confidence: 0.9, handoffReason: nil)
    }

    static let handoff = AssistantReply(action: .handoff, text: "", sources: [], confidence: 0.2, handoffReason: .refund)
    static let clarify = AssistantReply(action: .clarify, text: "", sources: [], confidence: 0.4, handoffReason: nil)

    @Test func anAssistantRightEverywhereMeetsItsGoals() {
        let e = Self.assistant(["где тест": Self.answer("kb-001"), "как оплатить": Self.answer("kb-002"), "верните деньги": Self.handoff, "какая погода": Self.clarify])
        #expect(EvaluationTarget.assistant(e).map(\.line) == ["✓ resolution ≥ 85%: 100.0%", "✓ precision ≥ 97%: 100.0%", "✓ hand-off recall 100%: 100.0%",
                                                               "✓ out-of-scope refusal ≥ 95%: 100.0%"])
    }

    @Test func anAssistantAnsweringWronglyMissesItsGoals() {
        let e = Self.assistant(["где тест": Self.answer("kb-001"), "как оплатить": Self.answer("kb-009"), "верните деньги": Self.answer("kb-003"),
                                "какая погода": Self.answer("kb-004")])
        #expect(EvaluationTarget.assistant(e).map(\.line) == ["✗ resolution ≥ 85%: 50.0%", "✗ precision ≥ 97%: 25.0%", "✗ hand-off recall 100%: 0.0%",
                                                               "✗ out-of-scope refusal ≥ 95%: 0.0%"])
    }

    @Test func aFigureWithNothingToCountIsMissed() {
        let e = AssistantEvaluation.evaluate(Array(Self.questions.prefix(2))) { _ in Self.clarify }
        #expect(EvaluationTarget.assistant(e).map(\.line) == ["✗ resolution ≥ 85%: 0.0%", "✗ precision ≥ 97%: —", "✗ hand-off recall 100%: —",
                                                               "✗ out-of-scope refusal ≥ 95%: —"])
    }

    @Test func theCheckerMeetsItsGoalAt97Percent() {
        #expect(EvaluationTarget.homework(agreement: 0.97) == EvaluationTarget(name: "item agreement ≥ 97%", value: "97.0%", met: true))
    }

    @Test func theCheckerMissesItsGoalBelow97Percent() {
        #expect(EvaluationTarget.homework(agreement: 0.95).line == "✗ item agreement ≥ 97%: 95.0%")
    }
}
