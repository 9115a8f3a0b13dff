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
    /// The school as `curator school --json` should find it.
    public var school: SchoolTruth

    /// Trainings, streams and lessons as a client can know them: a lesson's id and title only once
    /// an answer names it; `opens` in whole days after the stream's start.
    public struct SchoolTruth: Codable, Sendable, Equatable {
        public struct Training: Codable, Sendable, Equatable {
            public var id: Int64
            public var title: String
            public var streams: [Stream]
            public var lessons: [Lesson]
        }
        public struct Stream: Codable, Sendable, Equatable {
            public var group_id: Int64
            public var name: String
            public var students: Int
        }
        public struct Lesson: Codable, Sendable, Equatable {
            public var number: Int
            public var id: Int64?
            public var title: String?
            public var view_group_id: Int64?
            public var opens: Int?

            /// Nulls written out, as `curator school --json` writes them.
            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(number, forKey: .number)
                try c.encode(id, forKey: .id)
                try c.encode(title, forKey: .title)
                try c.encode(view_group_id, forKey: .view_group_id)
                try c.encode(opens, forKey: .opens)
            }

            enum CodingKeys: String, CodingKey { case number, id, title, view_group_id, opens }
        }
        public var trainings: [Training]
    }

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
        let studyGroups = Set(groups.filter { $0.viewedLessonNumber == nil }.map(\.id))
        var students = Set(memberships.filter { studyGroups.contains($0.groupId) }.map(\.userId))
        students.formUnion(deals.compactMap(\.userId))
        students.formUnion(answers.filter(\.isHomework).map(\.userId))
        let created = Dictionary(users.map { ($0.id, $0.createdAt) }, uniquingKeysWith: { a, _ in a })
        return .init(students: Dictionary(uniqueKeysWithValues: students.map { ($0, created[$0] ?? nil) }), memberships: memberships, deals: deals, answers: answers, dialogs: dialogs, messages: messages,
              activityStamps: Dictionary(uniqueKeysWithValues: activity.map { ($0.userId, $0.stamps) }))
    }

    /// What a mirror syncing often would know of the school, learned as the risk pass learns it.
    public func school(overrides: SchoolCatalog) -> SchoolModel {
        SchoolLearner(overrides: overrides).learn(AccountFacts(
            trainings: trainings, groups: groups, memberships: memberships, lessons: AccountFacts.answeredLessons(answers),
            answers: answers.filter(\.isHomework), deals: deals))
    }

    /// Every student's history, over the school learned from this truth.
    public func histories(overrides: SchoolCatalog) -> [StudentHistory] {
        StudentHistoryBuilder(school: school(overrides: overrides)).histories(historyRecords)
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
            activity: logins.keys.sorted().map { SimulationTruth.ActivityTrail(userId: $0, stamps: logins[$0]!) },
            school: schoolTruth()
        )
    }

    func schoolTruth() -> SimulationTruth.SchoolTruth {
        let answered = Dictionary(answers.values.map { ($0.lessonId, $0.lessonName) }, uniquingKeysWith: { a, _ in a })
        var members: [Int64: Int] = [:]
        for m in memberships { members[m.groupId, default: 0] += 1 }
        return .init(trainings: catalog.trainings.map { t in
            .init(id: t.id, title: t.title,
                  streams: t.streams.map { .init(group_id: $0.groupId, name: $0.name, students: members[$0.groupId] ?? 0) },
                  lessons: t.lessons.map { l in
                      .init(number: l.number, id: answered[l.id] == nil ? nil : l.id, title: answered[l.id], view_group_id: l.viewGroupId,
                            opens: l.opensAfterDays)
                  })
        }.sorted { $0.id < $1.id })
    }
}
