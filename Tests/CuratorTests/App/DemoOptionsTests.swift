import ArgumentParser
import CuratorApp
import Integrations
import MockGetCourse
import Testing

/// The simulated school's flags, as `dashboard`, `sync` and `mock-getcourse` take them, and the
/// demo school and pace they choose.
@Suite struct DemoOptionsTests {
    typealias Demo = DemoOptions

    /// The one line `arguments` are refused with.
    static func refusal(_ arguments: [String]) -> String {
        do {
            _ = try Demo.parse(arguments)
            return "accepted"
        } catch {
            return Demo.message(for: error)
        }
    }

    @Test func withoutFlagsTheShippedSchoolOf320Students() throws {
        #expect(try Demo.parse([]).school == DemoSchool(seed: 42, students: 320, other: false))
    }

    @Test func theFlagsChooseTheSchool() throws {
        #expect(try Demo.parse(["--seed", "7", "--students", "60", "--other-school"]).school == DemoSchool(seed: 7, students: 60, other: true))
    }

    @Test func studentsAreBetween1And100000() {
        #expect(Self.refusal(["--students", "0"]) == "--students must be between 1 and 100000")
        #expect(Self.refusal(["--students", "100001"]) == "--students must be between 1 and 100000")
        #expect(Self.refusal(["--students", "100000"]) == "accepted")
    }

    @Test func aGeneratedSchoolWithoutTheShippedOneSaysWhatIsMissing() {
        let dir = TestSupport.TempDir()
        do {
            _ = try DemoSchool(seed: 7, students: 60, other: true).catalog(data: dir.path)
            Issue.record("a school was generated from nothing")
        } catch {
            #expect("\(error)" == "the generated school borrows its homework and names from data/demo-school, which is missing here (\(dir.path))")
        }
    }

    @Test func aSinglePassSeesAFrozenSchoolTheDashboardALivingOne() {
        let school = DemoSchool(seed: 42, students: 320, other: false)
        #expect(DemoPacing.standard.mockConfiguration(school, liveEvents: false).eventRate == 0)
        #expect(DemoPacing.standard.mockConfiguration(school, liveEvents: true).eventRate == DemoPacing.standard.eventRate)
    }

    @Test func theDemoSyncStaysUnderItsMocksTechAPILimit() {
        #expect(DemoPacing.standard.syncConfiguration().techRequestsPerSecond < Double(DemoPacing.standard.mockTechRequestsPerSecond))
    }
}
