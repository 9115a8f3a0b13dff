import Domain
import Foundation

/// Scoring and alert-rule timings on synthetic students shaped like the simulated school's
/// (12 weekly lessons, daily-ish logins, homework with reviews, messages, monthly packages).
struct BenchRisk {
    let students: Int

    struct Figures: Codable {
        var scoringMilliseconds: Double
        var scoringWithReasonsMilliseconds: Double
        var alertsMilliseconds: Double
    }

    func run() -> Figures {
        let now = 1_790_000_000.0
        let histories = Self.histories(count: students, now: now)
        let model = RiskModel.prior
        let extractor = FeatureExtractor()
        let scoring = Self.median(5) {
            let m = extractor.features(histories, at: now)
            return model.probabilities(m).count
        }
        if BenchIngest.tracing {
            let m = extractor.features(histories, at: now)
            let f = Self.median(5) { extractor.features(histories, at: now).rows }
            let p = Self.median(5) { model.probabilities(m).count }
            BenchIngest.trace("features \(f) ms, model \(p) ms")
        }
        var scores: [RiskScore] = []
        let withReasons = Self.median(3) {
            scores = RiskScorer(model: model).scores(histories, at: now)
            return scores.count
        }
        // Alerts in the steady state: the previous pass's alerts are active, most conditions still hold.
        func conditions() -> [AlertCondition] {
            var out: [AlertCondition] = []
            for s in scores { AlertConditions.evaluate(s, into: &out) }
            return out
        }
        let first = AlertEngine.reconcile(active: [], conditions: conditions(), now: Date(timeIntervalSince1970: now))
        let active = first.opened.enumerated().map { i, a in var a = a; a.id = Int64(i + 1); return a }
        let alerts = Self.median(5) {
            AlertEngine.reconcile(active: active, conditions: conditions(), now: Date(timeIntervalSince1970: now + 3600)).updated.count
        }
        return Figures(scoringMilliseconds: scoring, scoringWithReasonsMilliseconds: withReasons, alertsMilliseconds: alerts)
    }

    /// Median wall time of `runs` runs, in milliseconds. The result is kept so nothing is optimised away.
    static func median(_ runs: Int, _ body: () -> Int) -> Double {
        var times: [Double] = []
        var sink = 0
        for _ in 0..<runs {
            times.append(Stopwatch.milliseconds { sink &+= body() })
        }
        if sink == Int.min { print(sink) }
        return times.sorted()[runs / 2]
    }

    static func histories(count: Int, now: Double) -> [StudentHistory] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let day = 86400.0
        return (0..<count).map { i in
            let enrolled = now - (14 + next() * 70) * day
            let engagement = 0.2 + next() * 0.75
            var activity: [Double] = [], views: [Double] = [], submissions: [Double] = [], reviews: [StudentHistory.Review] = []
            var lessons: [StudentHistory.Lesson] = []
            var d = enrolled
            while d < now {
                if next() < engagement { activity.append(d + next() * day) }
                d += day
            }
            for n in 1...12 {
                let opens = enrolled + Double(n - 1) * 7 * day
                var lesson = StudentHistory.Lesson(number: n, opensAt: opens, deadlineAt: opens + 7 * day, homeworkRequired: true)
                if opens < now && next() < engagement {
                    lesson.viewedAt = opens + next() * 2 * day
                    views.append(lesson.viewedAt!)
                    if next() < engagement {
                        lesson.submittedAt = lesson.viewedAt! + next() * 8 * day
                        submissions.append(lesson.submittedAt!)
                        reviews.append(.init(at: lesson.submittedAt! + day, score: next() < 0.8 ? 1 : 0))
                    }
                }
                lessons.append(lesson)
            }
            let messages = (0..<Int(next() * 4)).map { _ in enrolled + next() * (now - enrolled) }
            var packages: [StudentHistory.Package] = []
            var start = enrolled
            while start < now && (packages.isEmpty || next() < 0.85) {
                packages.append(.init(paidAt: start, endsAt: start + 30 * day))
                start += 30 * day
            }
            return StudentHistory(studentId: Int64(i + 1), cohort: Int64(i % 40), enrolledAt: enrolled, activity: activity + views + submissions,
                                  lessonViews: views, submissions: submissions, lessons: lessons, reviews: reviews,
                                  studentMessages: messages, staffMessages: messages.filter { _ in next() < 0.8 }.map { $0 + 3600 },
                                  packages: packages)
        }
    }
}
