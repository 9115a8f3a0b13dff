import GRDB

/// Calls back after every committed transaction that touched what the dashboard shows: risk scores,
/// alerts, the outbox, students' questions and homework checks (a risk pass writes scores and alerts in one
/// transaction, so one pass is one call). Writes of this process only: SQLite tells no one else.
public final class MirrorChanges: Sendable {
    private let cancellable: AnyDatabaseCancellable

    static let tables = ["risk_scores", "alerts", "outbox", "student_questions", "homework_checks"]

    /// `onChange` runs on the mirror's writer queue: it must only hand the news on.
    public init(_ store: MirrorStore, onError: @escaping @Sendable (Error) -> Void, onChange: @escaping @Sendable () -> Void) {
        let observation = DatabaseRegionObservation(tracking: Self.tables.map { Table($0) })
        cancellable = observation.start(in: store.pool, onError: onError, onChange: { _ in onChange() })
    }

    deinit { cancellable.cancel() }
}
