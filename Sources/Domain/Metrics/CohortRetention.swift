/// Students grouped by the period they enrolled in, and the share of each group active in every
/// period since (the first column is the enrolment period itself).
public struct CohortRow: Sendable, Equatable, Encodable {
    public var cohort: String
    public var size: Int
    /// `active[k]`: share of the cohort active in its k-th period; as many as have begun by now.
    public var active: [Double]

    /// `activeSets[k]`: who was active in `spans[k]`.
    static func compute(_ histories: [StudentHistory], spans: [PeriodSpan], activeSets: [Set<Int64>], now: Double) -> [CohortRow] {
        let index = SpanIndex(spans)
        var members = Array(repeating: [Int64](), count: spans.count)
        for h in histories where h.enrolledAt <= now {
            if let i = index.index(of: h.enrolledAt) { members[i].append(h.studentId) }
        }
        return spans.indices.compactMap { c in
            guard !members[c].isEmpty else { return nil }
            let active = (c..<spans.count).map { k in
                Double(members[c].filter(activeSets[k].contains).count) / Double(members[c].count)
            }
            return CohortRow(cohort: spans[c].label, size: members[c].count, active: active)
        }
    }
}
