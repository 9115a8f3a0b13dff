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
        let only = studentId.map { " WHERE user_id = \($0)" } ?? ""
        var students: [Int64: Date?] = [:]
        let population = try Row.fetchCursor(db, sql: "SELECT u.id, u.created_at FROM users u WHERE \(StudentQueries.isStudent)"
                                             + (studentId.map { " AND u.id = \($0)" } ?? ""))
        while let r = try population.next() { students[r[0]] = date(r[1]) }
        let memberships = try Row.fetchAll(db, sql: "SELECT group_id, user_id, added_at FROM group_members" + only).map {
            GroupMembership(groupId: $0[0], userId: $0[1], addedAt: date($0[2]))
        }
        let deals = try Row.fetchAll(db, sql: "SELECT id, user_id, created_at, paid_at, title, status, tags_json FROM deals" + only).map { r in
            Deal(id: r[0], userId: r[1], createdAt: date(r[2]), paidAt: date(r[3]), title: r[4], status: DealStatus(cell: r[5]) ?? .new,
                 tags: StoredJSON.decode([String].self, r[6]) ?? [])
        }
        let answers = try Row.fetchAll(db, sql: """
            SELECT id, lesson_id, user_id, created_at, status, reviewed_at FROM lesson_answers WHERE type = 'mission_answer'
            """ + (studentId.map { " AND user_id = \($0)" } ?? "")).map { r in
            LessonAnswer(id: r[0], lessonId: r[1], userId: r[2], createdAt: date(r[3]), status: r[4], reviewedAt: date(r[5]))
        }
        let dialogs = try Row.fetchAll(db, sql: "SELECT id, user_id FROM dialogs" + only).map { Dialog(id: $0[0], userId: $0[1]) }
        let messages = try Row.fetchAll(db, sql: """
            SELECT m.id, m.dialog_id, m.created_at, m.from_student, \(messageText ? "m.text" : "''") FROM messages m
            """ + (studentId.map { " JOIN dialogs d ON d.id = m.dialog_id WHERE d.user_id = \($0)" } ?? "")).map {
            DialogMessage(id: $0[0], dialogId: $0[1], authorUserId: nil, text: $0[4], createdAt: date($0[2]), fromStudent: $0[3])
        }
        var stamps: [Int64: [Date]] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT user_id, at FROM user_activity" + only)
        while let r = try cursor.next() { stamps[r[0], default: []].append(Date(timeIntervalSince1970: r[1])) }
        var scores: [Int64: Double] = [:]
        let checks = try Row.fetchCursor(db, sql: "SELECT answer_id, score FROM homework_checks WHERE score IS NOT NULL"
                                         + (studentId.map { " AND user_id = \($0)" } ?? ""))
        while let r = try checks.next() { scores[r[0]] = r[1] }
        return .init(students: students, memberships: memberships, deals: deals, answers: answers, dialogs: dialogs, messages: messages, activityStamps: stamps,
                     checkScores: scores)
    }

    /// The active model: the latest decision if fresh, else a new decision from this mirror's history.
    func currentModel(_ db: Database, histories: [StudentHistory], now: Date) throws -> RiskModel {
        if let row = try Row.fetchOne(db, sql: "SELECT created_at, model_json FROM risk_models ORDER BY id DESC LIMIT 1"),
           now.timeIntervalSince1970 - (row[0] as Double) < retrainAfter, now.timeIntervalSince1970 >= (row[0] as Double),
           let model = StoredJSON.decode(RiskModel.self, row[1]), model.fitsFeatures {
            return model
        }
        let outcome = RiskTraining.select([histories], now: now.timeIntervalSince1970)
        try db.execute(sql: "INSERT INTO risk_models (created_at, kind, model_json, outcome_json) VALUES (?, ?, ?, ?)",
                       arguments: [now.timeIntervalSince1970, outcome.model.kind.rawValue, StoredJSON.encode(outcome.model), StoredJSON.encode(outcome)])
        return outcome.model
    }

    /// `progress` is in the order of `scores` (both follow the histories).
    func writeScores(_ db: Database, _ scores: [RiskScore], progress: [StudentProgress], model: RiskModel, now: Date) throws {
        try db.execute(sql: "DELETE FROM risk_scores")
        let statement = try db.makeStatement(sql: """
            INSERT INTO risk_scores (user_id, scored_at, probability, level, has_left, model, features_json, reasons_json, lessons_done, lessons_total)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let t = now.timeIntervalSince1970
        for (s, p) in zip(scores, progress) {
            let features = RiskFeature.allCases.map { f -> [(String, StoredJSON.Field)] in
                [("feature", .text(f.key)), ("value", .number(s.features[f.rawValue])), ("contribution", .number(s.contributions[f.rawValue]))]
            }
            let reasons = s.reasons.map { r -> [(String, StoredJSON.Field)] in
                [("feature", .text(r.feature)), ("value", .number(r.value)), ("contribution", .number(r.contribution)), ("text", .text(r.text))]
            }
            try statement.execute(arguments: [s.studentId, t, s.probability, s.level.rawValue, s.hasLeft, model.kind.rawValue,
                                              StoredJSON.objects(features), StoredJSON.objects(reasons), p.done, p.total])
        }
    }
}

