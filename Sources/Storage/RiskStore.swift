import Domain
import Foundation
import GRDB

/// What one risk pass did: for the sync summary, the status bar and the toasts.
public struct RiskPassSummary: Sendable, Equatable, Codable {
    public var scored: Int
    public var high: Int
    public var medium: Int
    public var low: Int
    /// Scored students who have already left (not counted in the levels).
    public var left: Int
    public var model: String
    public var alertsOpened: Int
    public var alertsClosed: Int
    /// Alerts to show the curator now (new ones and re-notifications). Delivered live, never
    /// recorded: the summary is stored with every sync run, and a first pass may notify thousands.
    public var notify: [AlertNotice] = []

    enum CodingKeys: String, CodingKey {
        case scored, high, medium, low, left, model, alertsOpened, alertsClosed
    }
}

/// Learns the school from the mirror, scores every student and runs the early-warning rules, in one
/// write transaction, so a reader never sees a school, scores and alerts from different passes.
public struct RiskStore: Sendable {
    let pool: DatabasePool
    let learner: SchoolLearner
    /// A trained model is reconsidered once a day.
    public var retrainAfter: TimeInterval = 86400

    /// `overrides`: data/school, over what the account says.
    public init(_ store: MirrorStore, overrides: SchoolCatalog) {
        pool = store.pool
        learner = SchoolLearner(overrides: overrides)
    }

    @discardableResult
    public func runPass(now: Date = Date()) throws -> RiskPassSummary {
        try pool.write { db in
            let records = try Self.records(db)
            let school = learner.learn(try SchoolStore.facts(db, records: records))
            try SchoolStore.write(db, school)
            let histories = StudentHistoryBuilder(school: school).histories(records)
            let t = now.timeIntervalSince1970
            let model = try currentModel(db, histories: histories, now: now)
            let scores = RiskScorer(model: model).scores(histories, at: t)
            // Lessons only: the weekly activity is for the progress pane, never stored.
            let progress = histories.map { StudentProgress(lessons: StudentProgress.lessons($0, at: t), weeklyActiveDays: []) }
            try writeScores(db, scores, progress: progress, model: model, now: now)
            var conditions: [AlertCondition] = []
            let handoffs = try StudentQuestionStore.waitingForCurator(db)
            for s in scores { AlertConditions.evaluate(s, handoffs: handoffs[s.studentId] ?? 0, into: &conditions) }
            let active = try AlertStore.activeAlerts(db)
            let changes = AlertEngine.reconcile(active: active, conditions: conditions, now: now)
            let notify = try AlertStore.apply(db, changes)
            let staying = scores.filter { !$0.hasLeft }
            return RiskPassSummary(scored: scores.count, high: staying.filter { $0.level == .high }.count,
                                   medium: staying.filter { $0.level == .medium }.count, low: staying.filter { $0.level == .low }.count,
                                   left: scores.count - staying.count,
                                   model: model.kind.rawValue, alertsOpened: changes.opened.count, alertsClosed: changes.closed.count,
                                   notify: notify)
        }
    }

    /// Where the lesson timeline and weekly activity of one student stand now (nil: not in a course).
    public func progress(of studentId: Int64, now: Date = Date()) throws -> StudentProgress? {
        let history = try pool.read { db in try StudentHistoryBuilder(school: SchoolStore.load(db)).histories(Self.records(db, of: studentId)).first }
        return history.map { StudentProgress($0, at: now.timeIntervalSince1970) }
    }

    /// The mirror as the history builder needs it (homework without its text, messages without theirs
    /// unless `messageText`): every student's, or one student's.
    static func records(_ db: Database, of studentId: Int64? = nil, messageText: Bool = false) throws -> StudentHistoryBuilder.Records {
        /// Every row, or the student's.
        func only<Record>(_ request: QueryInterfaceRequest<Record>, _ user: some ColumnExpression) -> QueryInterfaceRequest<Record> {
            guard let studentId else { return request }
            return request.filter(user == studentId)
        }
        var students: [Int64: Date?] = [:]
        var population: SQL = "SELECT u.id, u.created_at FROM users u WHERE \(StudentQueries.isStudent)"
        if let studentId { population += " AND u.id = \(studentId)" }
        typealias U = UserRecord.Columns
        let users = try SQLRequest<Row>(literal: population).fetchCursor(db)
        while let r = try users.next() { students[r[U.id]] = date(r[U.createdAt]) }

        typealias M = GroupMemberRecord.Columns
        let memberships = try only(GroupMemberRecord.all(), M.userId).fetchAll(db).map(\.membership)

        typealias D = DealRecord.Columns
        var deals: [Deal] = []
        let dealRows = try Row.fetchCursor(db, only(DealRecord.select(D.id, D.userId, D.createdAt, D.paidAt, D.title, D.status, D.tagsJSON), D.userId))
        while let r = try dealRows.next() {
            deals.append(Deal(id: r[D.id], userId: r[D.userId], createdAt: date(r[D.createdAt]), paidAt: date(r[D.paidAt]), title: r[D.title],
                              status: r.known(D.status) ?? .new, tags: StoredJSON.decode([String].self, r[D.tagsJSON]) ?? []))
        }

        typealias A = LessonAnswerRecord.Columns
        var answers: [LessonAnswer] = []
        let answerRows = try Row.fetchCursor(db, only(LessonAnswerRecord.select(A.id, A.lessonId, A.userId, A.createdAt, A.status, A.reviewedAt)
            .filter(A.type == LessonAnswer.homeworkType), A.userId))
        while let r = try answerRows.next() {
            answers.append(LessonAnswer(id: r[A.id], lessonId: r[A.lessonId], userId: r[A.userId], createdAt: date(r[A.createdAt]), status: r[A.status],
                                        reviewedAt: date(r[A.reviewedAt])))
        }

        let dialogs = try only(DialogRecord.all(), DialogRecord.Columns.userId).fetchAll(db).map(\.dialog)

        var messages: [DialogMessage] = []
        var messageSQL: SQL = "SELECT m.id, m.dialog_id, m.created_at, m.from_student, \(sql: messageText ? "m.text" : "''") AS text FROM messages m"
        if let studentId { messageSQL += " JOIN dialogs d ON d.id = m.dialog_id WHERE d.user_id = \(studentId)" }
        typealias Msg = MessageRecord.Columns
        let messageRows = try SQLRequest<Row>(literal: messageSQL).fetchCursor(db)
        while let r = try messageRows.next() {
            messages.append(DialogMessage(id: r[Msg.id], dialogId: r[Msg.dialogId], authorUserId: nil, text: r[Msg.text], createdAt: date(r[Msg.createdAt]),
                                          fromStudent: r[Msg.fromStudent]))
        }

        var stamps: [Int64: [Date]] = [:]
        var activitySQL: SQL = "SELECT user_id, at FROM user_activity"
        if let studentId { activitySQL += " WHERE user_id = \(studentId)" }
        let activity = try SQLRequest<Row>(literal: activitySQL).fetchCursor(db)
        while let r = try activity.next() { stamps[r[Activity.userId], default: []].append(Date(timeIntervalSince1970: r[Activity.at])) }

        typealias C = HomeworkCheckRecord.Columns
        var scores: [Int64: Double] = [:]
        let checks = try Row.fetchCursor(db, only(HomeworkCheckRecord.select(C.answerId, C.score).filter(C.score != nil), C.userId))
        while let r = try checks.next() { scores[r[C.answerId]] = r[C.score] }
        return .init(students: students, memberships: memberships, deals: deals, answers: answers, dialogs: dialogs, messages: messages, activityStamps: stamps,
                     checkScores: scores)
    }

    /// `user_activity`: every "last activity" stamp the sync has seen (a trigger on `users` writes it).
    private enum Activity: String, ColumnExpression {
        case userId = "user_id", at
    }

    /// The active model: the latest decision if fresh, else a new decision from this mirror's history.
    func currentModel(_ db: Database, histories: [StudentHistory], now: Date) throws -> RiskModel {
        let t = now.timeIntervalSince1970
        if let latest = try RiskModelRecord.order(RiskModelRecord.Columns.id.desc).fetchOne(db),
           t - latest.createdAt < retrainAfter, t >= latest.createdAt, let model = latest.model, model.fitsFeatures {
            return model
        }
        let outcome = RiskTraining.select([histories], now: t)
        try RiskModelRecord(outcome, at: t).insert(db)
        return outcome.model
    }

    /// `progress` is in the order of `scores` (both follow the histories).
    func writeScores(_ db: Database, _ scores: [RiskScore], progress: [StudentProgress], model: RiskModel, now: Date) throws {
        try RiskScoreRecord.deleteAll(db)
        let t = now.timeIntervalSince1970
        for (s, p) in zip(scores, progress) {
            try RiskScoreRecord(s, progress: p, model: model, at: t).insert(db)
        }
    }
}
