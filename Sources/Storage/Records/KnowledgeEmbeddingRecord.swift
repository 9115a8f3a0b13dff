import Foundation
import GRDB

/// A row of `knowledge_embeddings`: one passage's vector for one model.
struct KnowledgeEmbeddingRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "knowledge_embeddings"

    enum Columns: String, ColumnExpression {
        case model, passageKey = "passage_key", vector
    }

    var model: String
    var passageKey: String
    var vector: [Float]

    init(model: String, passageKey: String, vector: [Float]) {
        self.model = model
        self.passageKey = passageKey
        self.vector = vector
    }

    init(row: Row) {
        model = row[Columns.model]
        passageKey = row[Columns.passageKey]
        let data: Data = row[Columns.vector]
        vector = data.withUnsafeBytes { raw in (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) } }
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.model] = model
        container[Columns.passageKey] = passageKey
        var bytes = Data(capacity: vector.count * 4)
        for v in vector { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        container[Columns.vector] = bytes
    }
}
