import Domain
import Foundation
import Storage

/// The labelled sets that ship in Tests/Fixtures of the installation (beside its data/).
public enum Fixtures {
    public static func path(_ file: String) -> String {
        URL(fileURLWithPath: SchoolDataFiles.locate()).deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/" + file).path
    }
}

/// The labelled question sets that ship in Tests/Fixtures/assistant.
public enum QuestionSets {
    public static func path(_ file: String) -> String { Fixtures.path("assistant/" + file) }

    /// The questions in `path`; an unreadable, broken or empty file throws one line starting with `naming`.
    public static func load(_ path: String, naming: String) throws -> [LabelledQuestion] {
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw CuratorFailure(message: "\(naming): cannot read \(path)")
        }
        let set: [LabelledQuestion]
        do { set = try LabelledQuestion.parse(text) } catch { throw CuratorFailure(message: "\(naming): \(path): \(error)") }
        if set.isEmpty { throw CuratorFailure(message: "\(naming): \(path) holds no questions") }
        return set
    }
}
