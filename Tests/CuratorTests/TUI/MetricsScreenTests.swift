import CuratorTUI
import Domain
import Foundation
import Storage
import Testing

/// The metrics screen: keys and messages through `update`, the figures of KnownMirror on the grid.
@Suite struct MetricsScreenTests {
    static let known: SchoolMetrics = {
        let dir = TestSupport.TempDir()
        let store = try! KnownMirror.write(to: dir.file("m.sqlite"))
        return try! MetricsStore(store).metrics(period: .month, since: Date(timeIntervalSince1970: KnownMirror.t("2026-09-01 00:00")),
                                                                              now: Date(timeIntervalSince1970: KnownMirror.now))
    }()

    static func opened(_ w: Int, _ h: Int) -> AppState {
        var s = AppState()
        _ = Dashboard.update(&s, .resize(TermSize(width: w, height: h)))
        _ = Dashboard.update(&s, .studentsLoaded(DashboardUpdateTests.students))
        _ = Dashboard.update(&s, .key(.char("m")))
        _ = Dashboard.update(&s, .metricsLoaded(known))
        return s
    }

    @Test func mOpensItAndLoadsTheFiguresAndEscOrAPaneKeyLeaves() {
        var s = AppState()
        #expect(Dashboard.update(&s, .key(.char("m"))) == [.loadMetrics(.month)] && s.mode == .metrics)
        #expect(Dashboard.update(&s, .key(.escape)) == [] && s.mode != .metrics)
        // The same physical key on a Russian layout.
        #expect(Dashboard.update(&s, .key(.char("ь"))) == [.loadMetrics(.month)] && s.mode == .metrics)
        // A live change reloads the figures only while the screen is open.
        #expect(Dashboard.update(&s, .mirrorChanged).contains(.loadMetrics(.month)))
        _ = Dashboard.update(&s, .key(.char("3")))
        #expect(s.mode != .metrics && s.focus == .alerts)
        #expect(!Dashboard.update(&s, .mirrorChanged).contains(.loadMetrics(.month)))
        // p means nothing outside the screen.
        #expect(Dashboard.update(&s, .key(.char("p"))) == [] && s.metrics.period == .month)
    }

    @Test func thePeriodSwitchDropsFiguresOfTheOldPeriod() {
        var s = Self.opened(120, 40)
        #expect(Dashboard.update(&s, .key(.char("p"))) == [.loadMetrics(.quarter)] && s.metrics.period == .quarter)
        var late = Self.known
        late.roi.hoursSaved = 99
        _ = Dashboard.update(&s, .metricsLoaded(late))  // the month's figures, arriving late
        #expect(s.metrics.figures?.roi.hoursSaved != 99)
        #expect(Dashboard.update(&s, .key(.char("з"))) == [.loadMetrics(.week)])
        #expect(Dashboard.update(&s, .key(.char("p"))) == [.loadMetrics(.month)])
        _ = Dashboard.update(&s, .metricsLoaded(late))
        #expect(s.metrics.figures?.roi.hoursSaved == 99)
    }

    @Test func pagingStopsAtTheEndAndComesBackAtOnce() {
        var s = Self.opened(80, 24)
        _ = Dashboard.update(&s, .key(.char("j")))
        #expect(s.metrics.scroll == 1)
        _ = Dashboard.update(&s, .key(.char("G")))
        let end = s.metrics.scroll
        #expect(end > 1)
        _ = Dashboard.update(&s, .key(.pageDown))
        #expect(s.metrics.scroll == end)
        _ = Dashboard.update(&s, .key(.char("k")))
        #expect(s.metrics.scroll == end - 1)
        #expect(Dashboard.view(s).grid.text.contains("Итог"))
        _ = Dashboard.update(&s, .key(.home))
        #expect(s.metrics.scroll == 0)
    }

    @Test(arguments: [(80, 24), (160, 48)]) func theFiguresOnScreen(_ size: (Int, Int)) {
        var s = Self.opened(size.0, size.1)
        var text = Dashboard.view(s).grid.text
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { Grid.width(of: String($0)) == size.0 })
        let lines = text.split(separator: "\n").map(String.init)
        // Bars scaled to October's 3 active students; retention beside, November's still running.
        let oct = lines.first { $0.contains("окт 2026") && $0.contains("удерж.") }
        #expect(oct?.contains("█") == true && oct?.contains("  3  удерж. 67%*") == true, "\(text)")
        #expect(lines.contains { $0.contains("сен 2026") && $0.contains("  2  удерж. 100%") })
        #expect(lines.contains { $0.contains("Новые") && $0.contains("всего 4") })
        // The longest bar pushes nothing: every period's count and retention start in one column.
        let retention = Set(lines.compactMap { line in line.range(of: "удерж.").map { Grid.width(of: String(line[..<$0.lowerBound])) } })
        #expect(retention.count == 1, "\(text)")
        #expect(lines.contains { $0.contains("ответ ученику: ассистент") && $0.contains("15 с / 20 с") })
        #expect(lines.contains { $0.contains("ответ ученику: куратор") && $0.contains("3,0 ч / 4,0 ч") })
        _ = Dashboard.update(&s, .key(.char("G")))
        text = Dashboard.view(s).grid.text
        #expect(text.split(separator: "\n").contains { $0.contains("сен 2026") && $0.contains("2 100% 100%  50%") }, "\(text)")
        #expect(text.contains("0,3 ч = 167 ₽") && text.contains("+1 144 ₽") && text.contains("ROI 5446%"), "\(text)")
        #expect(text.contains("[месяц]"))
    }

    @Test func beforeTheFirstFiguresItSaysTheyAreComing() {
        var s = AppState()
        _ = Dashboard.update(&s, .resize(TermSize(width: 100, height: 30)))
        _ = Dashboard.update(&s, .key(.char("m")))
        #expect(Dashboard.view(s).grid.text.contains("Считаем показатели по зеркалу…"))
    }
}
