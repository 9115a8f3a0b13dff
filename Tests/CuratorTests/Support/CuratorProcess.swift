import Foundation

/// Runs the real `curator` binary (or `curator-bench`), as a user would.
enum CuratorProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The environment of a clean machine: no GetCourse account, a private data home.
    static func environment(home: String, _ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GETCOURSE_") && !$0.key.hasPrefix("CURATOR_") && $0.key != "OPENAI_API_KEY" }
        env["HOME"] = home
        env["XDG_DATA_HOME"] = home + "/data"
        env["XDG_CONFIG_HOME"] = home + "/config"
        env["CURATOR_DATA"] = TestSupport.dataDir
        // Embedding the knowledge base takes a minute of both cores: only the tests of the
        // assistant's semantic search switch it on.
        env["CURATOR_SEMANTIC"] = "off"
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Runs blocking work on a Dispatch thread: tests must not block Swift's cooperative pool, which
    /// the in-process mock servers of other tests need.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            DispatchQueue.global().async(execute: DispatchWorkItem { c.resume(with: Swift.Result { try body() }) })
        }
    }

    static func runAsync(_ args: [String], env: [String: String], input: String? = nil, timeout: TimeInterval = 120,
                         binary: String = TestSupport.binary) async throws -> Result {
        try await offPool { try run(args, env: env, input: input, timeout: timeout, binary: binary) }
    }

    /// `input`, when given, is the child's stdin (else it has none).
    static func run(_ args: [String], env: [String: String], input: String? = nil, timeout: TimeInterval = 120,
                    binary: String = TestSupport.binary) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let stdin = Pipe()
        p.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try p.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Drain both pipes while the process runs, so a large output cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + timeout) == .timedOut { p.terminate() }
        p.waitUntilExit()
        group.wait()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A background `curator` (the mock, a sync to be killed...).
    final class Background: @unchecked Sendable {
        let process = Process()
        private let out = Pipe()
        private var buffer = Data()
        private let lock = NSLock()

        /// `stderr: true` reads the child's stderr into the same output.
        init(_ args: [String], env: [String: String], stderr: Bool = false) throws {
            process.executableURL = URL(fileURLWithPath: TestSupport.binary)
            process.arguments = args
            process.environment = env
            process.standardOutput = out
            process.standardError = stderr ? out : FileHandle.nullDevice
            try process.run()
            // Blocking reads on a thread of their own until end of file, not a `readabilityHandler`:
            // Foundation's read source, left on the pipe when it closes, once crashed libdispatch's
            // event loop in CI (`_dispatch_event_loop_drain`, the descriptor reused by a socket).
            let reader = out.fileHandleForReading
            DispatchQueue.global().async { [weak self] in
                while true {
                    let d = reader.availableData
                    if d.isEmpty { return }
                    guard let self else { return }
                    self.lock.withLock { self.buffer.append(d) }
                }
            }
        }

        var output: String { lock.withLock { String(decoding: buffer, as: UTF8.self) } }

        /// Waits (polling the output, not sleeping a fixed time) until `condition` holds.
        func waitFor(timeout: TimeInterval = 60, _ condition: (String) -> Bool) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if condition(output) { return true }
                if !process.isRunning { return condition(output) }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return false
        }

        func kill(_ signal: Int32 = SIGKILL) {
            if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
            process.waitUntilExit()
        }

        deinit { kill() }
    }

    /// `curator mock-getcourse` in the background, with the env a client needs to reach it.
    final class Mock: @unchecked Sendable {
        static func start(home: String, args: [String]) async throws -> Mock {
            try await offPool { try Mock(home: home, args: args) }
        }

        let background: Background
        let clientEnv: [String: String]
        let apiKey: String
        let techToken: String

        init(home: String, args: [String]) throws {
            background = try Background(["mock-getcourse"] + args, env: environment(home: home))
            guard background.waitFor({ $0.contains("GETCOURSE_TECH_TOKEN=") && $0.hasSuffix("\n") }) else {
                throw NSError(domain: "mock", code: 1, userInfo: [NSLocalizedDescriptionKey: "mock did not start: \(background.output)"])
            }
            var values: [String: String] = [:]
            for line in background.output.split(separator: "\n") where line.hasPrefix("GETCOURSE_") {
                let kv = line.split(separator: "=", maxSplits: 1)
                values[String(kv[0])] = String(kv[1])
            }
            apiKey = values["GETCOURSE_API_KEY"] ?? ""
            techToken = values["GETCOURSE_TECH_TOKEN"] ?? ""
            clientEnv = environment(home: home, values)
        }
    }
}
