import Domain
import Foundation
import GRDB

// The learned school as stored (`SchoolStore`): rewritten whole after every learning, read back
// for the screens and the next risk pass.

/// A row of `school_trainings`.
struct SchoolTrainingRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "school_trainings"

    enum Columns: String, ColumnExpression {
        case id, title, source
    }

    var id: Int64
    var title: String
    var source: SchoolModel.Source

    init(row: Row) {
        id = row[Columns.id]
        title = row[Columns.title]
        source = row.known(Columns.source) ?? .account
    }

    init(_ t: SchoolModel.Training) {
        id = t.id
        title = t.title
        source = t.source
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        container[Columns.title] = title
        container[Columns.source] = source
    }
}

/// A row of `school_streams`.
struct SchoolStreamRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "school_streams"

    enum Columns: String, ColumnExpression {
        case groupId = "group_id", trainingId = "training_id", name, tie, startedAt = "started_at", students, openedJSON = "opened_json"
    }

    var groupId: Int64
    var trainingId: Int64
    var name: String
    var tie: SchoolModel.Stream.Tie
    var startedAt: Double?
    var students: Int
    /// {"lesson number": days after the start it opened}, the days as "%.3f" text.
    var openedJSON: String

    init(row: Row) {
        groupId = row[Columns.groupId]
        trainingId = row[Columns.trainingId]
        name = row[Columns.name]
        tie = row.known(Columns.tie) ?? .name
        startedAt = row[Columns.startedAt]
        students = row[Columns.students]
        openedJSON = row[Columns.openedJSON]
    }

    init(_ s: SchoolModel.Stream, trainingId: Int64) {
        groupId = s.groupId
        self.trainingId = trainingId
        name = s.name
        tie = s.tie
        startedAt = s.startedAt
        students = s.students
        openedJSON = StoredJSON.object(Dictionary(uniqueKeysWithValues: s.openedAfterDays.map { (String($0.key), String(format: "%.3f", $0.value)) }))
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.groupId] = groupId
        container[Columns.trainingId] = trainingId
        container[Columns.name] = name
        container[Columns.tie] = tie
        container[Columns.startedAt] = startedAt
        container[Columns.students] = students
        container[Columns.openedJSON] = openedJSON
    }

    var stream: SchoolModel.Stream {
        var opened: [Int: Double] = [:]
        for (k, v) in StoredJSON.decode([String: String].self, openedJSON) ?? [:] { if let n = Int(k), let d = Double(v) { opened[n] = d } }
        return SchoolModel.Stream(groupId: groupId, name: name, trainingId: trainingId, tie: tie, startedAt: startedAt, openedAfterDays: opened,
                                  students: students)
    }
}

/// A row of `school_lessons`.
struct SchoolLessonRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "school_lessons"

    enum Columns: String, ColumnExpression {
        case trainingId = "training_id", number, lessonId = "lesson_id", title, viewGroupId = "view_group_id"
        case opensAfterDays = "opens_after_days", scheduleSource = "schedule_source", deadlineDays = "deadline_days", hasHomework = "has_homework"
    }

    var trainingId: Int64
    var number: Int
    var lessonId: Int64?
    var title: String?
    var viewGroupId: Int64?
    var opensAfterDays: Double
    var scheduleSource: SchoolModel.Source
    var deadlineDays: Double
    var hasHomework: Bool

    init(row: Row) {
        trainingId = row[Columns.trainingId]
        number = row[Columns.number]
        lessonId = row[Columns.lessonId]
        title = row[Columns.title]
        viewGroupId = row[Columns.viewGroupId]
        opensAfterDays = row[Columns.opensAfterDays]
        scheduleSource = row.known(Columns.scheduleSource) ?? .inferred
        deadlineDays = row[Columns.deadlineDays]
        hasHomework = row[Columns.hasHomework]
    }

    init(_ l: SchoolModel.Lesson, trainingId: Int64) {
        self.trainingId = trainingId
        number = l.number
        lessonId = l.id
        title = l.title
        viewGroupId = l.viewGroupId
        opensAfterDays = l.opensAfterDays
        scheduleSource = l.scheduleSource
        deadlineDays = l.deadlineDays
        hasHomework = l.hasHomework
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.trainingId] = trainingId
        container[Columns.number] = number
        container[Columns.lessonId] = lessonId
        container[Columns.title] = title
        container[Columns.viewGroupId] = viewGroupId
        container[Columns.opensAfterDays] = opensAfterDays
        container[Columns.scheduleSource] = scheduleSource
        container[Columns.deadlineDays] = deadlineDays
        container[Columns.hasHomework] = hasHomework
    }

    /// Homework keys stay in data/: the checker reads them there.
    var lesson: SchoolModel.Lesson {
        SchoolModel.Lesson(number: number, id: lessonId, title: title, viewGroupId: viewGroupId, opensAfterDays: opensAfterDays,
                           scheduleSource: scheduleSource, deadlineDays: deadlineDays, hasHomework: hasHomework, exercises: [])
    }
}

/// A row of `school_packages`: what a purchase buys, by its normalized title.
struct SchoolPackageRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "school_packages"

    enum Columns: String, ColumnExpression {
        case title, shown, days, source
    }

    var title: String
    var shown: String
    var days: Int
    var source: String

    init(row: Row) {
        title = row[Columns.title]
        shown = row[Columns.shown]
        days = row[Columns.days]
        source = row[Columns.source]
    }

    init(title: String, _ p: PackageBook.Entry) {
        self.title = title
        shown = p.shown
        days = p.days
        source = p.source
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.title] = title
        container[Columns.shown] = shown
        container[Columns.days] = days
        container[Columns.source] = source
    }

    var entry: PackageBook.Entry { PackageBook.Entry(days: days, source: source, shown: shown) }
}

/// A row of `school_conflicts`: where data/school disagrees with the account, in words.
struct SchoolConflictRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "school_conflicts"

    enum Columns: String, ColumnExpression {
        case text
    }

    var text: String

    init(row: Row) { text = row[Columns.text] }

    init(_ text: String) { self.text = text }

    func encode(to container: inout PersistenceContainer) { container[Columns.text] = text }
}
