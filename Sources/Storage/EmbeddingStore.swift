import Domain
import Foundation
import GRDB

/// The knowledge base's passage embeddings, kept in the mirror so that they are computed once per
/// passage text and model, not at every start.
public struct EmbeddingStore: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// The stored vectors of `keys` for `model`, by key (a key without one is missing).
    public func vectors(model: String, keys: [String]) throws -> [String: [Float]] {
        try pool.read { db in
            let rows = try KnowledgeEmbeddingRecord
                .filter(KnowledgeEmbeddingRecord.Columns.model == model && keys.contains(KnowledgeEmbeddingRecord.Columns.passageKey))
                .fetchAll(db)
            return Dictionary(rows.map { ($0.passageKey, $0.vector) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func save(model: String, vectors: [String: [Float]]) throws {
        try pool.write { db in
            for (key, vector) in vectors { try KnowledgeEmbeddingRecord(model: model, passageKey: key, vector: vector).save(db) }
        }
    }
}
