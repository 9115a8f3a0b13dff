import Domain

/// The metrics screen: the school's figures for a period, laid out as lines, scrolled by lines.
public struct MetricsState: Sendable {
    public var period: MetricsPeriod = .month
    public var figures: SchoolMetrics?
    /// The figures as the screen's lines at the current width (laid out when figures or size change).
    public var document = MetricsDocument()
    public var scroll = 0

    public init() {}
}
