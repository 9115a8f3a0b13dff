import Foundation

/// Computes `RiskFeature`s for students as of a time T from events at or before T only.
///
/// A feature the school cannot tell for this student is NaN ("missing"): lesson views where no
/// group tracks them, homework where the course has none, scores before the first review, money
/// without a deal or a package of known length. The model reads a missing value as the typical one
/// (no contribution), and a reason never cites it. No activity ever counts from enrolment, and no
/// homework due yet means full completion.
public struct FeatureExtractor: Sendable {
    static let day = 86400.0
    /// Activity days are counted in the school's time zone (Moscow, UTC+3).
    public var utcOffset: Double = 3 * 3600

    public init() {}

    /// Features of `histories` at `t`, one row per history, in the same order.
    ///
    /// Rows are split over the cores. Each chunk computes its students' own features and sums its share
    /// of every cohort; the sums are merged, then each chunk compares its students with their cohorts.
    public func features(_ histories: [StudentHistory], at t: Double) -> FeatureMatrix {
        let n = histories.count, width = FeatureMatrix.width
        // Both passes cut the rows the same way: the second finds each chunk's cohort slots by its index.
        let chunks = 32
        var parts: [CohortSums] = []
        var m = FeatureMatrix(rows: n) { buf in
            // Each chunk writes only its own rows.
            nonisolated(unsafe) let base = buf.baseAddress
            parts = parallelChunks(of: n, chunks) { _, rows in own(histories, rows, at: t, into: base!) }
        }
        var merged: [Int64: GroupSums] = [:]
        for part in parts {
            for (slot, cohort) in part.cohorts.enumerated() { merged[cohort, default: GroupSums()].merge(part.sums[slot]) }
        }
        let chunkSums = parts, cohortSums = merged
        m.withRows { buf in
            nonisolated(unsafe) let base = buf.baseAddress
            _ = parallelChunks(of: n, chunks) { c, rows in
                let part = chunkSums[c], groups = part.cohorts.map { cohortSums[$0]! }
                for (k, i) in rows.enumerated() {
                    Self.compare(UnsafeMutableBufferPointer(start: base! + i * width, count: width), with: groups[Int(part.rowSlot[k])])
                }
            }
        }
        return m
    }

    /// One chunk of rows: each student's own features, and the chunk's share of every cohort.
    private func own(_ histories: [StudentHistory], _ rows: Range<Int>, at t: Double, into base: UnsafeMutablePointer<Double>) -> CohortSums {
        let width = FeatureMatrix.width
        (base + rows.lowerBound * width).initialize(repeating: 0, count: rows.count * width)
        var sums = CohortSums()
        // Borrowed through a buffer pointer: copying each history would retain its nine arrays.
        histories.withUnsafeBufferPointer { hs in
            for i in rows {
                let x = UnsafeMutableBufferPointer(start: base + i * width, count: width)
                own(hs[i], at: t, into: x)
                sums.add(cohort: hs[i].cohort, UnsafeBufferPointer(x))
            }
        }
        return sums
    }

    // MARK: - One student

    private func own(_ h: borrowing StudentHistory, at t: Double, into x: UnsafeMutableBufferPointer<Double>) {
        let day = Self.day
        let since = max(0, t - h.enrolledAt)
        let tenureDays = since / day
        // How many of each kind of event happened by t (each is read again below).
        let activityCount = countAtOrBefore(h.activity, t), submissionCount = countAtOrBefore(h.submissions, t)
        func daysSince(_ events: [Double], _ n: Int) -> Double {
            let last = n > 0 ? events[n - 1] : h.enrolledAt
            return min(60, max(0, (t - last) / day))
        }
        x[RiskFeature.daysSinceActivity.rawValue] = daysSince(h.activity, activityCount)
        x[RiskFeature.daysSinceLessonView.rawValue] = daysSince(h.lessonViews, countAtOrBefore(h.lessonViews, t))
        x[RiskFeature.daysSinceHomework.rawValue] = daysSince(h.submissions, submissionCount)

        // Regularity: one backwards pass over the last 8 weeks of activity, its counters kept without
        // branches (t and the events are after 1970, so truncation is the floor).
        let today = Int((t + utcOffset) / day)
        let oldest = t - 56 * day, week = 7 * day
        var lastDay = Int.min
        var d7 = 0, d14 = 0, d28 = 0, baselineDays = 0
        var weeks: UInt16 = 0
        var i = activityCount
        while i > 0 {
            i -= 1
            let e = h.activity[i]
            guard e > oldest else { break } // a NaN stops here too
            weeks |= 1 &<< UInt16(truncatingIfNeeded: Int((t - e) / week)) // 0...7: within 8 weeks
            let bucket = Int((e + utcOffset) / day)
            let fresh = bit(bucket != lastDay) // a day's first event in this walk counts the day
            lastDay = bucket
            let ago = today &- bucket
            // (x − n) >> 63 is all ones when x < n, else 0.
            d7 &+= fresh & ((ago &- 7) >> 63)
            d14 &+= fresh & ((ago &- 14) >> 63)
            d28 &+= fresh & ((ago &- 28) >> 63)
            baselineDays &+= fresh & ((ago &- 35) >> 63) & ~((ago &- 7) >> 63)
        }
        let weeksSoFar = max(1, min(8, Int((tenureDays / 7).rounded(.up))))
        weeks &= UInt16((1 << weeksSoFar) - 1)
        x[RiskFeature.activeDays7.rawValue] = Double(d7)
        x[RiskFeature.activeDays14.rawValue] = Double(d14)
        x[RiskFeature.activeDays28.rawValue] = Double(d28)
        x[RiskFeature.activeWeeksShare.rawValue] = Double(weeks.nonzeroBitCount) / Double(weeksSoFar)
        // This week against the student's own weekly average of the 4 weeks before (as many as they had).
        let baselineWeeks = min(4, Int(tenureDays / 7) - 1)
        x[RiskFeature.weekVsBaseline.rawValue] = baselineWeeks < 1 ? 1
            : min(3, (Double(d7) + 0.5) / (Double(baselineDays) / Double(baselineWeeks) + 0.5))

        // Homework against the schedule, without branches: whether a lesson was seen or done is data,
        // and a guess would miss often.
        var due = 0, done = 0, late = 0, consecutive = 0, submittedAny = 0, unviewed = 0
        let openLongEnough = t - 2 * day
        for l in h.lessons {
            // Lessons open for two days or more that the student has not opened.
            let submitted = bit(l.submitted <= t), isDue = bit(l.homeworkRequired) & bit(l.deadlineAt <= t)
            unviewed &+= bit(l.opensAt <= openLongEnough) & bit(l.viewed > t)
            submittedAny &+= submitted
            late &+= submitted & bit(l.submitted > l.deadlineAt)
            due &+= isDue
            done &+= isDue & submitted
            // Due and missed: one more in a row; due and done: none; not due: as it was.
            consecutive = isDue == 0 ? consecutive : (consecutive &+ 1) & (submitted &- 1)
        }
        x[RiskFeature.unviewedLessons.rawValue] = Double(min(unviewed, 6))
        let anySubmission = submissionCount > 0
        x[RiskFeature.firstHomeworkMissing.rawValue] = due > 0 && !anySubmission ? 1 : 0
        x[RiskFeature.homeworkCompletion.rawValue] = due == 0 ? 1 : Double(done) / Double(due)
        x[RiskFeature.consecutiveMissed.rawValue] = Double(min(consecutive, 6))
        x[RiskFeature.lateShare.rawValue] = submittedAny == 0 ? 0 : Double(late) / Double(submittedAny)

        // Scores known by T.
        var r = h.reviews.count
        if let last = h.reviews.last, !(last.at <= t) {
            r = 0
            while r < h.reviews.count && h.reviews[r].at <= t { r += 1 }
        }
        var declined = 0
        for j in 0..<r { declined &+= bit(h.reviews[j].score < 0.5) }
        x[RiskFeature.declinedShare.rawValue] = r == 0 ? 0 : Double(declined) / Double(r)
        if r == 0 {
            x[RiskFeature.scoreMean3.rawValue] = .nan
            x[RiskFeature.scoreSlope.rawValue] = .nan
        } else {
            var sum = 0.0
            for k in max(0, r - 3)..<r { sum += h.reviews[k].score }
            x[RiskFeature.scoreMean3.rawValue] = sum / Double(r - max(0, r - 3))
            x[RiskFeature.scoreSlope.rawValue] = Self.slope(h.reviews, max(0, r - 5)..<r)
        }

        // An unanswered student message: the student wrote last, and nobody replied.
        let sm = countAtOrBefore(h.studentMessages, t), st = countAtOrBefore(h.staffMessages, t)
        let lastStudent = sm > 0 ? h.studentMessages[sm - 1] : -Double.infinity
        let lastStaff = st > 0 ? h.staffMessages[st - 1] : -Double.infinity
        x[RiskFeature.unansweredDays.rawValue] = lastStudent > lastStaff ? min(30, (t - lastStudent) / day) : 0

        // Money.
        var end = -Double.infinity, paid = 0, lastPaid = -Double.infinity
        for p in h.packages where p.paidAt <= t {
            paid += 1
            end = max(end, p.endsAt)
            lastPaid = p.paidAt
        }
        x[RiskFeature.daysToPackageEnd.rawValue] = paid == 0 ? .nan : min(90, max(-30, (end - t) / day))
        var failed = 0.0
        for f in h.failedPayments where f <= t && f >= t - 30 * day && lastPaid < f { failed = 1 }
        x[RiskFeature.failedPayment.rawValue] = failed
        x[RiskFeature.renewals.rawValue] = Double(min(6, max(0, paid - 1)))
        x[RiskFeature.tenureWeeks.rawValue] = min(52, tenureDays / 7)
        Self.markMissing(h, reviews: r, packages: paid, x)
    }

    static let viewFeatures: [RiskFeature] = [.daysSinceLessonView, .unviewedLessons]
    static let scheduleFeatures: [RiskFeature] = [.unviewedLessons, .firstHomeworkMissing, .homeworkCompletion, .consecutiveMissed, .lateShare]
    static let homeworkFeatures: [RiskFeature] = [.daysSinceHomework, .firstHomeworkMissing, .homeworkCompletion, .consecutiveMissed, .lateShare,
                                                  .declinedShare, .scoreMean3, .scoreSlope, .scoreGapToGroup]
    static let reviewFeatures: [RiskFeature] = [.declinedShare, .scoreMean3, .scoreSlope, .scoreGapToGroup]
    static let moneyFeatures: [RiskFeature] = [.daysToPackageEnd, .failedPayment, .renewals]

    private static func markMissing(_ h: borrowing StudentHistory, reviews: Int, packages: Int, _ x: UnsafeMutableBufferPointer<Double>) {
        func missing(_ fs: [RiskFeature]) { for f in fs { x[f.rawValue] = .nan } }
        if !h.known.views { missing(viewFeatures) }
        if h.lessons.isEmpty { missing(scheduleFeatures) }
        if !h.known.homework { missing(homeworkFeatures) }
        if reviews == 0 { missing(reviewFeatures) }
        if !h.known.deals { missing(moneyFeatures) } else if packages == 0 { x[RiskFeature.daysToPackageEnd.rawValue] = .nan }
    }

    /// Least-squares slope of scores against their order (per homework).
    static func slope(_ reviews: [StudentHistory.Review], _ range: Range<Int>) -> Double {
        guard range.count >= 2 else { return 0 }
        let n = Double(range.count)
        let mx = (n - 1) / 2
        var my = 0.0
        for k in range { my += reviews[k].score }
        my /= n
        var num = 0.0, den = 0.0
        for k in range {
            let dx = Double(k - range.lowerBound) - mx
            num += dx * (reviews[k].score - my)
            den += dx * dx
        }
        return num / den
    }

    // MARK: - The group

    /// A cohort's active members (anyone active in the last 28 days): their activity and their scores.
    struct GroupSums {
        var activity = 0.0, active = 0, score = 0.0, scored = 0

        mutating func add(_ x: UnsafeBufferPointer<Double>) {
            if x[RiskFeature.activeDays28.rawValue] > 0 {
                activity += x[RiskFeature.activeDays14.rawValue]
                active += 1
            }
            let s = x[RiskFeature.scoreMean3.rawValue]
            if !s.isNaN {
                score += s
                scored += 1
            }
        }

        mutating func merge(_ o: GroupSums) {
            activity += o.activity; active += o.active; score += o.score; scored += o.scored
        }
    }

    /// One chunk's share of every cohort, and which of them each of its rows belongs to.
    struct CohortSums {
        var slots: [Int64: Int32] = [:]
        var cohorts: [Int64] = []
        var sums: [GroupSums] = []
        var rowSlot: [Int32] = []

        mutating func add(cohort: Int64, _ x: UnsafeBufferPointer<Double>) {
            let slot: Int32
            if let s = slots[cohort] {
                slot = s
            } else {
                slot = Int32(cohorts.count)
                slots[cohort] = slot
                cohorts.append(cohort)
                sums.append(GroupSums())
            }
            sums[Int(slot)].add(x)
            rowSlot.append(slot)
        }
    }

    /// Activity and scores against the cohort (no gap when the student or the group has no score yet).
    static func compare(_ x: UnsafeMutableBufferPointer<Double>, with g: GroupSums) {
        let activity = x[RiskFeature.activeDays14.rawValue]
        let groupActivity = g.active == 0 ? activity : g.activity / Double(g.active)
        x[RiskFeature.activityVsGroup.rawValue] = min(3, (activity + 0.5) / (groupActivity + 0.5))
        let own = x[RiskFeature.scoreMean3.rawValue]
        if g.scored == 0 || own.isNaN {
            x[RiskFeature.scoreGapToGroup.rawValue] = .nan
        } else {
            let groupScore = g.score / Double(g.scored)
            x[RiskFeature.scoreGapToGroup.rawValue] = min(1, max(-1, (groupScore - own) / max(groupScore, 0.05)))
        }
    }
}

/// 1 for true, 0 for false, as a number (no branch).
@inline(__always)
private func bit(_ b: Bool) -> Int { Int(unsafeBitCast(b, to: UInt8.self)) }
