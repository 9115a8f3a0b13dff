import Foundation

/// The status bar's counters, over the whole mirror (the alerts pane loads only the first ones):
/// open alerts, those nobody has acknowledged or marked yet, write-backs still to be sent, and
/// checked homework waiting for the curator.
public struct StatusCounts: Sendable, Equatable {
    public var openAlerts = 0
    public var unacknowledgedAlerts = 0
    public var outboxWaiting = 0
    public var homeworkWaiting = 0

    public init() {}
}
