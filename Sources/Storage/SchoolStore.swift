import Domain
import Foundation
import GRDB

/// The learned school in the mirror: the facts it is learned from, the model written after each
/// learning (one transaction with the scores), and the model read back for the screens.
public struct SchoolStore: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// The account's facts, reusing the records the risk pass has already read.
    static func facts(_ db: Database, records r: StudentHistoryBuilder.Records) throws -> AccountFacts {
        let trainings = try Row.fetchAll(db, sql: "SELECT id, title, lesson_count FROM trainings ORDER BY id").map {
            Training(id: $0[0], title: $0[1], lessonCount: $0[2])
        }
        let groups = try Row.fetchAll(db, sql: "SELECT id, name, last_added_at FROM groups ORDER BY id").map {
            StudyGroup(id: $0[0], name: $0[1], lastAddedAt: date($0[2]))
        }
        let lessons = try Row.fetchAll(db, sql: """
            SELECT lesson_id, max(lesson_name), max(training_id), max(training_name), sum(type = 'mission_answer'), min(created_at)
            FROM lesson_answers GROUP BY lesson_id ORDER BY lesson_id
            """).map {
            AccountFacts.AnsweredLesson(lessonId: $0[0], name: $0[1] ?? "", trainingId: $0[2], trainingName: $0[3] ?? "", homeworkAnswers: $0[4] ?? 0,
                                        firstAnswerAt: $0[5])
        }
        return AccountFacts(trainings: trainings, groups: groups, memberships: r.memberships, lessons: lessons, answers: r.answers, deals: r.deals)
    }

    static func write(_ db: Database, _ school: SchoolModel) throws {
        for t in ["school_trainings", "school_streams", "school_lessons", "school_packages", "school_conflicts"] {
            try db.execute(sql: "DELETE FROM \(t)")
        }
        let training = try db.makeStatement(sql: "INSERT INTO school_trainings (id, title, source) VALUES (?, ?, ?)")
        let stream = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO school_streams (group_id, training_id, name, tie, started_at, students, opened_json) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let lesson = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO school_lessons (training_id, number, lesson_id, title, view_group_id, opens_after_days, schedule_source, deadline_days, has_homework)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for t in school.trainings {
            try training.execute(arguments: [t.id, t.title, t.source.rawValue])
            for s in t.streams {
                let opened = Dictionary(uniqueKeysWithValues: s.openedAfterDays.map { (String($0.key), String(format: "%.3f", $0.value)) })
                try stream.execute(arguments: [s.groupId, t.id, s.name, s.tie.rawValue, s.startedAt, s.students, StoredJSON.object(opened)])
            }
            for l in t.lessons {
                try lesson.execute(arguments: [t.id, l.number, l.id, l.title, l.viewGroupId, l.opensAfterDays, l.scheduleSource.rawValue,
                                               l.deadlineDays, l.hasHomework])
            }
        }
        for (title, p) in school.packages.entries {
            try db.execute(sql: "INSERT OR REPLACE INTO school_packages (title, shown, days, source) VALUES (?, ?, ?, ?)",
                           arguments: [title, p.shown, p.days, p.source])
        }
        for c in school.conflicts { try db.execute(sql: "INSERT INTO school_conflicts (text) VALUES (?)", arguments: [c]) }
    }

    /// Learns the school from the mirror now and keeps it (the risk pass does the same with its scores).
    @discardableResult
    public func relearn(overrides: SchoolCatalog) throws -> SchoolModel {
        try pool.write { db in
            let school = SchoolLearner(overrides: overrides).learn(try Self.facts(db, records: RiskStore.records(db)))
            try Self.write(db, school)
            return school
        }
    }

    /// The school as the last risk pass learned it (empty before the first pass). Homework keys stay
    /// in data/: the checker reads them there.
    public func load() throws -> SchoolModel { try pool.read(Self.load) }

    static func load(_ db: Database) throws -> SchoolModel {
        var streams: [Int64: [SchoolModel.Stream]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT group_id, training_id, name, tie, started_at, students, opened_json FROM school_streams") {
            var opened: [Int: Double] = [:]
            for (k, v) in StoredJSON.decode([String: String].self, r[6]) ?? [:] { if let n = Int(k), let d = Double(v) { opened[n] = d } }
            let training: Int64 = r[1], tie: String = r[3]
            let stream = SchoolModel.Stream(groupId: r[0], name: r[2], trainingId: training, tie: SchoolModel.Stream.Tie(rawValue: tie) ?? .name,
                                            startedAt: r[4], openedAfterDays: opened, students: r[5])
            streams[training, default: []].append(stream)
        }
        var lessons: [Int64: [SchoolModel.Lesson]] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT training_id, number, lesson_id, title, view_group_id, opens_after_days, schedule_source, deadline_days, has_homework
            FROM school_lessons ORDER BY training_id, number
            """) {
            let training: Int64 = r[0], source: String = r[6]
            let lesson = SchoolModel.Lesson(number: r[1], id: r[2], title: r[3], viewGroupId: r[4], opensAfterDays: r[5],
                                            scheduleSource: SchoolModel.Source(rawValue: source) ?? .inferred, deadlineDays: r[7],
                                            hasHomework: r[8], exercises: [])
            lessons[training, default: []].append(lesson)
        }
        let trainings = try Row.fetchAll(db, sql: "SELECT id, title, source FROM school_trainings ORDER BY id").map { r -> SchoolModel.Training in
            let id: Int64 = r[0], source: String = r[2]
            let ordered = (streams[id] ?? []).sorted { ($0.startedAt ?? .infinity, $0.groupId) < ($1.startedAt ?? .infinity, $1.groupId) }
            return SchoolModel.Training(id: id, title: r[1], source: SchoolModel.Source(rawValue: source) ?? .account, streams: ordered,
                                        lessons: lessons[id] ?? [])
        }
        var book = PackageBook()
        for r in try Row.fetchAll(db, sql: "SELECT title, days, source, shown FROM school_packages") {
            book.entries[r[0]] = PackageBook.Entry(days: r[1], source: r[2], shown: r[3])
        }
        let conflicts = try String.fetchAll(db, sql: "SELECT text FROM school_conflicts ORDER BY rowid")
        return SchoolModel(trainings: trainings, packages: book, conflicts: conflicts)
    }
}
