import Domain
import Foundation
import GRDB

/// Embeddings of the knowledge base and the hand-off examples, kept in the mirror so that they are
/// computed once per text and model, not at every start.
public struct EmbeddingStore: Sendable {
    let pool: DatabasePool

    public init(_ store: MirrorStore) { pool = store.pool }

    /// Every stored vector of `model`, by key.
    public func vectors(model: String) throws -> [String: [Float]] {
        try pool.read { db in
            let rows = try KnowledgeEmbeddingRecord.filter(KnowledgeEmbeddingRecord.Columns.model == model).fetchAll(db)
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.passageKey, $0.vector) })
        }
    }

    public func save(model: String, vectors: [String: [Float]]) throws {
        try pool.write { db in
            for (key, vector) in vectors { try KnowledgeEmbeddingRecord(model: model, passageKey: key, vector: vector).insert(db, onConflict: .replace) }
        }
    }
}
