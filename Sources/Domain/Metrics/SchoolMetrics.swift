import Foundation

/// The school's results over a range, period by period, with cohorts and the money view — all
/// computed from the mirror's records, nothing typed in.
public struct SchoolMetrics: Sendable, Equatable, Encodable {
    public var period: MetricsPeriod
    public var now: Double
    public var periods: [PeriodFigures]
    /// The same figures over the whole range (retention is per period, so nil here).
    public var total: PeriodFigures
    public var cohorts: [CohortRow]
    public var roi: ROIReport

    /// The figures by `period` from the one holding `since` through the one running at `now`.
    public static func compute(_ r: MetricsRecords, period: MetricsPeriod, since: Double, now: Double,
                               assumptions: ROIAssumptions = ROIAssumptions(), calendar: PeriodCalendar = PeriodCalendar()) -> SchoolMetrics {
        let spans = calendar.spans(period, from: since, through: now)
        let questions = AskedQuestion.build(r.messages, decisions: r.decisions)
        // Who was active when: once, for the periods and the cohorts.
        let active = StudentActivity.activeSets(r.histories, index: SpanIndex(spans), now: now)
        let periods = PeriodFigures.compute(r, questions: questions, spans: spans, active: active, now: now)
        let range = PeriodSpan(start: spans.first!.start, end: spans.last!.end, label: "\(spans.first!.label) — \(spans.last!.label)")
        let total = PeriodFigures.compute(r, questions: questions, spans: [range], now: now)[0]
        let months = period == .month ? periods
            : PeriodFigures.compute(r, questions: questions, spans: calendar.spans(.month, from: range.start, through: now), now: now)
        return SchoolMetrics(period: period, now: now, periods: periods, total: total,
                             cohorts: CohortRow.compute(r.histories, spans: spans, activeSets: active, now: now),
                             roi: ROIReport.compute(r, questions: questions, range: range, months: months, assumptions: assumptions, now: now))
    }

    enum CodingKeys: String, CodingKey { case period, asOf, periods, total, cohorts, roi }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(period, forKey: .period)
        try c.encode(AccountTime.moscow.iso8601(Date(timeIntervalSince1970: now)), forKey: .asOf)
        try c.encode(periods, forKey: .periods)
        try c.encode(total, forKey: .total)
        try c.encode(cohorts, forKey: .cohorts)
        try c.encode(roi, forKey: .roi)
    }

    /// The default range: the period's `defaultCount` last periods, but not before the period of the
    /// first enrolment (a young school's report does not open with empty months).
    public static func defaultSince(_ r: MetricsRecords, of period: MetricsPeriod, now: Double, calendar: PeriodCalendar = PeriodCalendar()) -> Double {
        let first = r.histories.map(\.enrolledAt).filter { $0 <= now }.min() ?? now
        return max(since(periods: period.defaultCount, of: period, now: now, calendar: calendar), calendar.start(of: first, period))
    }

    /// `since` for the last `count` periods, the current one included.
    public static func since(periods count: Int, of period: MetricsPeriod, now: Double, calendar: PeriodCalendar = PeriodCalendar()) -> Double {
        calendar.advance(calendar.start(of: now, period), period, by: -(max(1, count) - 1))
    }
}
