import Domain
import Foundation

/// Reads data/knowledge-base/*.md, data/assistant/synonyms.txt and
/// data/assistant/handoff-exemplars.tsv; a broken file is an error naming the file and the field
/// or line. A school without articles has an assistant that hands every question to the curator.
public enum KnowledgeBaseFiles {
    public static let folder = "knowledge-base"
    public static let synonymsFile = "assistant/synonyms.txt"
    public static let handoffExamplesFile = "assistant/handoff-exemplars.tsv"

    /// The articles indexed with the school's synonyms.
    public static func index(directory: String) throws(SchoolDataError) -> KnowledgeIndex {
        KnowledgeIndex(try load(directory: directory), synonyms: try synonyms(directory: directory))
    }

    public static func synonyms(directory: String) throws(SchoolDataError) -> QuerySynonyms {
        try parseOptional(directory + "/" + synonymsFile, QuerySynonyms.parse) ?? .none
    }

    /// The examples that teach the hand-off classifier (none when the file is absent).
    public static func handoffExamples(directory: String) throws(SchoolDataError) -> [HandoffExample] {
        try parseOptional(directory + "/" + handoffExamplesFile, HandoffExample.parse) ?? []
    }

    private static func parseOptional<T>(_ file: String, _ parse: (String) throws(LineError) -> T) throws(SchoolDataError) -> T? {
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw SchoolDataError(file: file, field: "", problem: "cannot read it as UTF-8 text")
        }
        do { return try parse(text) } catch { throw SchoolDataError(file: file, field: "", problem: error.description) }
    }

    /// Adds a student's question to the `questions:` of the article `id` (the FAQ grows from real
    /// traffic); false when the article lists it already. The file is replaced whole, atomically.
    @discardableResult
    public static func addQuestion(_ question: String, toArticle id: String, directory: String) throws(SchoolDataError) -> Bool {
        let path = directory + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names.sorted() where name.hasSuffix(".md") {
            let file = path + "/" + name
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8),
                  (try? KnowledgeArticle.parse(text))?.id == id else { continue }
            let updated: String?
            do { updated = try KnowledgeArticle.adding(question: question, to: text) } catch {
                throw SchoolDataError(file: file, field: error.field, problem: error.problem)
            }
            guard let updated else { return false }
            do { try updated.write(toFile: file, atomically: true, encoding: .utf8) } catch {
                throw SchoolDataError(file: file, field: "", problem: "cannot write it (\(error.localizedDescription))")
            }
            return true
        }
        throw SchoolDataError(file: path, field: "", problem: "no article with id \(id)")
    }

    /// What the knowledge base's files are now (each file's name, size and modification time): a
    /// running assistant reloads when it moves.
    public static func version(directory: String) -> String {
        let articles = ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []).sorted().map { folder + "/" + $0 }
        return (articles + [synonymsFile, handoffExamplesFile]).map { name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
            let time = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(name):\(size):\(time)"
        }.joined(separator: "\n")
    }

    public static func load(directory: String) throws(SchoolDataError) -> [KnowledgeArticle] {
        let path = directory + "/" + folder
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw SchoolDataError(file: path, field: "", problem: "cannot read the folder")
        }
        var articles: [KnowledgeArticle] = []
        var ids: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".md") && name.lowercased() != "readme.md" {
            let file = path + "/" + name
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw SchoolDataError(file: file, field: "", problem: "cannot read it as UTF-8 text")
            }
            let article: KnowledgeArticle
            do { article = try KnowledgeArticle.parse(text) } catch { throw SchoolDataError(file: file, field: error.field, problem: error.problem) }
            if let other = ids[article.id] { throw SchoolDataError(file: file, field: "id", problem: "\(article.id) is also the id of \(other)") }
            ids[article.id] = name
            articles.append(article)
        }
        return articles
    }
}
