/// What the money figures assume. Every one is shown beside the result and can be set by flag or
/// in the config file; the defaults are stated estimates, not measurements.
public struct ROIAssumptions: Sendable, Equatable, Codable {
    /// Curator minutes one student question takes to answer by hand.
    public var minutesPerAnswer: Double = 5
    /// Curator minutes one homework takes to check by hand.
    public var minutesPerCheck: Double = 10
    /// A curator hour's cost, ₽.
    public var hourlyRateRub: Double = 500
    /// Monthly retention before Curator; only retention above it counts as revenue kept.
    public var baselineRetention: Double = 0.85
    /// Model price per million tokens, ₽.
    public var promptRubPerMillion: Double = 15
    public var completionRubPerMillion: Double = 60
    /// A full-time curator's week, hours (for "hours saved" as a share of one curator).
    public var curatorHoursPerWeek: Double = 40

    public init() {}

    /// The names the config file and JSON use.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case minutesPerAnswer = "minutes_per_answer", minutesPerCheck = "minutes_per_check", hourlyRateRub = "hourly_rate_rub"
        case baselineRetention = "baseline_retention_percent", promptRubPerMillion = "prompt_rub_per_million"
        case completionRubPerMillion = "completion_rub_per_million", curatorHoursPerWeek = "curator_hours_per_week"
    }

    /// An assumption in the config file's units (the baseline in percent).
    public subscript(key: CodingKeys) -> Double {
        get {
            switch key {
            case .minutesPerAnswer: minutesPerAnswer
            case .minutesPerCheck: minutesPerCheck
            case .hourlyRateRub: hourlyRateRub
            case .baselineRetention: baselineRetention * 100
            case .promptRubPerMillion: promptRubPerMillion
            case .completionRubPerMillion: completionRubPerMillion
            case .curatorHoursPerWeek: curatorHoursPerWeek
            }
        }
        set {
            switch key {
            case .minutesPerAnswer: minutesPerAnswer = newValue
            case .minutesPerCheck: minutesPerCheck = newValue
            case .hourlyRateRub: hourlyRateRub = newValue
            case .baselineRetention: baselineRetention = newValue / 100
            case .promptRubPerMillion: promptRubPerMillion = newValue
            case .completionRubPerMillion: completionRubPerMillion = newValue
            case .curatorHoursPerWeek: curatorHoursPerWeek = newValue
            }
        }
    }

    /// A config file may set any of them; the rest keep their defaults.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        for key in CodingKeys.allCases { if let v = try c.decodeIfPresent(Double.self, forKey: key) { self[key] = v } }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        for key in CodingKeys.allCases { try c.encode(self[key], forKey: key) }
    }

    /// What a value of `key` must be, in the config file's units, in words.
    public static func rule(_ key: CodingKeys) -> String {
        switch key {
        case .baselineRetention: "must be from 0 to 100"
        case .curatorHoursPerWeek: "must be a number > 0"
        default: "must be a number ≥ 0"
        }
    }

    public static func accepts(_ key: CodingKeys, _ v: Double) -> Bool {
        guard v.isFinite else { return false }
        switch key {
        case .baselineRetention: return (0...100).contains(v)
        case .curatorHoursPerWeek: return v > 0
        default: return v >= 0
        }
    }

    /// The first assumption out of range, in words, or nil when all are usable.
    public var problem: String? {
        CodingKeys.allCases.first { !Self.accepts($0, self[$0]) }.map { "\($0.rawValue) \(Self.rule($0)), got \(self[$0])" }
    }
}

/// The money side over the report's range: curator time the automation saved, revenue kept by
/// retention above the baseline, and what the model cost.
public struct ROIReport: Sendable, Equatable, Encodable {
    public var assumptions: ROIAssumptions
    /// Questions the assistant answered itself, and homework the checker decided.
    public var automaticAnswers: Int
    public var automaticChecks: Int
    public var hoursSaved: Double
    public var savedRub: Double
    /// Hours saved as a share of one full-time curator over the range.
    public var curatorShare: Double?

    /// Months whose next month is over: their retention is final.
    public var months: [MonthRetention]
    /// Σ over those months of (retention − baseline) × active students, where above the baseline.
    public var keptStudents: Double
    /// Σ of each month's kept students × what an active student paid on average the month after.
    public var revenueKeptRub: Double

    public var promptTokens: Int
    public var completionTokens: Int
    public var modelCostRub: Double

    /// Saved plus kept, less the model's cost.
    public var netRub: Double
    /// Net benefit per ruble spent; nil when nothing was spent.
    public var roi: Double?

    public struct MonthRetention: Sendable, Equatable, Encodable {
        public var month: String
        public var activeStudents: Int
        public var retention: Double
        /// What an active student paid on average in the month after, ₽.
        public var nextMonthRevenuePerStudentRub: Double
    }

    static func compute(_ r: MetricsRecords, questions: [AskedQuestion], range: PeriodSpan, months: [PeriodFigures],
                        assumptions a: ROIAssumptions, now: Double) -> ROIReport {
        let answers = questions.filter { range.contains($0.askedAt) && $0.answeredByAssistant && ($0.repliedAt ?? .infinity) <= now }.count
        let checks = r.homework.filter { $0.reviewer.isAutomatic && ($0.verdictAt.map { range.contains($0) && $0 <= now } ?? false) }.count
        let hours = Double(answers) * a.minutesPerAnswer / 60 + Double(checks) * a.minutesPerCheck / 60
        let weeks = max(0, min(range.end, now) - range.start) / (7 * 86400)

        var kept = 0.0, revenueKept = 0.0
        var retained: [MonthRetention] = []
        for (i, m) in months.enumerated() where m.retentionFinal && i + 1 < months.count && range.contains(m.period.start) {
            guard let retention = m.retention else { continue }
            let next = months[i + 1]
            let perStudent = next.activeStudents == 0 ? 0 : Double(next.revenueKopecks) / 100 / Double(next.activeStudents)
            retained.append(MonthRetention(month: m.period.label, activeStudents: m.activeStudents, retention: retention,
                                           nextMonthRevenuePerStudentRub: perStudent))
            let extra = max(0, retention - a.baselineRetention) * Double(m.activeStudents)
            kept += extra
            revenueKept += extra * perStudent
        }

        let used = r.tokens.filter { range.contains($0.at) && $0.at <= now }
        let prompt = used.reduce(0) { $0 + $1.prompt }, completion = used.reduce(0) { $0 + $1.completion }
        let saved = hours * a.hourlyRateRub
        let cost = Double(prompt) / 1e6 * a.promptRubPerMillion + Double(completion) / 1e6 * a.completionRubPerMillion
        let net = saved + revenueKept - cost
        return ROIReport(assumptions: a, automaticAnswers: answers, automaticChecks: checks, hoursSaved: hours, savedRub: saved,
                         curatorShare: weeks > 0 ? hours / (a.curatorHoursPerWeek * weeks) : nil,
                         months: retained, keptStudents: kept, revenueKeptRub: revenueKept,
                         promptTokens: prompt, completionTokens: completion, modelCostRub: cost, netRub: net, roi: cost > 0 ? net / cost : nil)
    }
}
