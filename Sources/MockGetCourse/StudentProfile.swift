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
    /// Conscientiousness: how reliably homework is done and on time. Students who later leave tend
    /// to have less of it, so it shows (noisily) in the first homework, misses and lateness.
    var diligence: Double
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

    /// How far into the fade at `t` (0 before it, 1 at the dropout).
    func fadeProgress(at t: Date) -> Double {
        guard let f = fadeStart, let d = dropoutAt, t > f else { return 0 }
        return min(1, t.timeIntervalSince(f) / max(d.timeIntervalSince(f), 1))
    }

    /// A fading student's answers get worse as they disengage.
    func skill(at t: Date) -> Double { skill * (1 - 0.35 * fadeProgress(at: t)) }

    /// The chance a homework comes in after its deadline.
    func lateChance(at t: Date) -> Double { min(0.9, 0.04 + 0.4 * (1 - diligence) + 0.4 * fadeProgress(at: t)) }

    /// The chance a viewed lesson's homework is done at all.
    func homeworkChance(at t: Date) -> Double { engagement(at: t) * (0.45 + 0.52 * diligence) }
}
