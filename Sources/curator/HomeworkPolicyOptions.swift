import ArgumentParser
import Domain

/// The homework policy, as every command that checks answers takes it.
struct HomeworkPolicyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Accept a checked homework at this score or above, in percent.", valueName: "percent"))
    var acceptAt: Double = 80
    @Option(help: ArgumentHelp("Decline below this score, in percent; between the two the curator reviews it.", valueName: "percent"))
    var declineBelow: Double = 50
    @Flag(help: "Do not check homework on sync: mirror the answers only.") var noHomeworkCheck = false

    func validate() throws {
        guard (0...100).contains(acceptAt), (0...100).contains(declineBelow) else {
            throw ValidationError("--accept-at and --decline-below are percentages from 0 to 100")
        }
        if declineBelow > acceptAt { throw ValidationError("--decline-below (\(declineBelow)) cannot be above --accept-at (\(acceptAt))") }
    }

    var policy: HomeworkPolicy { HomeworkPolicy(acceptAt: acceptAt / 100, declineBelow: declineBelow / 100) }
    /// The policy a sync runs under, or nil when homework is only mirrored.
    var syncPolicy: HomeworkPolicy? { noHomeworkCheck ? nil : policy }
}
