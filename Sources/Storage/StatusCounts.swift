import GRDB

/// The status bar's counters, over the whole mirror (the alerts pane loads only the first ones):
/// open alerts, those nobody has acknowledged or marked yet, write-backs still to be sent, and
/// checked homework waiting for the curator.
public struct StatusCounts: Sendable, Equatable {
    public var openAlerts = 0
    public var unacknowledgedAlerts = 0
    public var outboxWaiting = 0
    public var homeworkWaiting = 0

    public init() {}

    public init(_ store: MirrorStore) throws {
        let row = try store.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM alerts WHERE closed_at IS NULL),
                       (SELECT count(*) FROM alerts WHERE closed_at IS NULL AND state = 'open'),
                       (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')),
                       (SELECT count(*) FROM homework_checks c JOIN lesson_answers a ON a.id = c.answer_id WHERE \(HomeworkStore.waiting))
                """)
        }
        openAlerts = row?[0] ?? 0
        unacknowledgedAlerts = row?[1] ?? 0
        outboxWaiting = row?[2] ?? 0
        homeworkWaiting = row?[3] ?? 0
    }
}
