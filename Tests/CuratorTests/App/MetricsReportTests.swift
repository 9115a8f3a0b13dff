import CuratorApp
import Domain
import Foundation
import Testing

/// The report's text, Markdown and CSV for a school with one payment, two months in.
@Suite struct MetricsReportTests {
    static func t(_ text: String) -> Double { AccountTime.moscow.parse(text)!.timeIntervalSince1970 }

    static let report = MetricsReport(
        metrics: SchoolMetrics.compute(MetricsRecords(payments: [Payment(at: t("2026-09-10 10:00"), kopecks: 499_000)]),
                                       period: .month, since: t("2026-09-01"), now: t("2026-10-15 12:00")),
        school: "Школа Тест")

    @Test func theTextOpensWithTheSchoolThePeriodAndTheMoment() {
        #expect(Self.report.text().components(separatedBy: "\n").first == "Школа Тест — показатели, период: месяц, сен 2026 — окт 2026 (на 2026-10-15 12:00 МСК)")
    }

    @Test func theFirstTableHasAPeriodPerRowFiguresRightAligned() {
        let lines = Self.report.text().components(separatedBy: "\n")
        #expect(Array(lines[2...6]) == [
            "Ученики и выручка",
            "  Период           Активных  Новых  Выбыло  Удержание  Выручка",
            "  сен 2026                0      0       0          —  4 990 ₽",
            "  окт 2026 (идёт)         0      0       0          —      0 ₽",
            "  Всего                   0      0       0          —  4 990 ₽",
        ])
    }

    /// The money table's first column is the label with a blank header: «Сумма» stands over the sums.
    @Test func theMoneyTableHeaderStandsOverItsColumns() throws {
        let lines = Self.report.text().components(separatedBy: "\n")
        let header = try #require(lines.first { $0.contains("Сумма") && $0.contains("Из чего") })
        let total = try #require(lines.first { $0.hasPrefix("  Итог") })
        func column(_ line: String, _ end: String.Index) -> Int { line.distance(from: line.startIndex, to: end) }
        // The sums are right-aligned: «Сумма» ends where the total's sum («… ₽») ends.
        let sumEnd = try #require(header.range(of: "Сумма")).upperBound
        let rubEnd = try #require(total.range(of: "₽")).upperBound
        #expect(column(header, sumEnd) == column(total, rubEnd), "\(header)\n\(total)")
    }

    @Test func markdownHasTheSameRows() {
        let lines = Self.report.markdown().components(separatedBy: "\n")
        #expect(Array(lines[2...7]) == [
            "## Ученики и выручка",
            "",
            "| Период | Активных | Новых | Выбыло | Удержание | Выручка |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            "| сен 2026 | 0 | 0 | 0 | — | 4 990 ₽ |",
            "| окт 2026 (идёт) | 0 | 0 | 0 | — | 0 ₽ |",
        ])
    }

    @Test func csvHoldsRawNumbersPerPeriod() {
        let rows = Self.report.csv().components(separatedBy: "\r\n")
        #expect(rows.first == "period,start,metric,value,unit")
        #expect(rows.filter { $0.contains(",revenue,") } == [
            "сен 2026,2026-09-01T00:00:00+03:00,revenue,4990,RUB",
            "окт 2026,2026-10-01T00:00:00+03:00,revenue,0,RUB",
            "сен 2026 — окт 2026,2026-09-01T00:00:00+03:00,revenue,4990,RUB",
        ])
    }
}
