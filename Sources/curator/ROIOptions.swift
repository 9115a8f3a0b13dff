import ArgumentParser
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

    /// The config file's assumptions with the flags over them; an unusable value stops with its flag.
    var assumptions: ROIAssumptions {
        var a = ConfigFile.roiAssumptions()
        if let v = minutesPerAnswer { a.minutesPerAnswer = v }
        if let v = minutesPerCheck { a.minutesPerCheck = v }
        if let v = hourlyRate { a.hourlyRateRub = v }
        if let v = baselineRetention { a.baselineRetention = v / 100 }
        if let v = promptPrice { a.promptRubPerMillion = v }
        if let v = completionPrice { a.completionRubPerMillion = v }
        if let v = curatorHoursPerWeek { a.curatorHoursPerWeek = v }
        return a
    }

    func validate() throws {
        for (flag, v) in [("--minutes-per-answer", minutesPerAnswer), ("--minutes-per-check", minutesPerCheck), ("--hourly-rate", hourlyRate),
                          ("--prompt-price", promptPrice), ("--completion-price", completionPrice)] {
            if let v, !(v.isFinite && v >= 0) { throw ValidationError("\(flag) must be a number ≥ 0, got \(v)") }
        }
        if let v = baselineRetention, !(v.isFinite && (0...100).contains(v)) { throw ValidationError("--baseline-retention is a percentage from 0 to 100, got \(v)") }
        if let v = curatorHoursPerWeek, !(v.isFinite && v > 0) { throw ValidationError("--curator-hours-per-week must be > 0, got \(v)") }
    }
}
