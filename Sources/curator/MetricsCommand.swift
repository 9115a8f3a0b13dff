import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Storage

extension MetricsPeriod: ExpressibleByArgument {}

/// What both `metrics` and `report` take: the mirror, the periods, the range, the ROI assumptions.
struct MetricsOptions: ParsableArguments {
    @OptionGroup var mirror: MirrorOptions
    @Option(help: "Count by week, month or quarter.") var period: MetricsPeriod = .month
    @Option(help: ArgumentHelp("From the period holding this day, YYYY-MM-DD (default: the last 12 weeks, 6 months or 4 quarters, from the first enrolment).", valueName: "date"))
    var since: String?
    @Option(help: ArgumentHelp("Compute as of this moment, YYYY-MM-DD [HH:MM], Moscow time (default: now); later events are left out.",
                               valueName: "date"))
    var asOf: String?
    @OptionGroup(title: "ROI assumptions (over the config file's roi section)") var roi: ROIOptions

    func validate() throws {
        if let since, AccountTime.moscow.parse(since) == nil { throw ValidationError("--since: not a date (YYYY-MM-DD): \(since)") }
        if let asOf, AccountTime.moscow.parse(asOf) == nil { throw ValidationError("--as-of: not a date (YYYY-MM-DD [HH:MM]): \(asOf)") }
    }

    func compute() -> (SchoolMetrics, SchoolCatalog) {
        let catalog = AppEnvironment.overrides()
        let assumptions = roi.assumptions
        let store = AppEnvironment.openMirror(mirror, create: false)
        let now = asOf.flatMap(AccountTime.moscow.parse) ?? Date()
        do {
            let m = try MetricsStore(store).metrics(period: period, since: since.flatMap(AccountTime.moscow.parse), now: now,
                                                                      assumptions: assumptions)
            return (m, catalog)
        } catch {
            fail("cannot read the mirror: \(error)")
        }
    }
}

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "The school's results from the mirror: retention, cohorts, homework and reply speed, workload, revenue, ROI.",
        discussion: """
            Every figure is counted from the mirror; the money view states its assumptions beside each result \
            (set them with the flags below or in config.json's roi section: $CURATOR_CONFIG, else \
            $XDG_CONFIG_HOME/curator/config.json). JSON durations are in seconds, shares from 0 to 1.
            """
    )

    @OptionGroup var options: MetricsOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let (m, catalog) = options.compute()
        if json { return printJSON(m, snakeCase: true) }
        print(MetricsReport(metrics: m, school: AppEnvironment.schoolName(catalog)).text())
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the school's results as a report for the owner: Markdown, or CSV for a spreadsheet.",
        discussion: "The same figures as `curator metrics`, to standard output or --output FILE (written whole, then moved into place)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, csv }

    @OptionGroup var options: MetricsOptions
    @Option(help: "md or csv.") var format: Format = .md
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path")) var output: String?

    func run() throws {
        let (m, catalog) = options.compute()
        let report = MetricsReport(metrics: m, school: AppEnvironment.schoolName(catalog))
        let text = format == .md ? report.markdown() : report.csv()
        guard let output else { return print(text, terminator: "") }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            fail("--output \(output): cannot write (\((error as NSError).localizedDescription))")
        }
        print("Отчёт записан: \(output)")
    }
}
