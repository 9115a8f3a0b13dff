/// The school's results over a range, period by period, with cohorts and the money view — all
/// computed from the mirror's records, nothing typed in.
public struct SchoolMetrics: Sendable, Equatable, Codable {
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
        let periods = PeriodFigures.compute(r, questions: questions, spans: spans, now: now)
        let range = PeriodSpan(start: spans.first!.start, end: spans.last!.end, label: "\(spans.first!.label) — \(spans.last!.label)")
        let total = PeriodFigures.compute(r, questions: questions, spans: [range], now: now)[0]
        let months = period == .month ? periods
            : PeriodFigures.compute(r, questions: questions, spans: calendar.spans(.month, from: range.start, through: now), now: now)
        return SchoolMetrics(period: period, now: now, periods: periods, total: total,
                             cohorts: CohortRow.compute(r.histories, spans: spans, now: now),
                             roi: ROIReport.compute(r, questions: questions, range: range, months: months, assumptions: assumptions, now: now))
    }

    /// `since` for the last `count` periods, the current one included.
    public static func since(periods count: Int, of period: MetricsPeriod, now: Double, calendar: PeriodCalendar = PeriodCalendar()) -> Double {
        calendar.advance(calendar.start(of: now, period), period, by: -(max(1, count) - 1))
    }
}
