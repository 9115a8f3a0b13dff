import Domain
import Foundation
import MockGetCourse
import Testing

/// Histories of a simulated school, built exactly as the evaluation builds them.
enum SimulatedSchool {
    static let end = Date(timeIntervalSince1970: 1_790_000_000)

    static func histories(seed: UInt64, students: Int = 150) -> (histories: [StudentHistory], truth: SimulationTruth) {
        let truth = SchoolSimulation(catalog: TestSupport.catalog, options: .init(seed: seed, students: students, weeks: 12), now: end).truth(now: end)
        return (truth.histories(overrides: TestSupport.catalog), truth)
    }
}

@Suite struct RiskFeatureTests {
    let day = 86400.0
    /// Midnight in Moscow, so activity days are easy to count.
    let t0 = 1_780_002_000.0

    func value(_ m: FeatureMatrix, _ row: Int, _ f: RiskFeature) -> Double { m[row, f] }

    /// Features at T computed from the full history equal those from a history with every event after T deleted.
    @Test func featuresAtTUseNothingAfterT() {
        let (histories, _) = SimulatedSchool.histories(seed: 11)
        #expect(histories.count > 100)
        let extractor = FeatureExtractor()
        let first = histories.map(\.enrolledAt).min()!
        for week in [1.0, 3, 5, 8, 11] {
            let t = first + week * 7 * day + 0.37 * day
            let full = extractor.features(histories, at: t)
            let cut = extractor.features(histories.map { $0.truncated(at: t) }, at: t)
            #expect(full == cut, "week \(week)")
            #expect(full.values.allSatisfy { !$0.isInfinite })
        }
    }

    @Test func valuesOfAHandBuiltStudent() {
        let submitted: [Int: Double] = [1: t0 + 2.5 * day, 2: t0 + 15.5 * day]
        let lessons = (1...4).map { (n: Int) -> StudentHistory.Lesson in
            let opens: Double = t0 + Double(n - 1) * 7 * day
            return StudentHistory.Lesson(number: n, opensAt: opens, deadlineAt: opens + 7 * day, homeworkRequired: true,
                                         viewedAt: n <= 2 ? opens + 1.5 * day : nil, submittedAt: submitted[n])
        }
        let h = StudentHistory(studentId: 1, cohort: 10, enrolledAt: t0,
                               activity: [t0 + 1.5 * day, t0 + 2.5 * day, t0 + 8.5 * day, t0 + 15.2 * day, t0 + 15.5 * day],
                               lessonViews: [t0 + 1.5 * day, t0 + 8.5 * day], submissions: [t0 + 2.5 * day, t0 + 15.5 * day], lessons: lessons,
                               reviews: [.init(at: t0 + 3.5 * day, score: 1), .init(at: t0 + 16.5 * day, score: 0)],
                               studentMessages: [t0 + 20.5 * day], staffMessages: [t0 + 2.5 * day],
                               packages: [.init(paidAt: t0, endsAt: t0 + 30 * day)])
        let t = t0 + 24.5 * day
        let m = FeatureExtractor().features([h], at: t)
        #expect(value(m, 0, .daysSinceActivity) == 9)
        #expect(value(m, 0, .daysSinceLessonView) == 16)
        #expect(value(m, 0, .activeDays7) == 0)
        #expect(value(m, 0, .activeDays14) == 1)   // day 15 (twice that day counts once)
        #expect(value(m, 0, .activeDays28) == 4)
        // Deadlines passed: lessons 1, 2, 3 (day 7, 14, 21); lesson 2 was late, lesson 3 missed.
        #expect(value(m, 0, .homeworkCompletion) == 2.0 / 3)
        #expect(value(m, 0, .consecutiveMissed) == 1)
        #expect(value(m, 0, .lateShare) == 0.5)
        #expect(value(m, 0, .declinedShare) == 0.5)
        #expect(value(m, 0, .scoreMean3) == 0.5)
        #expect(value(m, 0, .scoreSlope) == -1)
        #expect(value(m, 0, .firstHomeworkMissing) == 0)
        // Lessons 3 and 4 have been open two days or more and were never opened.
        #expect(value(m, 0, .unviewedLessons) == 2)
        #expect(abs(value(m, 0, .unansweredDays) - 4) < 1e-9)
        #expect(abs(value(m, 0, .daysToPackageEnd) - 5.5) < 1e-9)
        #expect(abs(value(m, 0, .tenureWeeks) - 24.5 / 7) < 1e-9)
        // A group of one: compared with itself.
        #expect(value(m, 0, .scoreGapToGroup) == 0)
        #expect(value(m, 0, .activityVsGroup) == 1)
    }

    /// No activity ever, no deals, no homework, events in the future (clock skew), duplicates: defined values.
    @Test func edgeCasesGiveDefinedValues() {
        let silent = StudentHistory(studentId: 1, cohort: 5, enrolledAt: t0)
        let future = StudentHistory(studentId: 2, cohort: 6, enrolledAt: t0, activity: [t0 + 400 * day], submissions: [t0 + 400 * day],
                                    reviews: [.init(at: t0 + 401 * day, score: 0)], studentMessages: [t0 + 400 * day],
                                    packages: [.init(paidAt: t0 + 400 * day, endsAt: t0 + 430 * day)], failedPayments: [t0 + 400 * day])
        let duplicate = StudentHistory(studentId: 3, cohort: 7, enrolledAt: t0, activity: Array(repeating: t0 + day, count: 5))
        let notYetEnrolled = StudentHistory(studentId: 4, cohort: 7, enrolledAt: t0 + 30 * day)
        let t = t0 + 10 * day
        let m = FeatureExtractor().features([silent, future, duplicate, notYetEnrolled], at: t)
        // Every value is a number or missing (NaN: no package, no review yet), never infinite.
        #expect(m.values.allSatisfy { !$0.isInfinite })
        #expect(value(m, 0, .daysSinceActivity) == 10)
        #expect(value(m, 0, .daysToPackageEnd).isNaN && value(m, 0, .scoreMean3).isNaN)
        #expect(value(m, 0, .failedPayment) == 0)
        // The future history looks exactly like the silent one.
        #expect(zip(m.row(1), m.row(0)).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(value(m, 2, .activeDays14) == 1)
        #expect(value(m, 3, .tenureWeeks) == 0)
        for s in RiskScorer(model: .prior).scores([silent, future, duplicate, notYetEnrolled], at: t) {
            #expect(s.probability.isFinite && s.probability > 0 && s.probability < 1)
            #expect(s.reasons.count <= 3)
        }
        #expect(RiskScorer(model: .prior).scores([], at: t).isEmpty)
    }

    @Test func reasonsAreShortRussianPhrasesWithTheirWeight() {
        let h = StudentHistory(studentId: 1, cohort: 1, enrolledAt: t0, activity: [t0 + day],
                               lessons: (1...3).map { n in .init(number: n, opensAt: t0 + Double(n - 1) * 7 * day, deadlineAt: t0 + Double(n) * 7 * day,
                                                                 homeworkRequired: true) })
        let s = RiskScorer(model: .prior).scores([h], at: t0 + 10 * day)[0]
        #expect(s.level == .high)
        #expect(s.reasons.map(\.text).contains("не заходит 9 дней"))
        #expect(s.reasons.map(\.text).contains("не сдана первая домашка"))
        #expect(s.reasons.allSatisfy { $0.contribution > 0 })
        #expect(s.reasons.map(\.contribution) == s.reasons.map(\.contribution).sorted(by: >))
        #expect(RiskFeature.consecutiveMissed.reason(2) == "пропущены 2 домашки подряд")
        #expect(RiskFeature.daysSinceActivity.reason(21) == "не заходит 21 день")
        #expect(RiskFeature.unviewedLessons.reason(2) == "не просмотрено открытых уроков: 2")
    }

    /// Snapshots hold the students the scorer ranks: not those already known to be gone. One who went
    /// silent before the cutoff and never came back is a positive (gone, not yet known to be).
    @Test func snapshotsLabelTheStudentsTheScorerRanks() {
        let daily = (0...60).map { t0 + Double($0) * day }
        let stayer = StudentHistory(studentId: 1, cohort: 1, enrolledAt: t0, activity: daily)
        let quietSince10 = StudentHistory(studentId: 2, cohort: 1, enrolledAt: t0, activity: Array(daily[0...10]))
        let leavesAt25 = StudentHistory(studentId: 3, cohort: 1, enrolledAt: t0, activity: Array(daily[0...25]))
        let goneLongAgo = StudentHistory(studentId: 4, cohort: 1, enrolledAt: t0, activity: [t0 + day])
        let notYetEnrolled = StudentHistory(studentId: 5, cohort: 1, enrolledAt: t0 + 30 * day, activity: [t0 + 31 * day])
        let histories = [stayer, quietSince10, leavesAt25, goneLongAgo, notYetEnrolled]
        let now = t0 + 80 * day
        var dropout: [Int64: Double] = [:]
        for h in histories { if let d = DropoutLabel.dropoutAt(h, now: now) { dropout[h.studentId] = d } }
        #expect(dropout[1] == nil && dropout[2] == t0 + 10 * day && dropout[3] == t0 + 25 * day && dropout[4] == t0 + day)
        let s = DropoutLabel.snapshots(histories, cutoffs: [t0 + 24.5 * day], dropout: dropout)
        #expect(s.map(\.studentId) == [1, 2, 3])
        #expect(s.map(\.droppedOut) == [false, true, true])
        #expect(s.allSatisfy { $0.tenureDays == 24.5 })
    }

    /// A simulated leaver's dropout is the last activity before the simulation made them stop.
    @Test func evaluationDropoutIsTheLastActivityBeforeTheStop() {
        let fading = StudentHistory(studentId: 1, cohort: 1, enrolledAt: t0, activity: [t0 + day, t0 + 9 * day, t0 + 30 * day])
        let neverActive = StudentHistory(studentId: 2, cohort: 1, enrolledAt: t0)
        let stayer = StudentHistory(studentId: 3, cohort: 1, enrolledAt: t0, activity: [t0 + day])
        let future = StudentHistory(studentId: 4, cohort: 1, enrolledAt: t0, activity: [t0 + day])
        let c = RiskEvaluation.Cohort(name: "c", histories: [fading, neverActive, stayer, future],
                                      leaving: [1: t0 + 20 * day, 2: t0 + 5 * day, 4: t0 + 90 * day], end: t0 + 60 * day)
        #expect(c.dropout == [1: t0 + 9 * day, 2: t0])
    }

    @Test func observedDropoutIsTheLastActivityBeforeThreeWeeksOfSilence() {
        let h = StudentHistory(studentId: 1, cohort: 1, enrolledAt: t0, activity: [t0 + day, t0 + 5 * day, t0 + 40 * day])
        #expect(DropoutLabel.dropoutAt(h, now: t0 + 20 * day) == nil)
        #expect(DropoutLabel.dropoutAt(h, now: t0 + 30 * day) == t0 + 5 * day)
        let paid = StudentHistory(studentId: 2, cohort: 1, enrolledAt: t0, activity: (1...60).map { t0 + Double($0) * day },
                                  packages: [.init(paidAt: t0, endsAt: t0 + 30 * day)])
        #expect(DropoutLabel.dropoutAt(paid, now: t0 + 45 * day) == nil)
        #expect(DropoutLabel.dropoutAt(paid, now: t0 + 55 * day) == t0 + 30 * day)
    }
}

@Suite struct RiskModelTests {
    /// Data drawn from a known logistic model: the fit recovers the signs and rough sizes.
    @Test func logisticRegressionRecoversAKnownModel() {
        var rng = SystemRandomNumberGenerator()
        var x: [[Double]] = [], y: [Bool] = []
        for _ in 0..<6000 {
            var row = [Double](repeating: 0, count: RiskFeature.count)
            for j in row.indices { row[j] = Double.random(in: -1...1, using: &rng) }
            let z = -1 + 2 * row[RiskFeature.daysSinceActivity.rawValue] - 1.5 * row[RiskFeature.homeworkCompletion.rawValue]
            x.append(row)
            y.append(Double.random(in: 0...1, using: &rng) < RiskModel.sigmoid(z))
        }
        let m = LogisticRegression(lambda: 0.1).fit(x, y)
        #expect(m.kind == .trained && m.fitsFeatures)
        // Weights are per standard deviation (≈0.577 for uniform on [-1, 1]).
        let perUnit = (0..<RiskFeature.count).map { m.weights[$0] / m.scales[$0] }
        #expect(abs(perUnit[RiskFeature.daysSinceActivity.rawValue] - 2) < 0.35)
        #expect(abs(perUnit[RiskFeature.homeworkCompletion.rawValue] + 1.5) < 0.35)
        #expect(abs(perUnit[RiskFeature.activeDays7.rawValue]) < 0.35)
    }

    @Test func metricsOnKnownInputs() {
        #expect(RiskMetrics.auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]) == 1)
        #expect(RiskMetrics.auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]) == 0)
        #expect(RiskMetrics.auc([0.5, 0.5, 0.5, 0.5], [false, true, false, true]) == 0.5)
        #expect(RiskMetrics.auc([0.3, 0.4], [true, true]) == nil)
        #expect(RiskMetrics.precisionAt(2, [0.9, 0.1, 0.8, 0.2], [true, false, false, true]) == 0.5)
        #expect(RiskMetrics.brier([1, 0], [true, false]) == 0)
        #expect(RiskMetrics.calibrationError([0.25, 0.25, 0.25, 0.25], [true, false, false, false]) == 0)
        #expect(abs(RiskMetrics.calibrationError([0.9, 0.9], [false, false])! - 0.9) < 1e-12)
        #expect(RiskMetrics.median([3, 1, 2]) == 2)
        #expect(RiskMetrics.brier([], []) == nil)
    }

    @Test func levelsFollowTheStatedThresholds() {
        #expect(RiskLevel(probability: 0.35) == .high)
        #expect(RiskLevel(probability: 0.349) == .medium)
        #expect(RiskLevel(probability: 0.15) == .medium)
        #expect(RiskLevel(probability: 0.1) == .low)
    }

    /// Too little labelled history keeps the documented priors.
    @Test func priorsUntilThereIsEnoughHistory() {
        let (histories, _) = SimulatedSchool.histories(seed: 12, students: 40)
        let outcome = RiskTraining.select([Array(histories.prefix(10))], now: SimulatedSchool.end.timeIntervalSince1970)
        #expect(outcome.model == .prior)
        #expect(outcome.decision.hasPrefix("priors"))
    }

    /// A reviewed homework the checker scored counts with its score, not as accepted = 1 / declined = 0.
    @Test func checkerScoresReplaceTheVerdictInTheHistory() throws {
        let (_, truth) = SimulatedSchool.histories(seed: 12, students: 40)
        var records = truth.historyRecords
        let reviewed = try #require(records.answers.first { $0.isHomework && $0.status == "accepted" && $0.reviewedAt != nil })
        let builder = StudentHistoryBuilder(school: truth.school(overrides: TestSupport.catalog))
        func review(_ r: StudentHistoryBuilder.Records) -> StudentHistory.Review? {
            builder.histories(r).first { $0.studentId == reviewed.userId }?.reviews.first { $0.at == reviewed.reviewedAt!.timeIntervalSince1970 }
        }
        #expect(review(records)?.score == 1)
        records.checkScores = [reviewed.id: 0.75]
        #expect(review(records)?.score == 0.75)
    }
}
