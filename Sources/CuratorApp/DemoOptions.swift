import ArgumentParser

/// The simulated school's options, for the demo (`dashboard`, `sync`) and for `mock-getcourse`.
/// Both take the same flags; each words their help its own way (`Wording`): the demo uses them only
/// when no GetCourse account is configured, the mock always serves the school.
public struct DemoOptions<Wording: DemoOptionsWording>: ParsableArguments {
    @Option(help: ArgumentHelp(Wording.seed)) public var seed: UInt64 = 42
    @Option(help: ArgumentHelp(Wording.students)) public var students: Int = 320
    @Flag(help: ArgumentHelp(Wording.otherSchool)) public var otherSchool = false

    public init() {}

    public func validate() throws {
        if students < 1 || students > 100_000 { throw ValidationError("--students must be between 1 and 100000") }
    }

    /// The school these options choose.
    public var school: DemoSchool { DemoSchool(seed: seed, students: students, other: otherSchool) }
}

/// The help of the simulated school's flags.
public protocol DemoOptionsWording {
    static var seed: String { get }
    static var students: String { get }
    static var otherSchool: String { get }
}

/// `dashboard` and `sync`: the school is served only in demo mode.
public enum DemoModeWording: DemoOptionsWording {
    public static let seed = "Demo mode: seed of the simulated school."
    public static let students = "Demo mode: number of simulated students."
    public static let otherSchool = "Demo mode: a generated school Curator ships no files for (its own trainings, ids and group names)."
}

/// `mock-getcourse`: the school is what it serves.
public enum MockServerWording: DemoOptionsWording {
    public static let seed = "Seed of the simulated school."
    public static let students = "Number of simulated students."
    public static let otherSchool = "Serve a generated school Curator ships no files for (its own trainings, ids and group names) instead of data/school's."
}
