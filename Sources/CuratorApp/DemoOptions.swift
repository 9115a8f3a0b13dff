import ArgumentParser

/// The simulated school's options: the demo's (`dashboard`, `sync`, used when no GetCourse account
/// is configured) and the one `mock-getcourse` serves.
public struct DemoOptions: ParsableArguments, Sendable {
    @Option(help: "Seed of the simulated school (demo mode, mock-getcourse).") public var seed: UInt64 = 42
    @Option(help: "Number of simulated students (demo mode, mock-getcourse).") public var students: Int = 320
    @Flag(help: "Simulate a generated school Curator ships no files for (its own trainings, ids and group names).") public var otherSchool = false

    public init() {}

    public func validate() throws {
        if students < 1 || students > 100_000 { throw ValidationError("--students must be between 1 and 100000") }
    }

    /// The school these options choose.
    public var school: DemoSchool { DemoSchool(seed: seed, students: students, other: otherSchool) }
}
