import Domain
import Foundation
import Logging

/// The log file (`$CURATOR_LOG`, else `$XDG_STATE_HOME/curator/curator.log`, else
/// `~/.local/state/curator/curator.log`): created 0600, one line per event, control characters
/// neutralised, and every configured secret replaced before a byte is written.
final class LogFile: @unchecked Sendable {
    let path: String
    private let handle: FileHandle
    private let secrets: [String]
    private let lock = NSLock()

    static func defaultPath(_ env: [String: String]) -> String {
        if let p = env["CURATOR_LOG"], !p.isEmpty { return p }
        let base = env["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/curator/curator.log"
    }

    init?(path: String, secrets: [String]) {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !fm.fileExists(atPath: path) { _ = fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) }
        guard let h = FileHandle(forWritingAtPath: path) else { return nil }
        h.seekToEndOfFile()
        self.path = path
        handle = h
        // Longest first, so a secret containing another is replaced whole.
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    func write(_ line: String) {
        var text = TerminalText.sanitize(line)
        for s in secrets { text = text.replacingOccurrences(of: s, with: "•••") }
        lock.withLock { handle.write(Data((text + "\n").utf8)) }
    }
}

struct FileLogHandler: LogHandler {
    let file: LogFile
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = AccountTime.moscow.iso8601(Date())
        file.write("\(stamp) \(event.level) \(label): \(event.message)")
    }

    /// Sends every logger of this process to the log file (never to the terminal).
    static func bootstrap(secrets: [String]) -> LogFile? {
        guard let file = LogFile(path: LogFile.defaultPath(ProcessInfo.processInfo.environment), secrets: secrets) else { return nil }
        LoggingSystem.bootstrap { label in FileLogHandler(file: file, label: label) }
        return file
    }
}
