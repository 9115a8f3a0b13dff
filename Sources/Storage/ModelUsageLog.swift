import Domain
import Foundation
import GRDB

/// Tokens the model used, per answer, for the cost side of the ROI.
public struct ModelUsageLog: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    public func record(model: String, purpose: String, usage: ChatUsage, now: Date) throws {
        try pool.write { db in try ModelUsageRecord(model: model, purpose: purpose, usage: usage, at: now.timeIntervalSince1970).insert(db) }
    }

    public func totals(since: Date = .distantPast) throws -> ChatUsage {
        typealias C = ModelUsageRecord.Columns
        let sums = try pool.read { db in
            try SQLRequest<Row>(literal: """
                SELECT coalesce(sum(prompt_tokens), 0) AS prompt_tokens, coalesce(sum(completion_tokens), 0) AS completion_tokens
                FROM model_usage WHERE at >= \(since.timeIntervalSince1970)
                """).fetchOne(db)!
        }
        let p: Int = sums[C.promptTokens], c: Int = sums[C.completionTokens]
        return ChatUsage(promptTokens: p, completionTokens: c, totalTokens: p + c)
    }
}
