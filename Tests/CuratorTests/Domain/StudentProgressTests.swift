import CuratorTUI
import Domain
import Foundation
import Testing

/// The progress pane's lesson timeline and weekly activity, from a hand-built history.
@Suite struct StudentProgressTests {
    static let day = 86400.0
    // Midnight in Moscow (21:00 UTC), so day boundaries are easy to place.
    static let t0 = 1_767_214_800.0

    static func history() -> StudentHistory {
        let d = day, t0 = t0
        return StudentHistory(studentId: 1, cohort: 1, enrolledAt: t0, activity: [
            t0 + 1 * d + 100, t0 + 1 * d + 200,  // two events, one day
            t0 + 2 * d, t0 + 9 * d, t0 + 10 * d, t0 + 11 * d + 5, t0 + 40 * d,  // the last is after T
        ], lessons: [
            .init(number: 1, opensAt: t0, deadlineAt: t0 + 3 * d, homeworkRequired: true, viewedAt: t0 + d, submittedAt: t0 + 2 * d, acceptedAt: t0 + 3 * d),
            .init(number: 2, opensAt: t0 + 2 * d, deadlineAt: t0 + 5 * d, homeworkRequired: true, viewedAt: t0 + 3 * d, submittedAt: t0 + 4 * d, acceptedAt: t0 + 40 * d),
            .init(number: 3, opensAt: t0 + 4 * d, deadlineAt: t0 + 7 * d, homeworkRequired: true, viewedAt: t0 + 5 * d),
            .init(number: 4, opensAt: t0 + 6 * d, deadlineAt: t0 + 9 * d, homeworkRequired: false, viewedAt: t0 + 7 * d),
            .init(number: 5, opensAt: t0 + 8 * d, deadlineAt: t0 + 20 * d, homeworkRequired: true),
            .init(number: 6, opensAt: t0 + 13 * d, deadlineAt: t0 + 16 * d, homeworkRequired: true, viewedAt: t0 + 30 * d),
        ])
    }

    @Test func eachLessonHasItsStateAsOfT() {
        let p = StudentProgress(Self.history(), at: Self.t0 + 12 * Self.day, weeks: 3)
        #expect(p.lessons.map(\.state) == [.accepted, .submitted, .missed, .viewed, .open, .notOpen])
        // Done: 1 and 2 (homework in), 4 (viewed, no homework); 3 missed, 5 open, 6 ahead.
        #expect(p.done == 3 && p.total == 6)
    }

    @Test func activeDaysPerWeekCountEachDayOnceAndNothingAfterT() {
        // T is the end of day 12: week 0 is days 6–12, week 1 days −1–5.
        let t = Self.t0 + 13 * Self.day - 1
        let p = StudentProgress(Self.history(), at: t, weeks: 3)
        #expect(p.weeklyActiveDays == [0, 2, 3])
        // The same with every event after T deleted.
        var cut = Self.history()
        cut.activity = cut.activity.filter { $0 <= t }
        #expect(StudentProgress(cut, at: t, weeks: 3) == p)
    }

    @Test func aStudentWithNothingYet() {
        let p = StudentProgress(StudentHistory(studentId: 2, cohort: 1, enrolledAt: Self.t0), at: Self.t0)
        #expect(p.lessons.isEmpty && p.done == 0 && p.weeklyActiveDays == Array(repeating: 0, count: 8))
    }

    @Test func sparklinesAreBlocksScaledToTheMaximum() {
        #expect(Sparkline.of([0, 1, 4, 7, 9, -1], maximum: 7) == "▁▂▅██▁")
        #expect(Sparkline.of([3, 5], maximum: 0) == "▁▁")
    }
}
