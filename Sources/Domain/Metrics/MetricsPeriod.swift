import Foundation

/// The buckets metrics are counted in: calendar weeks (from Monday), months or quarters of the
/// school's clock (AccountTime's fixed offset).
public enum MetricsPeriod: String, CaseIterable, Sendable, Codable {
    case week, month, quarter

    public var title: String {
        switch self {
        case .week: "неделя"
        case .month: "месяц"
        case .quarter: "квартал"
        }
    }

    /// How many of them a report shows when no start is given.
    public var defaultCount: Int {
        switch self {
        case .week: 12
        case .month: 6
        case .quarter: 4
        }
    }

    /// The next in the dashboard's period switch.
    public var next: MetricsPeriod {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// One bucket, [start, end) in seconds since 1970.
public struct PeriodSpan: Sendable, Equatable, Encodable {
    public var start: Double
    public var end: Double
    /// «23.11–29.11», «ноя 2026», «IV кв. 2026».
    public var label: String

    public init(start: Double, end: Double, label: String) {
        self.start = start
        self.end = end
        self.label = label
    }

    public func contains(_ t: Double) -> Bool { t >= start && t < end }

    enum CodingKeys: String, CodingKey { case start, end, label }

    /// Start and end as ISO 8601 on the school's clock.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(AccountTime.moscow.iso8601(Date(timeIntervalSince1970: start)), forKey: .start)
        try c.encode(AccountTime.moscow.iso8601(Date(timeIntervalSince1970: end)), forKey: .end)
        try c.encode(label, forKey: .label)
    }
}

/// Period boundaries on the school's clock.
public struct PeriodCalendar: Sendable {
    public var time: AccountTime

    public init(_ time: AccountTime = .moscow) { self.time = time }

    /// The periods from the one holding `from` through the one holding `now`, oldest first.
    public func spans(_ period: MetricsPeriod, from: Double, through now: Double) -> [PeriodSpan] {
        var out: [PeriodSpan] = []
        var start = self.start(of: min(from, now), period)
        while start <= now {
            let end = advance(start, period, by: 1)
            out.append(PeriodSpan(start: start, end: end, label: label(start, period)))
            start = end
        }
        return out
    }

    /// The start of the period holding `t`.
    public func start(of t: Double, _ period: MetricsPeriod) -> Double {
        let day = localDay(t)
        switch period {
        case .week:
            // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
            let weekday = ((day % 7) + 7 + 3) % 7
            return instant(day - weekday)
        case .month, .quarter:
            let (y, m, _) = AccountTime.civilFromDays(day)
            let first = period == .month ? m : (m - 1) / 3 * 3 + 1
            return instant(AccountTime.daysFromCivil(y, first, 1))
        }
    }

    /// `n` periods after the period starting at `start`.
    public func advance(_ start: Double, _ period: MetricsPeriod, by n: Int) -> Double {
        let day = localDay(start)
        switch period {
        case .week: return instant(day + 7 * n)
        case .month, .quarter:
            let (y, m, _) = AccountTime.civilFromDays(day)
            let months = (y * 12 + m - 1) + n * (period == .month ? 1 : 3)
            return instant(AccountTime.daysFromCivil(months / 12, months % 12 + 1, 1))
        }
    }

    private static let monthNames = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]

    func label(_ start: Double, _ period: MetricsPeriod) -> String {
        let day = localDay(start)
        let (y, m, d) = AccountTime.civilFromDays(day)
        switch period {
        case .week:
            let (_, m2, d2) = AccountTime.civilFromDays(day + 6)
            return String(format: "%02d.%02d–%02d.%02d", d, m, d2, m2)
        case .month: return "\(Self.monthNames[m - 1]) \(y)"
        case .quarter: return "\(["I", "II", "III", "IV"][(m - 1) / 3]) кв. \(y)"
        }
    }

    private func localDay(_ t: Double) -> Int { Int(((t + Double(time.utcOffsetSeconds)) / 86400).rounded(.down)) }

    private func instant(_ localDay: Int) -> Double { Double(localDay * 86400 - time.utcOffsetSeconds) }
}

/// Which span of a sorted, contiguous list holds a moment (binary search over the starts).
struct SpanIndex {
    let starts: [Double]
    let end: Double

    init(_ spans: [PeriodSpan]) {
        starts = spans.map(\.start)
        end = spans.last?.end ?? 0
    }

    func index(of t: Double) -> Int? {
        guard let first = starts.first, t >= first, t < end else { return nil }
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= t { lo = mid } else { hi = mid }
        }
        return lo
    }
}
