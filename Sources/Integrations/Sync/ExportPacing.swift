import Foundation

/// When to poll a legacy export. Each poll costs one of the account's 100 requests per 2 hours, so
/// the first comes about when this kind of export is built, as the account has shown: the time it
/// last took, shortened while it keeps being ready at the first poll, but never below what it once
/// was not ready by (that floor fades slowly, for an account that gets faster). A not-ready export
/// is polled again after half the time it has had so far (at least a second, at most `longest`).
struct ExportPacing: Equatable {
    /// Seconds after the start to poll first.
    var expected: TimeInterval
    /// An export of this kind was once not ready this long after its start.
    var floor: TimeInterval

    static func initial(_ firstPollDelay: TimeInterval) -> ExportPacing { ExportPacing(expected: firstPollDelay, floor: 0) }

    /// What this export taught: ready at the first poll, or first seen ready `elapsed` after its start.
    func learned(elapsed: TimeInterval, firstPollReady: Bool) -> ExportPacing {
        if firstPollReady { return ExportPacing(expected: max(floor * 1.25, min(expected, elapsed) * 0.7, 0.05), floor: floor * 0.98) }
        return ExportPacing(expected: elapsed, floor: max(floor, expected))
    }

    static func nextWait(elapsed: TimeInterval, longest: TimeInterval) -> TimeInterval {
        min(longest, max(min(1, longest), elapsed * 0.5))
    }

    /// As kept in the mirror's meta table.
    var stored: String { String(format: "%.3f %.3f", expected, floor) }

    init(expected: TimeInterval, floor: TimeInterval) {
        self.expected = expected
        self.floor = floor
    }

    init?(stored: String) {
        let parts = stored.split(separator: " ").compactMap { Double($0) }
        guard parts.count == 2 else { return nil }
        self.init(expected: parts[0], floor: parts[1])
    }
}
