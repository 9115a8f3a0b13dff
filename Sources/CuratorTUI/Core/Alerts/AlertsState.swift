import Domain

/// The alerts pane: the first open alerts (the counters are over the whole mirror) and the selected row.
public struct AlertsState: Sendable {
    public var lines: [AlertLine] = []
    public var selection = 0

    public init() {}

    public var selected: AlertLine? { lines.indices.contains(selection) ? lines[selection] : nil }
}
