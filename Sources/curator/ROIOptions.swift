import ArgumentParser
import CuratorApp
import Domain

/// The ROI assumptions: the config file's (or the defaults), each overridable by a flag.
struct ROIOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Curator minutes one question takes by hand (default 5).", valueName: "minutes"))
    var minutesPerAnswer: Double?
    @Option(help: ArgumentHelp("Curator minutes one homework check takes by hand (default 10).", valueName: "minutes"))
    var minutesPerCheck: Double?
    @Option(help: ArgumentHelp("A curator hour's cost in ₽ (default 500).", valueName: "rub"))
    var hourlyRate: Double?
    @Option(help: ArgumentHelp("Monthly retention before Curator, in percent (default 85); only retention above it counts as revenue kept.",
                               valueName: "percent"))
    var baselineRetention: Double?
    @Option(help: ArgumentHelp("Model price per million prompt tokens in ₽ (default 15).", valueName: "rub"))
    var promptPrice: Double?
    @Option(help: ArgumentHelp("Model price per million completion tokens in ₽ (default 60).", valueName: "rub"))
    var completionPrice: Double?
    @Option(help: ArgumentHelp("A full-time curator's hours per week (default 40).", valueName: "hours"))
    var curatorHoursPerWeek: Double?

    private var flags: [(name: String, key: ROIAssumptions.CodingKeys, value: Double?)] {
        [("--minutes-per-answer", .minutesPerAnswer, minutesPerAnswer), ("--minutes-per-check", .minutesPerCheck, minutesPerCheck),
         ("--hourly-rate", .hourlyRateRub, hourlyRate), ("--baseline-retention", .baselineRetention, baselineRetention),
         ("--prompt-price", .promptRubPerMillion, promptPrice), ("--completion-price", .completionRubPerMillion, completionPrice),
         ("--curator-hours-per-week", .curatorHoursPerWeek, curatorHoursPerWeek)]
    }

    /// The config file's assumptions with the flags over them (a flag's value is in the file's units).
    var assumptions: ROIAssumptions {
        var a: ROIAssumptions
        do { a = try ConfigFile.roiAssumptions(AppEnvironment.settings) } catch { fail("\(error)") }
        for f in flags { if let v = f.value { a[f.key] = v } }
        return a
    }

    func validate() throws {
        for f in flags {
            guard let v = f.value, !ROIAssumptions.accepts(f.key, v) else { continue }
            throw ValidationError(f.key == .baselineRetention ? "\(f.name) is a percentage from 0 to 100, got \(v)" : "\(f.name) \(ROIAssumptions.rule(f.key)), got \(v)")
        }
    }
}
