import ArgumentParser

/// The demo's simulated school (used when no GetCourse account is configured).
struct DemoOptions: ParsableArguments {
    @Option(help: "Demo mode: seed of the simulated school.") var seed: UInt64 = 42
    @Option(help: "Demo mode: number of simulated students.") var students: Int = 320
    @Flag(help: "Demo mode: a generated school Curator ships no files for (its own trainings, ids and group names).") var otherSchool = false

    func validate() throws {
        if students < 1 || students > 100_000 { throw ValidationError("--students must be between 1 and 100000") }
    }
}
