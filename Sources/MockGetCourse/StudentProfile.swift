import Foundation

/// How a simulated student behaves over time. The risk model never sees this: it is ground truth.
public enum StudentProfile: String, Codable, Sendable, CaseIterable {
    /// Studies regularly to the end.
    case steady
    /// Engagement fades for 2–5 weeks, then the student drops out (most dropouts).
    case fading
    /// Less engaged than most, then stops abruptly (the rare dropout with no warning).
    case silentChurner = "silent_churner"
    /// Disappears for 10–20 days, then comes back.
    case lapseAndReturn = "lapse_and_return"
    /// Enrolled within the last two weeks.
    case newEnrolment = "new_enrolment"
}

/// The behaviour plan of one student: when they joined and how engaged they are at any moment.
struct BehaviourPlan: Sendable {
    var profile: StudentProfile
    var joinedAt: Date
    var baseEngagement: Double
    /// Skill: the share of homework items answered right when engaged.
    var skill: Double
    var fadeStart: Date?
    var dropoutAt: Date?
    var lapse: ClosedRange<Date>?

    /// Probability-like engagement at `t`: 0 before joining, after dropping out and during a lapse.
    func engagement(at t: Date) -> Double {
        if t < joinedAt { return 0 }
        if let d = dropoutAt, t >= d { return 0 }
        if let l = lapse, l.contains(t) { return 0 }
        if let f = fadeStart, let d = dropoutAt, t > f {
            let progress = t.timeIntervalSince(f) / max(d.timeIntervalSince(f), 1)
            // Disengagement comes quickly, then lingers: most of the drop happens in the first half.
            return baseEngagement * max(0.05, (1 - progress) * (1 - progress))
        }
        return baseEngagement
    }

    func hasDroppedOut(at t: Date) -> Bool { dropoutAt.map { t >= $0 } ?? false }
}
