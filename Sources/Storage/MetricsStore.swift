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
            typealias C = HomeworkCheckRecord.Columns
            var decided: [Int64: (decision: AnswerStatus, by: HomeworkReviewer)] = [:]
            let checks = try Row.fetchCursor(db, HomeworkCheckRecord.select(C.answerId, C.decision, C.decidedBy).filter(C.decision != nil))
            while let row = try checks.next() {
                if let by: HomeworkReviewer = row.known(C.decidedBy) { decided[row[C.answerId]] = (row[C.decision], by) }
            }
            for a in records.answers {
                guard let submitted = a.createdAt?.timeIntervalSince1970 else { continue }
                let status = AnswerStatus(rawValue: a.status)
                let reviewer = decided[a.id].flatMap { $0.decision == status ? $0.by : nil } ?? .teacher
                r.homework.append(HomeworkTurn(submittedAt: submitted, verdictAt: status.isVerdict ? a.reviewedAt?.timeIntervalSince1970 : nil,
                                               reviewer: reviewer))
            }
            typealias Q = StudentQuestionRecord.Columns
            let questions = try Row.fetchCursor(db, StudentQuestionRecord.select(Q.messageId, Q.action, Q.answeredBy, Q.answeredAt))
            while let row = try questions.next() {
                r.decisions[row[Q.messageId]] = QuestionRecord(action: StudentQuestionRecord.action(row), answeredBy: row.known(Q.answeredBy),
                                                               answeredAt: row[Q.answeredAt])
            }
            r.alertsOpened = try Double.fetchAll(db, AlertRecord.select(AlertRecord.Columns.openedAt))
            r.reviewsQueued = try Double.fetchAll(db, HomeworkCheckRecord.select(C.checkedAt).filter(C.outcome == HomeworkPolicy.Outcome.review))
            typealias D = DealRecord.Columns
            r.payments = try Row.fetchAll(db, DealRecord.select(D.paidAt, D.paidKopecks).filter(D.status == DealStatus.payed).filter(D.paidAt != nil))
                .map { row in Payment(at: row[D.paidAt], kopecks: row[D.paidKopecks] ?? 0) }
            r.tokens = try ModelUsageRecord.fetchAll(db).map(\.tokens)
            return r
        }
    }
}
