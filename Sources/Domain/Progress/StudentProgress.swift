import Foundation

/// Where a student stands in their course at a time T, from the same history the risk model reads:
/// each lesson's state on the student's own timeline and active days per week.
public struct StudentProgress: Sendable, Equatable {
    public enum LessonState: Sendable, Equatable {
        /// Not open yet on the student's timeline.
        case notOpen
        /// Open, not viewed, deadline not passed.
        case open
        case viewed
        /// Homework submitted, not accepted (yet).
        case submitted
        case accepted
        /// Homework required, deadline passed, nothing submitted.
        case missed
    }

    public struct Lesson: Sendable, Equatable {
        public var number: Int
        public var state: LessonState
        public var hasHomework: Bool

        public init(number: Int, state: LessonState, hasHomework: Bool) {
            self.number = number
            self.state = state
            self.hasHomework = hasHomework
        }

        /// Viewed, and its homework submitted when it has one.
        public var isDone: Bool {
            switch state {
            case .submitted, .accepted: true
            case .viewed: !hasHomework
            default: false
            }
        }
    }

    public var lessons: [Lesson]
    /// Active days in each of the last `weeks` weeks, oldest first; the last is the 7 days up to T.
    public var weeklyActiveDays: [Int]

    public var done: Int { lessons.filter(\.isDone).count }
    public var total: Int { lessons.count }

    public init(lessons: [Lesson], weeklyActiveDays: [Int]) {
        self.lessons = lessons
        self.weeklyActiveDays = weeklyActiveDays
    }

    static let day = 86400.0

    /// Each lesson's state as of `t`.
    public static func lessons(_ h: StudentHistory, at t: Double) -> [Lesson] {
        h.lessons.map { l in
            let state: LessonState
            if let a = l.acceptedAt, a <= t { state = .accepted }
            else if let s = l.submittedAt, s <= t { state = .submitted }
            else if l.homeworkRequired && l.deadlineAt <= t { state = .missed }
            else if let v = l.viewedAt, v <= t { state = .viewed }
            else if l.opensAt <= t { state = .open }
            else { state = .notOpen }
            return Lesson(number: l.number, state: state, hasHomework: l.homeworkRequired)
        }
    }

    /// Reads only events at or before `t`. Days are counted in the school's time zone, as the risk features count them.
    public init(_ h: StudentHistory, at t: Double, weeks: Int = 8, utcOffset: Double = 3 * 3600) {
        lessons = Self.lessons(h, at: t)
        let today = ((t + utcOffset) / Self.day).rounded(.down)
        var days = Array(repeating: 0, count: weeks)
        var last = Double.nan
        // Activity is sorted, so a day's events are adjacent: each new day counts once.
        for e in h.activity where e <= t {
            let bucket = ((e + utcOffset) / Self.day).rounded(.down)
            guard bucket != last else { continue }
            last = bucket
            let week = Int((today - bucket) / 7)
            if week < weeks { days[weeks - 1 - week] += 1 }
        }
        weeklyActiveDays = days
    }
}
