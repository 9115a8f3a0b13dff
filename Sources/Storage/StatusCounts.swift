import Domain
import GRDB

extension StatusCounts {
    /// The counters as the mirror holds them now.
    public init(_ store: MirrorStore) throws {
        typealias A = AlertRecord.Columns
        let (open, unacknowledged, outbox, homework) = try store.pool.read { db in
            (try AlertRecord.filter(A.closedAt == nil).fetchCount(db),
             try AlertRecord.filter(A.closedAt == nil).filter(A.state == Alert.State.open).fetchCount(db),
             try OutboxRecord.filter(Outbox.isDue).fetchCount(db),
             try SQLRequest<Int>(literal: "SELECT count(*) FROM homework_checks c JOIN lesson_answers a ON a.id = c.answer_id WHERE \(HomeworkStore.waiting)")
                .fetchOne(db) ?? 0)
        }
        self.init()
        openAlerts = open
        unacknowledgedAlerts = unacknowledged
        outboxWaiting = outbox
        homeworkWaiting = homework
    }
}
