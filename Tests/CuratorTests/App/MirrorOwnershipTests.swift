import CuratorApp
import Testing

/// A mirror holds one school: what a sync may do with a mirror, by the owner it records.
@Suite struct MirrorOwnershipTests {
    @Test func aNewMirrorIsClaimed() {
        #expect(MirrorOwnership.decide(current: nil, identity: "school.getcourse.ru") == .claim)
    }

    @Test func theSameAccountKeepsItsMirror() {
        #expect(MirrorOwnership.decide(current: "school.getcourse.ru", identity: "school.getcourse.ru") == .keep)
    }

    @Test func theDemoKeepsItsMirror() {
        #expect(MirrorOwnership.decide(current: "demo", identity: "demo") == .keep)
    }

    @Test func anotherSimulatedSchoolEmptiesADemoMirror() {
        #expect(MirrorOwnership.decide(current: "demo", identity: "demo-other-7") == .resetDemo)
        #expect(MirrorOwnership.decide(current: "demo-other-7", identity: "demo-other-8") == .resetDemo)
    }

    @Test func aRealAccountEmptiesADemoMirror() {
        #expect(MirrorOwnership.decide(current: "demo-other-7", identity: "school.getcourse.ru") == .resetDemo)
    }

    @Test func anotherAccountIsRefusedARealMirror() {
        #expect(MirrorOwnership.decide(current: "school.getcourse.ru", identity: "other.getcourse.ru") == .refuse(owner: "school.getcourse.ru"))
    }

    @Test func theDemoIsRefusedARealMirror() {
        #expect(MirrorOwnership.decide(current: "school.getcourse.ru", identity: "demo") == .refuse(owner: "school.getcourse.ru"))
    }

    @Test func eachGeneratedSchoolOwnsItsMirrorTheShippedOneShares() {
        #expect(DemoSchool(seed: 7, students: 60, other: true).identity == "demo-other-7")
        #expect(DemoSchool(seed: 7, students: 60, other: false).identity == DemoSchool(seed: 8, students: 320, other: false).identity)
    }
}
