import Domain
import Foundation
import Testing

@Suite struct AlertEngineTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// A student whose every feature sits at the prior's centre (nothing alarming), then `changes`.
    func score(_ changes: [RiskFeature: Double] = [:], id: Int64 = 1, model: RiskModel = .prior) -> RiskScore {
        var x = RiskModel.prior.centers
        x[RiskFeature.daysToPackageEnd.rawValue] = 30
        for (f, v) in changes { x[f.rawValue] = v }
        return RiskScore(studentId: id, features: x, model: model)
    }

    func rules(_ s: RiskScore) -> Set<AlertRule> { Set(AlertConditions.evaluate(s).map(\.rule)) }

    @Test func aTypicalStudentRaisesNothing() {
        #expect(rules(score()).isEmpty)
    }

    @Test func eachRuleFiresAtItsThresholdAndNotBelow() {
        #expect(rules(score([.daysSinceActivity: 4.9])).isDisjoint(with: [.inactive5, .inactive11]))
        #expect(rules(score([.daysSinceActivity: 5])).contains(.inactive5))
        #expect(rules(score([.daysSinceActivity: 11])) .contains(.inactive11))
        #expect(!rules(score([.daysSinceActivity: 11])).contains(.inactive5))
        #expect(rules(score([.consecutiveMissed: 1])).contains(.missedDeadline))
        #expect(!rules(score([.consecutiveMissed: 0])).contains(.missedDeadline))
        #expect(rules(score([.scoreGapToGroup: 0.25])).contains(.scoresBelowGroup))
        #expect(!rules(score([.scoreGapToGroup: 0.24])).contains(.scoresBelowGroup))
        #expect(rules(score([.unansweredDays: 1])).contains(.unansweredMessage))
        #expect(!rules(score([.unansweredDays: 0.9])).contains(.unansweredMessage))
        #expect(rules(score([.daysToPackageEnd: 7])).contains(.packageEnding))
        #expect(!rules(score([.daysToPackageEnd: 7.5])).contains(.packageEnding))
        #expect(!rules(score([.daysToPackageEnd: -1])).contains(.packageEnding))
        #expect(rules(score([.failedPayment: 1])).contains(.paymentFailed))
        let high = score([.failedPayment: 1, .daysSinceActivity: 9, .firstHomeworkMissing: 1])
        #expect(high.level == .high)
        #expect(rules(high).contains(.riskHigh))
        #expect(!rules(score([.daysSinceActivity: 5])).contains(.riskHigh))
    }

    @Test func aStudentWhoHasLeftKeepsOnlyTheInactivityAlert() {
        let gone = score([.daysSinceActivity: 30, .consecutiveMissed: 3, .failedPayment: 1])
        #expect(gone.hasLeft)
        #expect(rules(gone) == [.inactive11])
    }

    func pass(_ active: [Alert], _ conditions: [AlertCondition], at t: Date) -> (AlertChanges, [Alert]) {
        let c = AlertEngine.reconcile(active: active, conditions: conditions, now: t)
        // What the store would hold afterwards (ids given to new alerts).
        var next = active.filter { a in !c.closed.contains { $0.id == a.id } && !c.updated.contains { $0.id == a.id } }
        next += c.updated
        var id = (active.compactMap(\.id).max() ?? 0) + 1
        for var a in c.opened { a.id = id; id += 1; next.append(a) }
        return (c, next)
    }

    func condition(_ rule: AlertRule, _ value: Int = 1, student: Int64 = 1) -> AlertCondition {
        AlertCondition(studentId: student, rule: rule, value: value)
    }

    @Test func oneActiveAlertPerStudentAndRule() {
        let (first, alerts) = pass([], [condition(.missedDeadline), condition(.missedDeadline, student: 2)], at: now)
        #expect(first.opened.count == 2 && first.notify.count == 2)
        let (again, same) = pass(alerts, [condition(.missedDeadline), condition(.missedDeadline, student: 2)], at: now + 3600)
        #expect(again == AlertChanges())
        #expect(same.count == 2)
    }

    @Test func aChangedValueUpdatesTheWordsWithoutNotifying() {
        let (_, alerts) = pass([], [condition(.inactive5, 5)], at: now)
        #expect(alerts[0].detail == "не заходит 5 дней")
        let (c, next) = pass(alerts, [condition(.inactive5, 6)], at: now + 86400)
        #expect(c.updated.count == 1 && c.notify.isEmpty && c.opened.isEmpty)
        #expect(next[0].detail == "не заходит 6 дней")
        #expect(next[0].changedAt == now + 86400 && next[0].openedAt == now)
    }

    @Test func aSevererAlertHidesTheLesserOneForTheSameCause() {
        let (_, alerts) = pass([], [condition(.inactive5)], at: now)
        let (c, next) = pass(alerts, [condition(.inactive11)], at: now + 6 * 86400)
        #expect(c.opened.map(\.rule) == [.inactive11])
        #expect(c.closed.map(\.rule) == [.inactive5])
        #expect(c.closed[0].closure == .superseded)
        #expect(next.filter { !$0.isClosed }.map(\.rule) == [.inactive11])
        // Never both at once, even if both conditions were reported.
        let (both, _) = pass([], [condition(.inactive5), condition(.inactive11)], at: now)
        #expect(both.opened.map(\.rule) == [.inactive11])
    }

    @Test func theAlertResolvesWhenTheCauseIsGone() {
        let (_, alerts) = pass([], [condition(.inactive11)], at: now)
        var acknowledged = alerts
        acknowledged[0].state = .acknowledged
        for start in [alerts, acknowledged] {
            let (c, _) = pass(start, [], at: now + 86400)
            #expect(c.closed.count == 1)
            #expect(c.closed[0].closure == .resolved && c.closed[0].closedAt == now + 86400)
        }
        // After it closed, the same cause later is a new alert.
        let (_, closedNext) = pass(alerts, [], at: now + 86400)
        let (reopen, _) = pass(closedNext.filter { !$0.isClosed }, [condition(.inactive11)], at: now + 10 * 86400)
        #expect(reopen.opened.count == 1)
    }

    @Test func anUnacknowledgedAlertRenotifiesAfter72Hours() {
        let (_, alerts) = pass([], [condition(.paymentFailed)], at: now)
        let (early, _) = pass(alerts, [condition(.paymentFailed)], at: now + 71 * 3600)
        #expect(early.notify.isEmpty)
        let (late, next) = pass(alerts, [condition(.paymentFailed)], at: now + 72 * 3600)
        #expect(late.notify.count == 1 && next[0].notifyCount == 2 && next[0].notifiedAt == now + 72 * 3600)
        var seen = alerts
        seen[0].state = .acknowledged
        #expect(pass(seen, [condition(.paymentFailed)], at: now + 100 * 3600).0.notify.isEmpty)
        var notUseful = alerts
        notUseful[0].state = .notUseful
        let (quiet, kept) = pass(notUseful, [condition(.paymentFailed)], at: now + 100 * 3600)
        #expect(quiet.notify.isEmpty && quiet.opened.isEmpty && kept[0].state == .notUseful)
    }

    @Test func aDuplicateActiveAlertIsClosed() {
        let a = Alert(id: 1, studentId: 1, rule: .riskHigh, detail: "x", openedAt: now, changedAt: now, notifiedAt: now)
        var b = a
        b.id = 2
        let (c, _) = pass([a, b], [condition(.riskHigh)], at: now + 60)
        #expect(c.closed.map(\.id) == [2] && c.opened.isEmpty)
    }
}
