import Domain
import Foundation
import GRDB

/// Tokens the model used, per answer, for the cost side of the ROI.
public struct ModelUsageLog: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    public func record(model: String, purpose: String, usage: ChatUsage, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO model_usage (at, model, purpose, prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?, ?)",
                           arguments: [now.timeIntervalSince1970, model, purpose, usage.promptTokens, usage.completionTokens])
        }
    }

    public func totals(since: Date = .distantPast) throws -> ChatUsage {
        try pool.read { db in
            let r = try Row.fetchOne(db, sql: "SELECT coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0) FROM model_usage WHERE at >= ?",
                                     arguments: [since.timeIntervalSince1970])!
            let p: Int = r[0], c: Int = r[1]
            return ChatUsage(promptTokens: p, completionTokens: c, totalTokens: p + c)
        }
    }
}
