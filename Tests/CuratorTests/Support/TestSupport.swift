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

    static let catalog: SchoolCatalog = {
        do { return try SchoolDataFiles.load(directory: dataDir) } catch { fatalError("data/ must load: \(error)") }
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
}
