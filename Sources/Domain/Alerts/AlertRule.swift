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

    public var severity: AlertSeverity {
        switch self {
        case .inactive11, .riskHigh, .paymentFailed: .high
        case .inactive5, .missedDeadline, .scoresBelowGroup, .unansweredMessage, .packageEnding: .warning
        }
    }

    /// Rules sharing a cause: the more severe one hides the other.
    public var cause: String {
        switch self {
        case .inactive5, .inactive11: "inactivity"
        default: rawValue
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
        }
    }
}

/// A rule that holds for a student now, with the specifics in words.
public struct AlertCondition: Sendable, Equatable {
    public var studentId: Int64
    public var rule: AlertRule
    public var detail: String

    public init(studentId: Int64, rule: AlertRule, detail: String) {
        self.studentId = studentId
        self.rule = rule
        self.detail = detail
    }
}

/// Which rules hold, from a student's features and score (already computed as of now).
public enum AlertConditions {
    public static func evaluate(_ score: RiskScore) -> [AlertCondition] {
        let x = score.features
        func v(_ f: RiskFeature) -> Double { x[f.rawValue] }
        let id = score.studentId
        var out: [AlertCondition] = []
        let idle = Int(v(.daysSinceActivity))
        if idle >= 11 {
            out.append(.init(studentId: id, rule: .inactive11, detail: "не заходил \(RussianPlural.days(idle))"))
        } else if idle >= 5 {
            out.append(.init(studentId: id, rule: .inactive5, detail: "не заходил \(RussianPlural.days(idle))"))
        }
        // A student who has left keeps the inactivity alert (its cause is still there) and nothing else.
        if score.hasLeft { return out }
        let missed = Int(v(.consecutiveMissed))
        if missed >= 1 {
            out.append(.init(studentId: id, rule: .missedDeadline, detail: missed == 1 ? "не сдана домашка к сроку"
                             : "пропущены \(RussianPlural.count(missed, "домашка", "домашки", "домашек")) подряд"))
        }
        if v(.scoreGapToGroup) >= 0.25 {
            out.append(.init(studentId: id, rule: .scoresBelowGroup, detail: "оценки ниже группы на \(Int((v(.scoreGapToGroup) * 100).rounded()))%"))
        }
        if score.level == .high {
            out.append(.init(studentId: id, rule: .riskHigh, detail: "риск \(Int((score.probability * 100).rounded()))%: "
                             + score.reasons.map(\.text).joined(separator: ", ")))
        }
        if v(.unansweredDays) >= 1 {
            out.append(.init(studentId: id, rule: .unansweredMessage, detail: "ждёт ответа \(RussianPlural.days(Int(v(.unansweredDays))))"))
        }
        let left = v(.daysToPackageEnd)
        if left >= 0 && left <= 7 {
            out.append(.init(studentId: id, rule: .packageEnding, detail: RiskFeature.daysToPackageEnd.reason(left.rounded(.down))))
        }
        if v(.failedPayment) > 0 {
            out.append(.init(studentId: id, rule: .paymentFailed, detail: "неудачная или отменённая оплата за последние 30 дней"))
        }
        return out
    }
}
