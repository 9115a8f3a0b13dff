import Domain
import Foundation
import Testing

struct AccountTimeTests {
    let t = AccountTime.moscow

    @Test func parsesMoscowWallClockIntoTheRightInstant() throws {
        let d = try #require(t.parse("2026-09-01 12:00:00"))
        #expect(d.timeIntervalSince1970 == 1_788_253_200) // 09:00 UTC
        #expect(t.format(d) == "2026-09-01 12:00:00")
        #expect(t.iso8601(d) == "2026-09-01T12:00:00+03:00")
        #expect(t.day(d) == "2026-09-01")
    }

    @Test func dayBoundaryFollowsMoscowNotUTC() throws {
        let lateUTC = try #require(t.parse("2026-03-01T22:30:00Z"))
        #expect(t.day(lateUTC) == "2026-03-02")
    }

    @Test func acceptsShortAndOffsetForms() {
        #expect(t.parse("2026-01-02") == t.parse("2026-01-02 00:00:00"))
        #expect(t.parse("2026-01-02 10:05") == t.parse("2026-01-02 10:05:00"))
        #expect(t.parse("2026-01-02T10:05:00+03:00") == t.parse("2026-01-02 10:05:00"))
        #expect(t.parse("2026-01-02T07:05:00.123Z") == t.parse("2026-01-02 10:05:00"))
        #expect(t.parse("2026-01-02T10:05:00-0130") == t.parse("2026-01-02 14:35:00"))
    }

    @Test(arguments: ["", "null", "2026-13-01 00:00:00", "2026-01-01 25:00:00", "2026/01/01", "2026-01-01 10:00:00 junk"])
    func rejectsGarbage(_ text: String) {
        #expect(t.parse(text) == nil)
    }

    @Test func roundTripsAcrossCenturies() {
        for seconds in stride(from: -2_000_000_000.0, to: 4_000_000_000.0, by: 86_399 * 97) {
            let d = Date(timeIntervalSince1970: seconds)
            #expect(t.parse(t.format(d)) == d)
        }
    }

    @Test func countsCalendarDays() {
        #expect(AccountTime.daysBetween("2026-02-27", "2026-03-01") == 2)
        #expect(AccountTime.daysBetween("2024-02-27", "2024-03-01") == 3)
    }
}
