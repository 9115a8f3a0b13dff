import Domain
import Foundation
import GRDB

/// Reads what the school's metrics are computed from, in one read transaction (one consistent
/// state of the mirror).
public struct MetricsStore: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// The metrics from `since`, or by default the period's last `defaultCount` since the first enrolment.
    public func metrics(period: MetricsPeriod, since: Date? = nil, now: Date = Date(),
                        assumptions: ROIAssumptions = ROIAssumptions()) throws -> SchoolMetrics {
        let r = try records()
        let t = now.timeIntervalSince1970
        let start = since?.timeIntervalSince1970 ?? SchoolMetrics.defaultSince(r, of: period, now: t)
        return SchoolMetrics.compute(r, period: period, since: start, now: t, assumptions: assumptions)
    }

    public func records() throws -> MetricsRecords {
        try pool.read { db in
            // The risk model's records serve the histories, the homework and the dialogs: each table read once.
            let records = try RiskStore.records(db, messageText: true)
            // The school as the last risk pass learned it.
            var r = MetricsRecords(histories: StudentHistoryBuilder(school: try SchoolStore.load(db)).histories(records), messages: records.messages)
            // A verdict is the answer's status in GetCourse (Curator's own are written there through
            // the outbox); who gave it is Curator's record when it matches, else a teacher.
            var decided: [Int64: (decision: String, by: HomeworkReviewer)] = [:]
            let checks = try Row.fetchCursor(db, sql: "SELECT answer_id, decision, decided_by FROM homework_checks WHERE decision IS NOT NULL")
            while let row = try checks.next() {
                if let by = (row[2] as String?).flatMap(HomeworkReviewer.init(rawValue:)) { decided[row[0]] = (row[1], by) }
            }
            for a in records.answers {
                guard let submitted = a.createdAt?.timeIntervalSince1970 else { continue }
                let verdict = a.status == "accepted" || a.status == "declined"
                let reviewer = decided[a.id].flatMap { $0.decision == a.status ? $0.by : nil } ?? .teacher
                r.homework.append(HomeworkTurn(submittedAt: submitted, verdictAt: verdict ? a.reviewedAt?.timeIntervalSince1970 : nil, reviewer: reviewer))
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
