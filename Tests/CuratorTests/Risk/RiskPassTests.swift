import Domain
import Foundation
import GRDB
import Integrations
import Storage
import Testing

/// The risk pass over a mirror synced from the mock: scores, alerts, their lifecycle in storage.
@Suite struct RiskPassTests {
    @Test func everySyncPassScoresEveryStudentAndStoresAlertsOnce() async throws {
        let h = try await SyncHarness(seed: 21, students: 80)
        let summary = await h.pass(h.engine())
        #expect(summary.ok, "\(summary.errors) \(summary.fatal ?? "")")
        let risk = try #require(summary.risk)
        let students = try StudentQueries(h.store).students()
        #expect(risk.scored == students.count && risk.scored >= 80)
        #expect(risk.high + risk.medium + risk.low + risk.left == risk.scored)
        #expect(risk.alertsOpened > 0 && risk.notify.count == risk.alertsOpened)

        let ranked = try StudentQueries(h.store).students(sort: .risk)
        #expect(ranked.allSatisfy { $0.risk != nil && $0.level != nil })
        let staying = ranked.filter { !$0.hasLeft }
        #expect(staying.map { $0.risk! } == staying.map { $0.risk! }.sorted(by: >))
        #expect(ranked.prefix(staying.count).allSatisfy { !$0.hasLeft })
        let high = try StudentQueries(h.store).students(level: .high)
        #expect(high.count == risk.high && high.allSatisfy { $0.level == .high })

        let detail = try #require(try StudentQueries(h.store).student(id: ranked[0].id))
        #expect(detail.features.map(\.feature) == RiskFeature.allCases.map(\.key))
        // A value is known and finite, or missing (nil) with no contribution.
        #expect(detail.features.allSatisfy { f in f.contribution.isFinite && (f.value.map(\.isFinite) ?? (f.contribution == 0)) })

        // The same engine's next pass rescores only if it changed the mirror (the last scores are fresh).
        let engine = h.engine()
        _ = await h.pass(engine)
        let next = await h.pass(engine)
        #expect((next.risk != nil) == next.changedMirror, "\(next.entities)")

        // A second pass over the same data opens nothing new and keeps one active alert per (student, rule).
        let again = try RiskStore(h.store, overrides: TestSupport.catalog).runPass()
        #expect(again.alertsOpened == 0 && again.notify.isEmpty)
        let duplicates = try await h.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM alerts WHERE closed_at IS NULL GROUP BY user_id, rule HAVING count(*) > 1)")
        }
        #expect(duplicates == 0)
    }

    /// The list's lessons column (stored with the scores) and the progress pane (one student's history) agree with the mirror.
    @Test func progressOfAStudentAgreesWithTheListAndTheMirror() async throws {
        let h = try await SyncHarness(seed: 23, students: 40)
        _ = await h.pass(h.engine())
        let risk = RiskStore(h.store, overrides: TestSupport.catalog)
        var started = 0
        for st in try StudentQueries(h.store).students(sort: .risk) {
            let p = try #require(try risk.progress(of: st.id), "\(st.id)")
            #expect(st.lessonsDone == p.done && st.lessonsTotal == p.total, "\(st.id)")
            let accepted = try await h.store.pool.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(DISTINCT lesson_id) FROM lesson_answers WHERE user_id = ? AND type = 'mission_answer' AND status = 'accepted'
                    """, arguments: [st.id])
            }
            #expect(p.lessons.filter { $0.state == .accepted }.count == accepted, "\(st.id)")
            #expect(p.weeklyActiveDays.count == 8 && p.weeklyActiveDays.allSatisfy { (0...7).contains($0) })
            if p.done > 0 { started += 1 }
        }
        #expect(started > 10)
    }

    @Test func acknowledgeAndNotUsefulAreKeptAndClosedAlertsRefuse() async throws {
        let h = try await SyncHarness(seed: 22, students: 40)
        _ = await h.pass(h.engine())
        let alerts = AlertStore(h.store)
        let open = try alerts.list(openOnly: true)
        #expect(open.count >= 2)
        try alerts.acknowledge(open[0].alert.id!)
        try alerts.markNotUseful(open[1].alert.id!)
        let after = try alerts.list(openOnly: true)
        #expect(after.first { $0.alert.id == open[0].alert.id }?.alert.state == .acknowledged)
        #expect(after.first { $0.alert.id == open[1].alert.id }?.alert.state == .notUseful)
        // The dashboard's counters: every open alert, and those still waiting for the curator.
        let counts = try StatusCounts(h.store)
        #expect(counts.openAlerts == after.count && counts.unacknowledgedAlerts == after.count - 2)
        #expect(try alerts.list(openOnly: true, limit: 1).count == 1)
        #expect(throws: AlertStoreError.noSuchAlert(999_999_999)) { try alerts.acknowledge(999_999_999) }

        // The curator's marks survive the next pass while the cause holds.
        _ = try RiskStore(h.store, overrides: TestSupport.catalog).runPass()
        let kept = try alerts.list(openOnly: true)
        #expect(kept.first { $0.alert.id == open[1].alert.id }?.alert.state == .notUseful)

        // Closed: the same pass a month later (everyone silent) resolves a missed-deadline alert, say, or supersedes.
        let later = try RiskStore(h.store, overrides: TestSupport.catalog).runPass(now: Date().addingTimeInterval(40 * 86400))
        #expect(later.alertsClosed > 0)
        let closed = try #require(try alerts.list(openOnly: false).first { $0.alert.isClosed })
        #expect(throws: AlertStoreError.closed(closed.alert.id!)) { try alerts.acknowledge(closed.alert.id!) }
    }

    /// Activity stamps are logged as the sync sees them change, whatever path writes the user.
    @Test func everyNewActivityStampIsLogged() async throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        let t = Date(timeIntervalSince1970: 1_780_000_000)
        try w.upsert(students: [Student(id: 5, email: "a@b.ru", firstName: "Ёжик", lastName: "", createdAt: t, lastActivityAt: t)])
        try w.upsert(students: [Student(id: 5, email: "a@b.ru", firstName: "Ёжик", lastName: "", createdAt: t, lastActivityAt: t + 3600)])
        try w.upsert(students: [Student(id: 5, email: "a@b.ru", firstName: "Ёжик", lastName: "", createdAt: t, lastActivityAt: t + 3600)])
        let stamps = try await store.pool.read { db in try Double.fetchAll(db, sql: "SELECT at FROM user_activity WHERE user_id = 5 ORDER BY at") }
        #expect(stamps == [t.timeIntervalSince1970, t.timeIntervalSince1970 + 3600])
    }
}
