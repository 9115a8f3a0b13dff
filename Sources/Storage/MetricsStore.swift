import Domain
import Foundation
import GRDB

/// Reads what the school's metrics are computed from, in one read transaction (one consistent
/// state of the mirror).
public struct MetricsStore: Sendable {
    let pool: DatabasePool
    let builder: StudentHistoryBuilder

    public init(_ store: MirrorStore, catalog: SchoolCatalog) {
        pool = store.pool
        builder = StudentHistoryBuilder(catalog: catalog)
    }

    /// The metrics from `since`, or by default the last `defaultPeriods` periods since the first enrolment.
    public func metrics(period: MetricsPeriod, since: Date? = nil, defaultPeriods: Int = 6, now: Date = Date(),
                        assumptions: ROIAssumptions = ROIAssumptions()) throws -> SchoolMetrics {
        let r = try records()
        let t = now.timeIntervalSince1970
        let start = since?.timeIntervalSince1970 ?? SchoolMetrics.defaultSince(r, periods: defaultPeriods, of: period, now: t)
        return SchoolMetrics.compute(r, period: period, since: start, now: t, assumptions: assumptions)
    }

    public func records() throws -> MetricsRecords {
        try pool.read { db in
            var r = MetricsRecords(histories: try builder.histories(RiskStore.records(db)))
            // A verdict is the answer's status in GetCourse (Curator's own are written there through
            // the outbox); who gave it is Curator's record when it matches, else a teacher.
            let answers = try Row.fetchCursor(db, sql: """
                SELECT a.created_at, a.status, a.reviewed_at, c.decision, c.decided_by FROM lesson_answers a
                LEFT JOIN homework_checks c ON c.answer_id = a.id
                WHERE a.type = 'mission_answer' AND a.created_at IS NOT NULL
                """)
            while let row = try answers.next() {
                let status: String = row[1]
                let decided = status == "accepted" || status == "declined"
                let reviewer = (row[3] as String?) == status ? (row[4] as String?).flatMap(HomeworkReviewer.init(rawValue:)) : nil
                r.homework.append(HomeworkTurn(submittedAt: row[0], verdictAt: decided ? row[2] : nil, reviewer: reviewer ?? .teacher))
            }
            r.messages = try Row.fetchAll(db, sql: "SELECT id, dialog_id, text, created_at, from_student FROM messages").map {
                DialogMessage(id: $0[0], dialogId: $0[1], authorUserId: nil, text: $0[2], createdAt: date($0[3]), fromStudent: $0[4])
            }
            let questions = try Row.fetchCursor(db, sql: "SELECT message_id, action, answered_by, answered_at FROM student_questions")
            while let row = try questions.next() { r.decisions[row[0]] = QuestionRecord(action: row[1], answeredBy: row[2], answeredAt: row[3]) }
            r.alertsOpened = try Double.fetchAll(db, sql: "SELECT opened_at FROM alerts")
            r.reviewsQueued = try Double.fetchAll(db, sql: "SELECT checked_at FROM homework_checks WHERE outcome = 'review'")
            r.payments = try Row.fetchAll(db, sql: """
                SELECT paid_at, coalesce(paid_kopecks, 0) FROM deals WHERE status = 'payed' AND paid_at IS NOT NULL
                """).map { Payment(at: $0[0], kopecks: $0[1]) }
            r.tokens = try Row.fetchAll(db, sql: "SELECT at, prompt_tokens, completion_tokens FROM model_usage").map {
                TokenUse(at: $0[0], prompt: $0[1], completion: $0[2])
            }
            return r
        }
    }
}
