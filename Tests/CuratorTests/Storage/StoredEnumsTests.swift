import Domain
import Foundation
import GRDB
import Storage
import Testing

/// The statuses the mirror stores: each goes in as its raw value and comes back as itself, and a
/// value this version does not know (a newer Curator's) is read as before the enums.
struct StoredEnumsTests {
    @Test func everyStoredEnumRoundTripsAsItsRawValue() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE stored (value TEXT)")
            func roundTrip<Value: DatabaseValueConvertible & RawRepresentable & Equatable>(_ values: [Value]) throws where Value.RawValue == String {
                for value in values {
                    try db.execute(sql: "DELETE FROM stored")
                    try db.execute(literal: "INSERT INTO stored (value) VALUES (\(value))")
                    #expect(try String.fetchOne(db, sql: "SELECT value FROM stored") == value.rawValue)
                    #expect(try Value.fetchOne(db, sql: "SELECT value FROM stored") == value)
                }
            }
            try roundTrip(AlertRule.allCases)
            try roundTrip([AlertSeverity.warning, .high])
            try roundTrip([Alert.State.open, .acknowledged, .notUseful])
            try roundTrip([Alert.Closure.resolved, .superseded])
            try roundTrip([AnswerStatus.new, .viewed, .accepted, .declined, .other("archived")])
            try roundTrip([HomeworkReviewer.checker, .curator, .teacher])
            try roundTrip([HomeworkPolicy.Outcome.accept, .decline, .review])
            try roundTrip([OutboxStatus.pending, .sending, .sent, .failed, .cancelled])
            try roundTrip([QuestionAction.answer, .clarify, .handoff, .stale])
            try roundTrip([AskedQuestion.Responder.assistant, .curator])
            try roundTrip(DealStatus.allCases)
            try roundTrip(RiskLevel.allCases)
            try roundTrip([RiskModel.Kind.prior, .trained])
            try roundTrip([SchoolModel.Source.account, .data, .both, .inferred])
            try roundTrip([SchoolModel.Stream.Tie.name, .answers, .data])
        }
        #expect(AnswerStatus(rawValue: "accepted") == .accepted && AnswerStatus(rawValue: "archived") == .other("archived"))
    }

    @Test func aValueThisVersionDoesNotKnowIsReadAsBefore() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let w = MirrorWriter(store)
        try w.upsert(students: [Student(id: 1, firstName: "Анна")])
        try w.upsert(deals: [Deal(id: 1, userId: 1, status: .payed)])
        try w.upsert(answers: [LessonAnswer(id: 5, lessonId: 50, userId: 1, status: "archived")])
        try HomeworkStore(store).record(LessonAnswer(id: 5, lessonId: 50, userId: 1), check: HomeworkCheck(items: []),
                                        decision: .init(outcome: .accept), comment: "", decide: false, now: Date())
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO alerts (user_id, rule, severity, state, detail, opened_at, changed_at, notified_at) VALUES
                    (1, 'from_the_future', 'high', 'open', 'x', 0, 0, 0),
                    (1, 'risk_high', 'high', 'snoozed', 'y', 0, 0, 0),
                    (1, 'inactive_5d', 'warning', 'open', 'z', 0, 0, 0);
                INSERT INTO outbox (idempotency_key, kind, payload_json, status, created_at) VALUES ('k', 'x', '{}', 'parked', 0);
                INSERT INTO risk_scores (user_id, scored_at, probability, level, has_left, model, features_json, reasons_json)
                    VALUES (1, 0, 0.5, 'extreme', 0, 'prior', '[]', '[]');
                INSERT INTO messages (id, dialog_id, text, created_at, from_student) VALUES (9, 3, 'вопрос', 0, 1);
                INSERT INTO student_questions (message_id, dialog_id, user_id, seen_at, action) VALUES (9, 3, 1, 0, 'escalate');
                UPDATE homework_checks SET outcome = 'maybe' WHERE answer_id = 5;
                """)
        }
        // An alert with a rule or state this version does not know is left out.
        #expect(try AlertStore(store).list(openOnly: true).map(\.alert.rule) == [.inactive5])
        // An outbox status: still to send.
        #expect(try Outbox(store).all().map(\.status) == [.pending])
        // A risk level: none.
        #expect(try StudentQueries(store).students().map(\.level) == [nil])
        // A checker's outcome: the curator reviews it. GetCourse's own status is kept as written.
        let item = try #require(try HomeworkStore(store).item(answerId: 5))
        #expect(item.outcome == .review && item.status == .other("archived") && !item.waitsForReview)
        // An assistant's action: nothing sent, nothing waited for (the questions table showed it as stale).
        #expect(try StudentQuestionStore(store).list(waitingOnly: false).map(\.action) == [.stale])
        #expect(try StudentQuestionStore(store).list(waitingOnly: true).isEmpty)
    }
}
