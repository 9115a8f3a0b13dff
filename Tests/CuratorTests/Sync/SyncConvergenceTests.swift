import Domain
import Foundation
import Integrations
import MockGetCourse
import Storage
import Testing

@Suite(.serialized) struct SyncConvergenceTests {
    @Test func onePassMirrorsTheWholeSchool() async throws {
        let h = try await SyncHarness(students: 60)
        let summary = await h.pass(h.engine())
        #expect(summary.ok, "\(summary.errors) \(summary.fatal ?? "")")
        #expect(summary.deferred.isEmpty)
        MirrorSnapshot.expectEqual(try h.snapshot(), h.truth())
        // Hostile names survive byte for byte.
        let names = try h.snapshot().users.map(\.firstName)
        #expect(names.contains { $0.contains("\u{1B}[31m") })
        #expect(names.contains { $0.contains("\u{202E}") })

        // A second pass finds nothing new and duplicates nothing.
        let again = await h.pass(h.engine())
        #expect(again.ok)
        #expect(again.entities.values.allSatisfy { $0.new == 0 && $0.updated == 0 }, "\(again.entities)")
        MirrorSnapshot.expectEqual(try h.snapshot(), h.truth())
    }

    /// The budget: a pass over an unchanged school exports no group (a study group's full member list
    /// is due again only after the refresh interval), only the users and deals since the last pass.
    @Test func aPassOverAnUnchangedSchoolExportsNoGroup() async throws {
        let h = try await SyncHarness(students: 40)
        var config = SyncHarness.fastConfiguration()
        config.fullUserRefreshInterval = 3600
        let first = await h.pass(h.engine(config))
        #expect(first.ok && first.exportPolls.count > 3)
        let again = await h.pass(h.engine(config))
        #expect(again.ok)
        // Users created since, deals created since, deals whose status changed since.
        #expect(again.exportPolls.count == 3, "\(again.exportPolls.count) exports")
        #expect(again.entities["memberships"] == nil)
    }

    /// Exports only report additions; a student who changes streams must still leave the old group.
    @Test func aStudentWhoSwitchesStreamsLeavesTheOldGroup() async throws {
        let h = try await SyncHarness(students: 30)
        _ = await h.pass(h.engine())
        let truth = h.mock.truth()
        let mover = try #require(truth.students.first { s in
            (TestSupport.catalog.training(id: s.trainingId)?.streams.count ?? 0) > 1
        })
        #expect(h.mock.switchStream(userId: mover.id))
        let summary = await h.pass(h.engine())
        #expect(summary.ok)
        #expect(summary.removed["memberships"] == 1)
        MirrorSnapshot.expectEqual(try h.snapshot(), h.truth())
        let groups = try StudentQueries(h.store).student(id: mover.id)?.summary.groups ?? []
        #expect(groups.count == Set(groups).count)
        #expect(!groups.contains { name in TestSupport.catalog.trainings.flatMap(\.streams).first { $0.groupId == mover.streamGroupId }?.name == name })
    }

    @Test func twentyPercentFaultsOfEveryKindConverge() async throws {
        let faults = try #require(FaultPlan.parse("0.2", stallSeconds: 1.0))
        let h = try await SyncHarness(seed: 11, students: 40, faults: faults)
        var passes = 0
        var summary: SyncSummary
        repeat {
            summary = await h.pass(h.engine(timeout: 0.6))
            passes += 1
        } while !(summary.ok && summary.deferred.isEmpty) && passes < 10
        #expect(summary.ok, "after \(passes) passes: \(summary.errors.prefix(3)) \(summary.fatal ?? "")")
        MirrorSnapshot.expectEqual(try h.snapshot(), h.truth())
        for kind in FaultPlan.Kind.allCases {
            #expect(h.mock.servedCount("fault:" + kind.rawValue) > 0, "fault \(kind) was never injected")
        }
    }

    @Test func aRestartResumesTheInFlightExportInsteadOfStartingAgain() async throws {
        let h = try await SyncHarness(students: 20, exportBuildSeconds: 0.3)
        var impatient = SyncHarness.fastConfiguration()
        impatient.firstPollDelay = 0
        impatient.pollInterval = 0.01
        impatient.maxPollsPerExport = 1
        let first = await h.pass(h.engine(impatient))
        #expect(first.deferred.contains { $0.hasPrefix("users:") })
        let pending = try SyncStateStore(h.store).allInFlightExports()
        #expect(pending.map(\.slot) == ["users"])
        let startsBefore = h.mock.servedCount("export:start")

        // A new engine (a restarted process) polls the persisted id rather than exporting again.
        var patient = SyncHarness.fastConfiguration()
        patient.pollInterval = 0.2
        patient.maxPollsPerExport = 20
        let second = await h.pass(h.engine(patient))
        #expect(second.ok, "\(second.errors)")
        #expect(h.mock.servedCount("fault:905") == 0)
        #expect(h.mock.servedCount("export:start") > startsBefore)
        #expect(try SyncStateStore(h.store).allInFlightExports().isEmpty)
        // The users export was resumed, not restarted: one start fewer than a fresh pass needs.
        let fresh = try await SyncHarness(students: 20, exportBuildSeconds: 0.05)
        _ = await fresh.pass(fresh.engine())
        #expect(h.mock.servedCount("export:start") == fresh.mock.servedCount("export:start"))
        MirrorSnapshot.expectEqual(try h.snapshot(), h.truth())
    }

    /// A compressed "day" (12 limit windows) of back-to-back passes against the enforced limit.
    @Test func continuousSyncingNeverHitsTheRequestLimit() async throws {
        let limit = 60, window = 2.0
        let h = try await SyncHarness(students: 30, requestLimit: limit, window: window)
        var config = SyncHarness.fastConfiguration()
        config.fullUserRefreshInterval = 3600 // production's cadence is 6 h: full exports at most once here
        let engine = h.engine(config, limit: limit, window: window)
        let end = Date().addingTimeInterval(12 * window)
        var converged = false
        var passes = 0
        var last: SyncSummary?
        while Date() < end {
            let s = await h.pass(engine)
            last = s
            passes += 1
            #expect(s.fatal == nil)
            if s.ok && s.deferred.isEmpty { converged = true }
            // Space passes as the background job does: start one when a whole incremental pass fits
            // (groups, users, two deal windows, a few changed groups).
            let wait = engine.budget.availableAt(12).timeIntervalSinceNow
            if wait > 0 { try await Task.sleep(nanoseconds: UInt64(min(wait, 5) * 1e9)) }
        }
        #expect(h.mock.servedCount("903") == 0)
        #expect(passes > 3)
        #expect(converged, "after \(passes) passes; last: \(last?.errors.prefix(2) ?? []) \(last?.deferred.prefix(2) ?? [])")
        MirrorSnapshot.expectEqual(try h.snapshot(), h.truth())
    }
}
