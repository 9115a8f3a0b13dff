import Domain
import Foundation
import Storage

/// Paths and fixtures shared by the tests.
enum TestSupport {
    /// One shell word: single-quoted, its own single quotes escaped.
    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let dataDir = repoRoot.appendingPathComponent("data").path
    static let fixturesDir = repoRoot.appendingPathComponent("Tests/Fixtures").path

    /// The environment that switches the assistant's semantic search on for a `curator` process,
    /// with one embedding cache for every test (the knowledge base is embedded once per machine).
    static let semanticSearch = ["CURATOR_SEMANTIC": "on", "XDG_CACHE_HOME": repoRoot.appendingPathComponent(".build/test-cache").path]

    static let catalog: SchoolCatalog = {
        do { return try SchoolDataFiles.load(directory: dataDir, folder: SchoolDataFiles.demo) } catch { fatalError("data/ must load: \(error)") }
    }()

    /// The built `curator` binary (`make test` builds it before the tests run).
    static var binary: String {
        if let b = ProcessInfo.processInfo.environment["CURATOR_BIN"] { return b }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for dir in [exe.deletingLastPathComponent(), exe.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("curator").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return repoRoot.appendingPathComponent(".build/debug/curator").path
    }

    /// The built `curator-bench`: the same build puts it beside `curator`.
    static var benchBinary: String { URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("curator-bench").path }

    /// A fresh directory that is removed when the returned object is deallocated.
    final class TempDir {
        let path: String
        init() {
            path = NSTemporaryDirectory() + "curator-test-" + UUID().uuidString
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    static func sha(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The shipped data/ (the knowledge base, so the assistant has something to be sure of) for a
    /// real account, with `school/` being the demo school's files when `withKeys`: the homework keys
    /// of the school the mock serves, as that school would write them.
    static func data(in dir: TempDir, withKeys: Bool) throws -> String {
        let data = dir.file("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        for folder in ["knowledge-base", "assistant"] {
            try FileManager.default.createSymbolicLink(atPath: data + "/" + folder, withDestinationPath: dataDir + "/" + folder)
        }
        if withKeys { try FileManager.default.createSymbolicLink(atPath: data + "/school", withDestinationPath: dataDir + "/demo-school") }
        return data
    }
}
