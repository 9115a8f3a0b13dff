import Domain
import GRDB

extension StatusCounts {
    /// The counters as the mirror holds them now.
    public init(_ store: MirrorStore) throws {
        let row = try store.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM alerts WHERE closed_at IS NULL),
                       (SELECT count(*) FROM alerts WHERE closed_at IS NULL AND state = 'open'),
                       (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')),
                       (SELECT count(*) FROM homework_checks c JOIN lesson_answers a ON a.id = c.answer_id WHERE \(HomeworkStore.waiting))
                """)
        }
        self.init()
        openAlerts = row?[0] ?? 0
        unacknowledgedAlerts = row?[1] ?? 0
        outboxWaiting = row?[2] ?? 0
        homeworkWaiting = row?[3] ?? 0
    }
}
