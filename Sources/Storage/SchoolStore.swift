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
        let trainings = try TrainingRecord.order(TrainingRecord.Columns.id).fetchAll(db).map(\.training)
        let groups = try GroupRecord.order(GroupRecord.Columns.id).fetchAll(db).map(\.group)
        typealias A = LessonAnswerRecord.Columns
        let lessons = try SQLRequest<Row>(literal: """
            SELECT lesson_id, max(lesson_name) AS lesson_name, max(training_id) AS training_id, max(training_name) AS training_name,
                   sum(type = \(LessonAnswer.homeworkType)) AS homework_answers, min(created_at) AS first_answer_at
            FROM lesson_answers GROUP BY lesson_id ORDER BY lesson_id
            """).fetchAll(db).map { row in
            AccountFacts.AnsweredLesson(lessonId: row[A.lessonId], name: row[A.lessonName] ?? "", trainingId: row[A.trainingId],
                                        trainingName: row[A.trainingName] ?? "", homeworkAnswers: row[Answered.homeworkAnswers] ?? 0,
                                        firstAnswerAt: row[Answered.firstAnswerAt])
        }
        return AccountFacts(trainings: trainings, groups: groups, memberships: r.memberships, lessons: lessons, answers: r.answers, deals: r.deals)
    }

    /// A lesson's figures beside the answers' own columns in `facts`.
    private enum Answered: String, ColumnExpression {
        case homeworkAnswers = "homework_answers", firstAnswerAt = "first_answer_at"
    }

    static func write(_ db: Database, _ school: SchoolModel) throws {
        try SchoolTrainingRecord.deleteAll(db)
        try SchoolStreamRecord.deleteAll(db)
        try SchoolLessonRecord.deleteAll(db)
        try SchoolPackageRecord.deleteAll(db)
        try SchoolConflictRecord.deleteAll(db)
        for t in school.trainings {
            try SchoolTrainingRecord(t).insert(db)
            for s in t.streams { try SchoolStreamRecord(s, trainingId: t.id).insert(db, onConflict: .replace) }
            for l in t.lessons { try SchoolLessonRecord(l, trainingId: t.id).insert(db, onConflict: .replace) }
        }
        for (title, p) in school.packages.entries { try SchoolPackageRecord(title: title, p).insert(db, onConflict: .replace) }
        for c in school.conflicts { try SchoolConflictRecord(c).insert(db) }
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
        let streams = Dictionary(grouping: try SchoolStreamRecord.fetchAll(db).map(\.stream), by: \.trainingId)
        let lessons = Dictionary(grouping: try SchoolLessonRecord.order(SchoolLessonRecord.Columns.trainingId, SchoolLessonRecord.Columns.number)
            .fetchAll(db), by: \.trainingId).mapValues { $0.map(\.lesson) }
        let trainings = try SchoolTrainingRecord.order(SchoolTrainingRecord.Columns.id).fetchAll(db).map { t -> SchoolModel.Training in
            let ordered = (streams[t.id] ?? []).sorted { ($0.startedAt ?? .infinity, $0.groupId) < ($1.startedAt ?? .infinity, $1.groupId) }
            return SchoolModel.Training(id: t.id, title: t.title, source: t.source, streams: ordered, lessons: lessons[t.id] ?? [])
        }
        var book = PackageBook()
        for p in try SchoolPackageRecord.fetchAll(db) { book.entries[p.title] = p.entry }
        let conflicts = try SchoolConflictRecord.order(Column.rowID).fetchAll(db).map(\.text)
        return SchoolModel(trainings: trainings, packages: book, conflicts: conflicts)
    }
}
