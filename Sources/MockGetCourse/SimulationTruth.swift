import Domain
import Foundation

/// The simulation's ground truth: what a perfect sync would hold, plus what no API exposes
/// (profiles, dropout dates). Written to `--truth-file` for tests and the risk evaluation only.
public struct SimulationTruth: Codable, Sendable {
    public struct StudentTruth: Codable, Sendable {
        public var id: Int64
        public var profile: StudentProfile
        public var joinedAt: Date
        /// Planned dropout moment; may lie in the future for a student who is fading now.
        public var dropoutAt: Date?
        public var trainingId: Int64
        public var streamGroupId: Int64
    }

    public var seed: UInt64
    public var generatedAt: Date
    public var students: [StudentTruth]
    public var users: [Student]
    public var groups: [StudyGroup]
    public var memberships: [GroupMembership]
    public var deals: [Deal]
    public var trainings: [Training]
    public var answers: [LessonAnswer]
    public var dialogs: [Dialog]
    public var messages: [DialogMessage]
    /// Every "last activity" stamp a mirror syncing often would have observed, per student.
    public var activity: [ActivityTrail]

    public struct ActivityTrail: Codable, Sendable {
        public var userId: Int64
        public var stamps: [Date]
    }

    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        e.outputFormatting = [.sortedKeys]
        return e
    }

    /// The records a mirror syncing often would hold, as the risk model's history builder takes them.
    public var historyRecords: StudentHistoryBuilder.Records {
        .init(memberships: memberships, deals: deals, answers: answers, dialogs: dialogs, messages: messages,
              activityStamps: Dictionary(uniqueKeysWithValues: activity.map { ($0.userId, $0.stamps) }))
    }

    public static func decode(_ data: Data) throws -> SimulationTruth {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return try d.decode(SimulationTruth.self, from: data)
    }
}

extension SchoolSimulation {
    public func truth(now: Date) -> SimulationTruth {
        SimulationTruth(
            seed: options.seed, generatedAt: now,
            students: students.keys.sorted().map { id in
                let s = students[id]!
                return .init(id: id, profile: s.plan.profile, joinedAt: s.plan.joinedAt, dropoutAt: s.plan.dropoutAt,
                             trainingId: s.trainingId, streamGroupId: s.streamGroupId)
            },
            users: users.values.sorted { $0.id < $1.id },
            groups: groups.values.sorted { $0.id < $1.id },
            memberships: memberships.sorted { ($0.groupId, $0.userId) < ($1.groupId, $1.userId) },
            deals: deals.values.sorted { $0.id < $1.id },
            trainings: trainings,
            answers: answers.values.sorted { $0.id < $1.id },
            dialogs: dialogs.values.sorted { $0.id < $1.id },
            messages: messages.values.flatMap { $0 }.sorted { $0.id < $1.id },
            activity: logins.keys.sorted().map { SimulationTruth.ActivityTrail(userId: $0, stamps: logins[$0]!) }
        )
    }
}
