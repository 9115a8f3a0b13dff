import Foundation
import GRDB

/// Persisted state of the sync: watermarks, in-flight export ids, the request log behind the budget.
public struct SyncStateStore: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    public func meta(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try pool.write { db in try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value]) }
    }

    /// Empties the school's data and the sync state (a demo mirror when a new simulated school starts).
    public func resetMirroredData() throws {
        try pool.write { db in
            for t in ["users", "groups", "group_members", "deals", "trainings", "lesson_answers", "dialogs", "messages", "user_sync",
                      "sync_watermarks", "sync_exports", "request_log", "outbox", "student_questions", "homework_checks", "risk_scores", "alerts",
                      "school_trainings", "school_streams", "school_lessons", "school_packages", "school_conflicts"] {
                try db.execute(sql: "DELETE FROM \(t)")
            }
        }
    }

    public func watermark(_ name: String) throws -> Date? {
        try pool.read { db in try SyncWatermarkRecord.fetchOne(db, key: name) }.map { Date(timeIntervalSince1970: $0.value) }
    }

    public struct InFlightExport: Sendable, Equatable {
        public var slot: String
        public var exportId: String
        public var paramsJSON: String
        public var startedAt: Date

        public init(slot: String, exportId: String, paramsJSON: String, startedAt: Date) {
            self.slot = slot
            self.exportId = exportId
            self.paramsJSON = paramsJSON
            self.startedAt = startedAt
        }
    }

    public func inFlightExport(_ slot: String) throws -> InFlightExport? {
        try pool.read { db in try SyncExportRecord.fetchOne(db, key: slot)?.export }
    }

    public func allInFlightExports() throws -> [InFlightExport] {
        try pool.read { db in try SyncExportRecord.order(SyncExportRecord.Columns.startedAt).fetchAll(db).map(\.export) }
    }

    public func setInFlightExport(_ e: InFlightExport) throws {
        try pool.write { db in try SyncExportRecord(e).insert(db, onConflict: .replace) }
    }

    /// Forgets a collected export and moves its watermarks, in one transaction.
    public func finishExport(slot: String, watermarks: [String: Date]) throws {
        try pool.write { db in
            try SyncExportRecord.deleteOne(db, key: slot)
            for (name, value) in watermarks { try SyncWatermarkRecord(name: name, value: value).insert(db, onConflict: .replace) }
        }
    }

    public func clearInFlightExport(_ slot: String) throws {
        try pool.write { db in _ = try SyncExportRecord.deleteOne(db, key: slot) }
    }

    /// Records a request to the rate-limited API *before* it is sent, so a crash cannot under-count.
    public func logRequest(at: Date) throws {
        try pool.write { db in try db.execute(sql: "INSERT INTO request_log (at) VALUES (?)", arguments: [at.timeIntervalSince1970]) }
    }

    /// Times of requests since `since`, oldest first; older entries are pruned.
    public func requests(since: Date) throws -> [Date] {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM request_log WHERE at < ?", arguments: [since.timeIntervalSince1970 - 86400])
            return try Double.fetchAll(db, sql: "SELECT at FROM request_log WHERE at >= ? ORDER BY at", arguments: [since.timeIntervalSince1970])
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Group ids with the `last_added_at` their members were last exported up to.
    public func groupMemberWatermarks() throws -> [Int64: Date] { try watermarksByGroup(prefix: "group:") }

    /// Group ids with the time of their last full member export.
    public func groupFullExports() throws -> [Int64: Date] { try watermarksByGroup(prefix: "group-full:") }

    private func watermarksByGroup(prefix: String) throws -> [Int64: Date] {
        try pool.read { db in
            var out: [Int64: Date] = [:]
            let name = SyncWatermarkRecord.Columns.name
            for w in try SyncWatermarkRecord.filter(literal: "substr(\(name), 1, \(prefix.count)) = \(prefix)").fetchAll(db) {
                if let id = Int64(w.name.dropFirst(prefix.count)) { out[id] = Date(timeIntervalSince1970: w.value) }
            }
            return out
        }
    }

    public func recordRun(startedAt: Date, finishedAt: Date, ok: Bool, summaryJSON: String, error: String?) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO sync_runs (started_at, finished_at, ok, summary_json, error) VALUES (?, ?, ?, ?, ?)",
                           arguments: [startedAt.timeIntervalSince1970, finishedAt.timeIntervalSince1970, ok, summaryJSON, error])
        }
    }

    /// Users whose dialogs should be fetched this pass: activity newer than the last fetch first,
    /// then the longest-unswept, up to `limit`.
    public func usersDueForDialogs(limit: Int) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT u.id FROM users u LEFT JOIN user_sync s ON s.user_id = u.id
                ORDER BY (s.dialogs_synced_at IS NULL) DESC,
                         (coalesce(u.last_activity_at, 0) > coalesce(s.dialogs_synced_at, 0)) DESC,
                         coalesce(s.dialogs_synced_at, 0) ASC
                LIMIT ?
                """, arguments: [limit])
        }
    }

    /// Users whose answers should be read whole this pass: never read first, then those whose
    /// GetCourse activity moved since their last read, up to `limit`.
    public func usersDueForAnswers(limit: Int) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT u.id FROM users u LEFT JOIN user_sync s ON s.user_id = u.id
                WHERE s.answers_synced_at IS NULL OR coalesce(u.last_activity_at, 0) > s.answers_synced_at
                ORDER BY (s.answers_synced_at IS NULL) DESC, coalesce(u.last_activity_at, 0) DESC, u.id
                LIMIT ?
                """, arguments: [limit])
        }
    }

    public func markAnswersRead(_ users: [Int64], at: Date) throws {
        guard !users.isEmpty else { return }
        try pool.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO user_sync (user_id, answers_synced_at) VALUES (?, ?)
                ON CONFLICT(user_id) DO UPDATE SET answers_synced_at = excluded.answers_synced_at
                """)
            for u in users { try statement.execute(arguments: [u, at.timeIntervalSince1970]) }
        }
    }

    public func userCount() throws -> Int {
        try pool.read { db in try UserRecord.fetchCount(db) }
    }

    /// Lesson ids the account has shown (an answer named them), in id order.
    public func knownLessonIds() throws -> [Int64] {
        let lessonId = LessonAnswerRecord.Columns.lessonId
        return try pool.read { db in try Int64.fetchAll(db, LessonAnswerRecord.select(lessonId).distinct().order(lessonId)) }
    }
}
