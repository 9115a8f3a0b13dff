import ArgumentParser
import CuratorApp
import Domain
import Foundation
import MockGetCourse

/// `curator risk evaluate`: the model against the two baselines on simulated schools it never saw.
struct RiskEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate the dropout model on simulated schools (seeds it never trained on).",
        discussion: """
            Trains on the --train-seeds schools exactly as on a mirror (labels from what the mirror can
            see: 21+ days of silence or a package not renewed), then scores the --seeds schools (or the
            mock's --truth-file outputs) at weekly cutoffs against their true dropouts. Prints ROC-AUC at
            tenure weeks 2, 4 and 8, precision@10, Brier score, calibration error and the median lead time
            from the first high alarm to the dropout, for the model, its priors, and two baselines.
            Exits non-zero when a target is missed or an early AUC above 0.95 betrays leakage.
            """
    )

    @Option(help: "Seeds of the evaluation schools, comma-separated.") var seeds = "101,102,103,104,105"
    @Option(help: "Seeds of the training schools, comma-separated (must differ from --seeds).") var trainSeeds = "1,2,3"
    @Option(help: "Students per simulated school.") var students = 800
    @Option(help: "Weeks of simulated history.") var weeks = 12
    @Option(parsing: .singleValue, help: "Evaluate on a truth file written by `curator mock-getcourse --truth-file` (repeatable; replaces --seeds).")
    var truthFile: [String] = []
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard let test = Self.seedList(seeds), let train = Self.seedList(trainSeeds), !train.isEmpty else {
            throw ValidationError("--seeds and --train-seeds take comma-separated whole numbers, e.g. 101,102")
        }
        if truthFile.isEmpty && test.isEmpty { throw ValidationError("--seeds: give at least one seed") }
        if !Set(test).isDisjoint(with: train) { throw ValidationError("--seeds and --train-seeds overlap: evaluate on schools the model never trained on") }
        if students < 50 || students > 20_000 { throw ValidationError("--students must be between 50 and 20000") }
        if weeks < 6 || weeks > 52 { throw ValidationError("--weeks must be between 6 and 52") }
    }

    static func seedList(_ s: String) -> [UInt64]? {
        let parts = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let seeds = parts.compactMap { UInt64($0) }
        return seeds.count == parts.count ? seeds : nil
    }

    func run() throws {
        let catalog = AppEnvironment.shippedDemoSchool()
        // Simulations end at a fixed moment, so every run prints the same figures.
        let end = Date(timeIntervalSince1970: 1_790_000_000)
        func simulate(_ seed: UInt64) -> SimulationTruth {
            SchoolSimulation(catalog: catalog, options: .init(seed: seed, students: students, weeks: weeks), now: end).truth(now: end)
        }
        let trainingSeeds = Self.seedList(trainSeeds)!
        let training = RiskTraining.select(trainingSeeds.map { simulate($0).histories(overrides: catalog) }, now: end.timeIntervalSince1970)

        var truths: [(String, SimulationTruth)] = []
        if truthFile.isEmpty {
            truths = Self.seedList(seeds)!.map { ("seed \($0)", simulate($0)) }
        } else {
            for path in truthFile {
                guard let data = FileManager.default.contents(atPath: path) else { fail("--truth-file: cannot read \(path)") }
                guard let t = try? SimulationTruth.decode(data) else { fail("--truth-file: \(path) is not a mock GetCourse truth file") }
                if trainingSeeds.contains(t.seed) { fail("--truth-file: \(path) has seed \(t.seed), which the model trained on") }
                truths.append((path, t))
            }
        }
        let cohorts = truths.map { name, t in
            let end = t.generatedAt.timeIntervalSince1970
            var leaving: [Int64: Double] = [:]
            for s in t.students { if let d = s.dropoutAt { leaving[s.id] = d.timeIntervalSince1970 } }
            return RiskEvaluation.Cohort(name: name, histories: t.histories(overrides: catalog), leaving: leaving, end: end)
        }
        let results = RiskEvaluation().evaluate(cohorts, scorers: [
            .model("model (\(training.model.kind.rawValue))", training.model),
            .model("priors", .prior),
            .daysSinceActivity,
            .classicRules,
        ])
        let checks = EvaluationTarget.risk(results)
        if json {
            struct Output: Encodable {
                var training: RiskTraining.Outcome
                var results: [RiskEvaluation.Result]
                var targets: [EvaluationTarget]
            }
            printJSON(Output(training: training, results: results, targets: checks))
        } else {
            print("Training: \(training.decision); \(training.trainingSnapshots) snapshots, \(training.positives) dropouts")
            print("Evaluation: \(cohorts.count) schools (\(cohorts.map(\.name).joined(separator: ", "))), \(results.first?.snapshots ?? 0) weekly snapshots, base rate \(EvaluationTarget.percent(results.first?.baseRate))")
            print()
            printTable(header: ["scorer", "AUC w2", "AUC w4", "AUC w8", "P@10", "P@10/base", "Brier", "calib.err", "lead (days)", "caught"],
                       rows: results.map { r in
                           [r.scorer, EvaluationTarget.fixed(r.aucByWeek[2]), EvaluationTarget.fixed(r.aucByWeek[4]), EvaluationTarget.fixed(r.aucByWeek[8]),
                            EvaluationTarget.fixed(r.precisionAt10), EvaluationTarget.fixed(r.precisionAt10.map { $0 / max(r.baseRate, 1e-9) }, digits: 1) + "×",
                            EvaluationTarget.fixed(r.brier), EvaluationTarget.fixed(r.calibrationError), EvaluationTarget.fixed(r.medianLeadDays, digits: 1),
                            EvaluationTarget.percent(r.caughtShare)]
                       }, maxColumn: 44)
            print()
            for c in checks { print(c.line) }
        }
        if checks.contains(where: { !$0.met }) { throw ExitCode(1) }
    }
}

struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "The dropout risk model.",
        subcommands: [RiskEvaluateCommand.self]
    )
}
