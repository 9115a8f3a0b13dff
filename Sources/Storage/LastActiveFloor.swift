import GRDB
import Synchronization

/// What this process knows `users.last_active_at` to be at least, per user, from its own
/// committed writes. The column only ever moves forward (every write takes a maximum), so a value
/// known here stays a true lower bound whoever writes the file, and a signal no newer than it
/// would change nothing: the writer skips its UPDATE, and with it a seek into the users table
/// (500k of them in a big answers ingest, where most answers are older than the user's last visit).
final class LastActiveFloor: Sendable {
    private let known = Mutex<[Int64: Double]>([:])

    /// The signals that may still raise the column: those not known to be covered.
    func uncovered(_ newest: [Int64: Double]) -> [(user: Int64, at: Double)] {
        known.withLock { known in newest.compactMap { user, at in (known[user] ?? -.infinity) < at ? (user, at) : nil } }
    }

    /// Once `db`'s transaction commits (never on a rollback): each user's column is at least `at`.
    func record(_ raised: [(user: Int64, at: Double)], whenCommitted db: Database) {
        guard !raised.isEmpty else { return }
        db.afterNextTransaction { [self] _ in
            known.withLock { known in
                for (user, at) in raised where (known[user] ?? -.infinity) < at { known[user] = at }
            }
        }
    }
}
