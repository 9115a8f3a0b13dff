import Foundation

/// The figures in Russian, as the report, the command and the dashboard print them.
public enum MetricsText {
    /// «1 144 ₽», whole rubles.
    public static func rub(_ rub: Double) -> String {
        guard rub.isFinite else { return "—" }
        return Money.format(kopecks: Int64((rub).rounded()) * 100) + " ₽"
    }

    public static func rub(kopecks: Int64) -> String { rub(Double(kopecks) / 100) }

    /// Compact for a table cell: «40 с», «12 мин», «3,5 ч», «1,8 дн.».
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        let s = max(0, seconds)
        switch s {
        case ..<60: return "\(Int(s.rounded())) с"
        case ..<3600: return "\(Int((s / 60).rounded())) мин"
        case ..<86400: return decimal(s / 3600) + " ч"
        default: return decimal(s / 86400) + " дн."
        }
    }

    /// «12 мин / 3 ч» (median / p90), «—» when nothing was counted.
    public static func medianAndP90(_ d: DurationSummary) -> String {
        d.count == 0 ? "—" : "\(duration(d.median)) / \(duration(d.p90))"
    }

    /// «0,4», «12» — one decimal, Russian comma.
    public static func decimal(_ v: Double?, digits: Int = 1) -> String {
        guard let v, v.isFinite else { return "—" }
        return String(format: "%.\(digits)f", v).replacingOccurrences(of: ".", with: ",")
    }

    /// «ноя 2026», or «дек 2026 (идёт)» for the period running now.
    public static func periodLabel(_ f: PeriodFigures) -> String { f.period.label + (f.complete ? "" : " (идёт)") }

    /// Retention with a mark when the next period is still running (the figure can still rise).
    public static func retention(_ f: PeriodFigures) -> String {
        guard let r = f.retention else { return "—" }
        return Percent.text(r) + (f.retentionFinal ? "" : "*")
    }

    /// One line of the money view: what, how much, and the assumption behind it.
    public struct ROILine: Sendable, Equatable {
        public var label: String
        public var value: String
        public var basis: String
    }

    public static func roiLines(_ r: ROIReport) -> [ROILine] {
        let a = r.assumptions
        let answers = RussianPlural.count(r.automaticAnswers, "ответ", "ответа", "ответов")
        let checks = RussianPlural.count(r.automaticChecks, "проверка", "проверки", "проверок")
        var lines = [
            ROILine(label: "Время куратора", value: "\(decimal(r.hoursSaved)) ч = \(rub(r.savedRub))",
                    basis: "\(answers) ассистента × \(decimal(a.minutesPerAnswer, digits: 0)) мин + \(checks) домашек × \(decimal(a.minutesPerCheck, digits: 0)) мин, \(rub(a.hourlyRateRub))/ч"),
            ROILine(label: "Доля ставки", value: Percent.text(r.curatorShare),
                    basis: "сэкономленные часы от ставки куратора \(decimal(a.curatorHoursPerWeek, digits: 0)) ч/нед."),
        ]
        let months = r.months.map { "\($0.month) \(Percent.text($0.retention))" }.joined(separator: ", ")
        lines.append(ROILine(label: "Удержанная выручка", value: rub(r.revenueKeptRub),
                             basis: r.months.isEmpty ? "нет месяца с окончательным удержанием"
                                : "удержание сверх \(Percent.text(a.baselineRetention)) (\(months)): \(decimal(r.keptStudents)) уч. × платёж активного ученика в след. месяце"))
        lines.append(ROILine(label: "Затраты на модель", value: rub(r.modelCostRub),
                             basis: "\(r.promptTokens) + \(r.completionTokens) токенов × \(decimal(a.promptRubPerMillion, digits: 0)) / \(decimal(a.completionRubPerMillion, digits: 0)) ₽ за млн"))
        lines.append(ROILine(label: "Итог", value: (r.netRub >= 0 ? "+" : "") + rub(r.netRub),
                             basis: r.roi.map { "ROI \(Percent.text($0)) на вложенный рубль" } ?? "ROI не определён: затрат на модель не было"))
        return lines
    }
}
