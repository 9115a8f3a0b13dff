import Domain
import Foundation
import GRDB

/// The knowledge base in an in-memory SQLite FTS5 table, ranked by FTS5's own bm25() with the same
/// column weights as `KnowledgeIndex` (title 3, tags 2, body 1): the peer the assistant's latency is
/// measured against.
public struct KnowledgeFTS {
    let db: DatabaseQueue

    public init(_ articles: [KnowledgeArticle]) throws {
        db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE kb USING fts5(title, tags, body, tokenize = 'unicode61')")
            let insert = try db.makeStatement(sql: "INSERT INTO kb(rowid, title, tags, body) VALUES (?, ?, ?, ?)")
            for (i, a) in articles.enumerated() {
                try insert.execute(arguments: [i, a.title, a.tags.joined(separator: " "), a.body])
            }
        }
    }

    /// Row numbers of the best articles for the question's words (any of them), best first.
    public func search(_ question: String, limit: Int = 5) throws -> [Int] {
        // Each word quoted, so FTS5 syntax in the question is just text.
        let words = SearchTerms.tokens(question).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        guard !words.isEmpty else { return [] }
        return try db.read { db in
            try Int.fetchAll(db, sql: "SELECT rowid FROM kb WHERE kb MATCH ? ORDER BY bm25(kb, 3.0, 2.0, 1.0) LIMIT ?",
                             arguments: [words.joined(separator: " OR "), limit])
        }
    }
}
