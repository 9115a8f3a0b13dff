import CuratorApp
import Foundation

/// The binaries the benchmark runs: itself (its workers) and `curator` (the first syncs), which a
/// build puts in the same folder.
enum Executables {
    static let bench = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path

    /// `curator` beside this binary; missing, the figures that need it cannot be measured.
    static func curator() throws -> String {
        let path = URL(fileURLWithPath: bench).deletingLastPathComponent().appendingPathComponent("curator").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CuratorFailure(message: "no curator beside curator-bench (\(path)): build both, e.g. swift build -c release --product curator")
        }
        return path
    }
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `path` to its end with `stdin` as its input, collecting what it prints.
func runProcess(_ path: String, _ args: [String], stdin: String? = nil) throws -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ProcessResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}
