import Foundation

public enum AlertSeverity: String, Codable, Sendable, Comparable {
    case warning, high

    public static func < (a: AlertSeverity, b: AlertSeverity) -> Bool { a == .warning && b == .high }

    public var russian: String { self == .high ? "важно" : "внимание" }
}

/// The early-warning rules. Thresholds are the common ones in the field (design.md).
public enum AlertRule: String, Codable, Sendable, CaseIterable {
    case inactive5 = "inactive_5d"
    case inactive11 = "inactive_11d"
    case missedDeadline = "missed_deadline"
    case scoresBelowGroup = "scores_below_group"
    case riskHigh = "risk_high"
    case unansweredMessage = "unanswered_message"
    case packageEnding = "package_ending"
    case paymentFailed = "payment_failed"
    /// The assistant handed a student's question to the curator, who has not answered yet.
    case handoff = "assistant_handoff"

    public var severity: AlertSeverity {
        switch self {
        case .inactive11, .riskHigh, .paymentFailed, .handoff: .high
        case .inactive5, .missedDeadline, .scoresBelowGroup, .unansweredMessage, .packageEnding: .warning
        }
    }

    /// Rules sharing a cause: the more severe one hides the other. The cause is named by its severest rule.
    public var cause: AlertRule {
        switch self {
        case .inactive5: .inactive11
        // A message the assistant handed over and nobody answered: one alert, the hand-off.
        case .unansweredMessage: .handoff
        default: self
        }
    }

    /// Position in `allCases`, for cheap ordering and hashing.
    public var order: Int {
        switch self {
        case .inactive5: 0
        case .inactive11: 1
        case .missedDeadline: 2
        case .scoresBelowGroup: 3
        case .riskHigh: 4
        case .unansweredMessage: 5
        case .packageEnding: 6
        case .paymentFailed: 7
        case .handoff: 8
        }
    }

    /// The alert's specifics in words, from the one number that describes them.
    public func detail(_ value: Int) -> String {
        switch self {
        case .inactive5, .inactive11: "не заходит \(RussianPlural.days(value))"
        case .missedDeadline: value == 1 ? "не сдана домашка к сроку" : "пропущены \(RussianPlural.count(value, "домашка", "домашки", "домашек")) подряд"
        case .scoresBelowGroup: "оценки ниже группы на \(value)%"
        case .riskHigh: "риск ухода \(value)%"
        case .unansweredMessage: "ждёт ответа \(RussianPlural.days(value))"
        case .packageEnding: RiskFeature.daysToPackageEnd.reason(Double(value))
        case .paymentFailed: "неудачная или отменённая оплата за последние 30 дней"
        case .handoff: value <= 1 ? "вопрос ученика ждёт куратора" : "\(RussianPlural.count(value, "вопрос", "вопроса", "вопросов")) ждут куратора"
        }
    }

    public var title: String {
        switch self {
        case .inactive5: "нет активности 5+ дней"
        case .inactive11: "нет активности 11+ дней"
        case .missedDeadline: "пропущен срок домашки"
        case .scoresBelowGroup: "оценки на 25% ниже группы"
        case .riskHigh: "риск ухода вырос до высокого"
        case .unansweredMessage: "сообщение без ответа 24+ ч"
        case .packageEnding: "пакет заканчивается, продления нет"
        case .paymentFailed: "оплата не прошла или отменена"
        case .handoff: "ассистент передал вопрос куратору"
        }
    }
}

/// A rule that holds for a student now. `value` carries the specifics (days, count, percent);
/// the words are rendered only for alerts that open or change.
public struct AlertCondition: Sendable, Equatable {
    public var studentId: Int64
    public var rule: AlertRule
    public var value: Int

    public init(studentId: Int64, rule: AlertRule, value: Int = 0) {
        self.studentId = studentId
        self.rule = rule
        self.value = value
    }

    public var detail: String { rule.detail(value) }
}

/// Which rules hold, from a student's features and score (already computed as of now). Emitted in
/// rule order, so the conditions of students scored in id order come out sorted.
public enum AlertConditions {
    public static func evaluate(_ score: RiskScore, handoffs: Int = 0) -> [AlertCondition] {
        var out: [AlertCondition] = []
        evaluate(score, handoffs: handoffs, into: &out)
        return out
    }

    /// `handoffs`: the student's questions the assistant handed to the curator, still unanswered.
    public static func evaluate(_ score: RiskScore, handoffs: Int = 0, into out: inout [AlertCondition]) {
        defer { if handoffs > 0 { out.append(.init(studentId: score.studentId, rule: .handoff, value: handoffs)) } }
        let x = score.features
        // A missing feature (NaN) fails every comparison below: no rule holds on what is not known.
        func v(_ f: RiskFeature) -> Double { x[f.rawValue] }
        let id = score.studentId
        let idle = Int(v(.daysSinceActivity))
        if idle >= 11 {
            out.append(.init(studentId: id, rule: .inactive11, value: idle))
        } else if idle >= 5 {
            out.append(.init(studentId: id, rule: .inactive5, value: idle))
        }
        // A student who has left keeps the inactivity alert (its cause is still there) and nothing else.
        if score.hasLeft { return }
        if v(.consecutiveMissed) >= 1 { out.append(.init(studentId: id, rule: .missedDeadline, value: Int(v(.consecutiveMissed)))) }
        if v(.scoreGapToGroup) >= 0.25 { out.append(.init(studentId: id, rule: .scoresBelowGroup, value: Percent.whole(v(.scoreGapToGroup)))) }
        if score.level == .high { out.append(.init(studentId: id, rule: .riskHigh, value: Percent.whole(score.probability))) }
        if v(.unansweredDays) >= 1 { out.append(.init(studentId: id, rule: .unansweredMessage, value: Int(v(.unansweredDays)))) }
        let left = v(.daysToPackageEnd)
        if left >= 0 && left <= 7 { out.append(.init(studentId: id, rule: .packageEnding, value: Int(left.rounded(.down)))) }
        if v(.failedPayment) > 0 { out.append(.init(studentId: id, rule: .paymentFailed, value: 1)) }
    }
}
