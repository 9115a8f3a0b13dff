import Domain
import Foundation
import Storage
import Testing

/// The school's metrics on KnownMirror, whose answers were worked out by hand.
@Suite struct MetricsTests {
    static let t = KnownMirror.t

    func monthly() throws -> SchoolMetrics {
        let dir = TestSupport.TempDir()
        let store = try KnownMirror.write(to: dir.file("m.sqlite"))
        return try MetricsStore(store).metrics(period: .month, since: Date(timeIntervalSince1970: Self.t("2026-09-01 00:00")),
                                                                             now: Date(timeIntervalSince1970: KnownMirror.now))
    }

    @Test func studentsRetentionAndCohortsByMonth() throws {
        let m = try monthly()
        #expect(m.periods.map(\.period.label) == ["сен 2026", "окт 2026", "ноя 2026"])
        #expect(m.periods.map(\.complete) == [true, true, false])
        // Active: Sep Анна, Борис; Oct Анна, Борис, Вера; Nov Анна, Вера. Глеб never.
        #expect(m.periods.map(\.activeStudents) == [2, 3, 2])
        #expect(m.periods.map(\.newStudents) == [2, 1, 1])
        // Борис went silent after 10 Oct.
        #expect(m.periods.map(\.dropouts) == [0, 1, 0])
        // Sep: both came back in Oct; Oct: 2 of 3 in Nov, which is still running; Nov: no next month yet.
        #expect(m.periods[0].retention == 1 && m.periods[0].retentionFinal)
        #expect(m.periods[1].retention == 2.0 / 3 && !m.periods[1].retentionFinal)
        #expect(m.periods[2].retention == nil)
        #expect(m.total.activeStudents == 3 && m.total.newStudents == 4 && m.total.dropouts == 1 && m.total.retention == nil)

        #expect(m.cohorts.map(\.cohort) == ["сен 2026", "окт 2026", "ноя 2026"])
        #expect(m.cohorts.map(\.size) == [2, 1, 1])
        #expect(m.cohorts[0].active == [1, 1, 0.5])
        #expect(m.cohorts[1].active == [1, 1])
        #expect(m.cohorts[2].active == [0])
    }

    @Test func revenueHomeworkRepliesAndWorkload() throws {
        let m = try monthly()
        // Paid deals only: the cancelled one does not count.
        #expect(m.periods.map(\.revenueKopecks) == [499_000, 998_000, 499_000])

        let oct = m.periods[1], nov = m.periods[2]
        #expect(oct.homeworkAutomatic == DurationSummary([30]) && oct.homeworkAutomatic.median == 30)
        #expect(oct.homeworkHuman.count == 1 && oct.homeworkHuman.median == 6 * 3600)
        #expect(nov.homeworkAutomatic.count == 0 && nov.homeworkAutomatic.median == nil)
        #expect(nov.homeworkHuman.median == 4 * 3600 && nov.homeworkWaiting == 1 && nov.curatorVerdicts == 1 && nov.reviewsQueued == 1)

        // October: two questions answered by people in 2 h and 4 h; the assistant saw none.
        #expect(oct.questions == 2 && oct.repliesCurator.count == 2 && oct.repliesCurator.median == 3 * 3600 && oct.repliesCurator.p90 == 4 * 3600)
        #expect(oct.repliesAssistant.count == 0 && oct.resolutionRate == nil)
        // November: the assistant answered two (20 s and 10 s); the student came back within 72 h on one
        // ("не работает") and that one was handed off; the thank-you asks nothing.
        #expect(nov.questions == 3 && nov.unanswered == 1 && nov.handoffs == 1)
        #expect(nov.repliesAssistant.count == 2 && nov.repliesAssistant.median == 15 && nov.repliesAssistant.p90 == 20)
        #expect(nov.assistantSeen == 3 && nov.assistantResolved == 1 && nov.resolutionRate == 1.0 / 3)
        #expect(m.periods.map(\.alertsOpened) == [0, 1, 2])
        #expect(nov.perDay(nov.alertsOpened) == 2 / 14.5)
    }

    @Test func returnOnInvestmentWithItsAssumptions() throws {
        let roi = try monthly().roi
        #expect(roi.assumptions == ROIAssumptions())
        // 2 answers × 5 min + 1 check × 10 min = 20 min, at 500 ₽/h.
        #expect(roi.automaticAnswers == 2 && roi.automaticChecks == 1)
        #expect(abs(roi.hoursSaved - 1.0 / 3) < 1e-9 && abs(roi.savedRub - 500.0 / 3) < 1e-9)
        // Only September's retention is final: (100% − 85%) × 2 students, each worth October's 9 980 ₽ / 3 active.
        #expect(roi.months.map(\.month) == ["сен 2026"])
        #expect(abs(roi.keptStudents - 0.3) < 1e-9)
        #expect(abs(roi.revenueKeptRub - 0.3 * 9980 / 3) < 1e-9)
        // 1M prompt tokens at 15 ₽ + 100k completion at 60 ₽.
        #expect(roi.promptTokens == 1_000_000 && roi.completionTokens == 100_000 && abs(roi.modelCostRub - 21) < 1e-9)
        let net = 500.0 / 3 + 998 - 21
        #expect(abs(roi.netRub - net) < 1e-9 && abs(roi.roi! - net / 21) < 1e-9)
        // Range 1 Sep 00:00 → 15 Nov 12:00 is 75.5 days.
        #expect(abs(roi.curatorShare! - (1.0 / 3) / (40 * 75.5 / 7)) < 1e-12)
    }

    @Test func assumptionsChangeTheMoneyNotTheFacts() throws {
        let dir = TestSupport.TempDir()
        let store = try KnownMirror.write(to: dir.file("m.sqlite"))
        var a = ROIAssumptions()
        a.minutesPerAnswer = 30
        a.baselineRetention = 1
        a.promptRubPerMillion = 0
        a.completionRubPerMillion = 0
        let m = try MetricsStore(store).metrics(period: .month, since: Date(timeIntervalSince1970: Self.t("2026-09-01 00:00")),
                                                                              now: Date(timeIntervalSince1970: KnownMirror.now), assumptions: a)
        #expect(abs(m.roi.hoursSaved - (60 + 10) / 60.0) < 1e-9)
        #expect(m.roi.revenueKeptRub == 0 && m.roi.modelCostRub == 0 && m.roi.roi == nil)
        #expect(m.periods.map(\.activeStudents) == [2, 3, 2])
    }

    @Test func weeksAndQuartersOnTheSchoolsClock() throws {
        let c = PeriodCalendar()
        // Sunday 15 Nov 23:30 Moscow is still its week; 00:10 on Monday is the next.
        let weeks = c.spans(.week, from: Self.t("2026-11-15 23:30"), through: Self.t("2026-11-16 00:10"))
        #expect(weeks.map(\.label) == ["09.11–15.11", "16.11–22.11"])
        #expect(weeks[1].start == Self.t("2026-11-16 00:00") && weeks[0].end == weeks[1].start)
        let quarters = c.spans(.quarter, from: Self.t("2026-09-30 23:59"), through: Self.t("2027-01-01 00:00"))
        #expect(quarters.map(\.label) == ["III кв. 2026", "IV кв. 2026", "I кв. 2027"])
        #expect(quarters[1].start == Self.t("2026-10-01 00:00"))
        #expect(SchoolMetrics.since(periods: 3, of: .month, now: Self.t("2026-01-15 12:00")) == Self.t("2025-11-01 00:00"))

        // By week, November's thank-you week holds Вера's question answered in 10 s.
        let dir = TestSupport.TempDir()
        let store = try KnownMirror.write(to: dir.file("m.sqlite"))
        let m = try MetricsStore(store).metrics(period: .week, since: Date(timeIntervalSince1970: Self.t("2026-11-02 00:00")),
                                                                              now: Date(timeIntervalSince1970: KnownMirror.now))
        #expect(m.periods.map(\.period.label) == ["02.11–08.11", "09.11–15.11"])
        #expect(m.periods[0].repliesAssistant.median == 10 && m.periods[1].repliesAssistant.median == 20)
        #expect(m.periods.map(\.activeStudents) == [1, 1])
    }

    /// An empty mirror, a month with nothing in it, a student active in no month: defined values, no NaN.
    @Test func emptyAndEdgeCasesAreDefined() throws {
        let now = Self.t("2026-11-15 12:00")
        let empty = SchoolMetrics.compute(MetricsRecords(), period: .month, since: Self.t("2026-09-01 00:00"), now: now)
        #expect(empty.periods.count == 3)
        #expect(empty.periods.allSatisfy { $0.activeStudents == 0 && $0.retention == nil && $0.resolutionRate == nil && $0.repliesCurator.median == nil })
        #expect(empty.cohorts.isEmpty && empty.roi.hoursSaved == 0 && empty.roi.roi == nil && empty.roi.months.isEmpty)
        #expect(try JSONEncoder().encode(empty).count > 0) // would throw on NaN or infinity

        // Enrolled in September, never active: counted as new, active nowhere; an empty October between.
        let silent = StudentHistory(studentId: 7, cohort: KnownMirror.stream, enrolledAt: Self.t("2026-09-03 10:00"))
        let returning = StudentHistory(studentId: 8, cohort: KnownMirror.stream, enrolledAt: Self.t("2026-09-03 10:00"),
                                       activity: [Self.t("2026-09-04 10:00"), Self.t("2026-11-02 10:00")])
        let m = SchoolMetrics.compute(MetricsRecords(histories: [silent, returning]), period: .month, since: Self.t("2026-09-01 00:00"), now: now)
        #expect(m.periods.map(\.activeStudents) == [1, 0, 1])
        #expect(m.periods.map(\.retention) == [0, nil, nil])
        #expect(m.periods.map(\.newStudents) == [2, 0, 0])
        #expect(m.cohorts.map(\.active) == [[0.5, 0, 0.5]])
        #expect(m.periods[1].perDay(0) == 0)
        // Since after now: just the current period.
        #expect(SchoolMetrics.compute(MetricsRecords(), period: .week, since: now + 86400 * 30, now: now).periods.count == 1)
    }
}
