import Domain
import MockGetCourse
import Storage

/// The simulated school the demo and `mock-getcourse` serve: data/demo-school, or with `other` one
/// generated from the seed that Curator ships no files for (its own trainings, ids and group names).
public struct DemoSchool: Sendable, Equatable {
    public var seed: UInt64
    public var students: Int
    public var other: Bool

    public init(seed: UInt64, students: Int, other: Bool) {
        self.seed = seed
        self.students = students
        self.other = other
    }

    /// data/demo-school as shipped: the demo's school, and the one the evaluations and benchmarks use.
    public static func shipped(data: String = SchoolDataFiles.locate()) throws -> SchoolCatalog {
        do { return try SchoolDataFiles.load(directory: data, folder: SchoolDataFiles.demo) } catch {
            throw CuratorFailure(message: "demo school: \(error)")
        }
    }

    /// The school's catalog. A generated school borrows its homework and names from data/demo-school.
    public func catalog(data: String = SchoolDataFiles.locate()) throws -> SchoolCatalog {
        let shipped = try Self.shipped(data: data)
        if !other { return shipped }
        guard !shipped.allLessons.isEmpty, !shipped.names.femaleFirst.isEmpty else {
            throw CuratorFailure(message: "the generated school borrows its homework and names from data/demo-school, which is missing here (\(data))")
        }
        return OtherSchool.catalog(seed: seed, base: shipped)
    }

    /// The simulation behind the school, `weeks` of history up to now.
    public func simulation(weeks: Int) -> SchoolSimulation.Options {
        other ? OtherSchool.options(seed: seed, students: students, weeks: weeks) : .init(seed: seed, students: students, weeks: weeks)
    }

    /// The mirror's owner (MirrorOwnership): the shipped school's demo mirror is kept across runs;
    /// each generated school is a school of its own, so a new seed empties the mirror.
    public var identity: String { other ? "demo-other-\(seed)" : "demo" }

    /// What the sync is told beyond the account: the shipped school's own files, or nothing for a
    /// generated school (Curator learns it from the account alone, as it would a new real school).
    public func overrides(_ catalog: SchoolCatalog) -> SchoolCatalog { other ? .empty : catalog }
}
