import Foundation
import Storage
import Testing

/// The settings file as a user keeps keys in it: written 0600 by `curator config set`, refused when
/// others can read it, and no key ever in output, errors, the log or the mirror.
@Suite struct ConfigSecretsTests {
    static func mode(_ path: String) -> Int? { (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue }

    @Test func keysLiveInAPrivateFileAndNeverShow() async throws {
        let dir = TestSupport.TempDir()
        let mock = try await CuratorProcess.Mock.start(home: dir.path, args: SyncCommandTests.fastMock + ["--faults", "0.2", "--stall-seconds", "1"])
        // A clean machine: the account comes from the file only.
        let env = CuratorProcess.environment(home: dir.path)
        let config = dir.path + "/config/curator/config.json"
        let url = try #require(mock.clientEnv["GETCOURSE_URL"])
        for (name, value, input) in [("getcourse.url", url, nil), ("getcourse.api_key", nil, mock.apiKey + "\n"), ("getcourse.tech_token", nil, mock.techToken)] {
            let r = try await CuratorProcess.runAsync(["config", "set", name] + (value.map { [$0] } ?? []), env: env, input: input)
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(Self.mode(config) == 0o600)
        #expect(Self.mode(dir.path + "/config/curator") == 0o700)

        let show = try await CuratorProcess.runAsync(["config", "show"], env: env)
        #expect(show.status == 0 && show.stdout.contains("getcourse.api_key") && show.stdout.contains("задан (скрыт)") && show.stdout.contains(url), "\(show.stdout)")

        // Syncs through 20% faults with the file's account; every output is checked for the keys.
        let db = dir.file("m.sqlite")
        var outputs: [String] = [show.stdout, show.stderr]
        var synced = false
        for _ in 0..<8 where !synced {
            let r = try await CuratorProcess.runAsync(["sync", "--once", "--json", "--db", db] + SyncCommandTests.fastSync + ["--timeout", "1"], env: env)
            outputs += [r.stdout, r.stderr]
            synced = r.status == 0
        }
        #expect(synced, "\(outputs.last ?? "")")
        let students = try await CuratorProcess.runAsync(["students", "--json", "--db", db], env: env)
        #expect(students.status == 0 && students.stdout.contains("\"id\""))
        outputs += [students.stdout, students.stderr]

        // The environment wins over the file: a wrong key there is refused, and not echoed.
        var wrong = env
        wrong["GETCOURSE_API_KEY"] = "wrong-key-Qx7"
        let refused = try await CuratorProcess.runAsync(["sync", "--once", "--db", db] + SyncCommandTests.fastSync, env: wrong)
        #expect(refused.status != 0 && refused.stderr.contains("credentials"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("wrong-key-Qx7"))
        outputs += [refused.stdout, refused.stderr]

        // Loosened by hand: every command refuses it in one line that says how to mend it.
        chmod(config, 0o644)
        let loose = try await CuratorProcess.runAsync(["students", "--db", db], env: env)
        #expect(loose.status == 1)
        #expect(loose.stderr == "curator: error: config \(config): holds getcourse.api_key, getcourse.tech_token but others can read it (mode 0644); run: chmod 600 \(config)\n",
                "\(loose.stderr)")
        outputs += [loose.stdout, loose.stderr]

        let log = String(decoding: FileManager.default.contents(atPath: dir.path + "/.local/state/curator/curator.log") ?? Data(), as: UTF8.self)
        #expect(log.contains("sync finished"))
        let mirror = [db, db + "-wal"].map { String(decoding: FileManager.default.contents(atPath: $0) ?? Data(), as: UTF8.self) }
        for text in outputs + mirror + [log] {
            #expect(!text.contains(mock.apiKey) && !text.contains(mock.techToken))
        }
    }

    /// A crash report (Swift's backtracer, on SIGSEGV) shows the threads' stacks but no memory: by
    /// default it would print 16 bytes at every register, which could be part of a key.
    @Test func aCrashPrintsTheStacksButNoMemory() async throws {
        let dir = TestSupport.TempDir()
        let mock = try await CuratorProcess.Mock.start(home: dir.path, args: SyncCommandTests.fastMock)
        let sync = try CuratorProcess.Background(["sync", "--db", dir.file("m.sqlite")] + SyncCommandTests.fastSync, env: mock.clientEnv, stderr: true)
        #expect(sync.waitFor { $0.contains("[users]") }, "\(sync.output)")
        // Swift's runtime does not always exit after its report when the output is a pipe: wait for
        // the report's last line, then SIGKILL.
        kill(sync.process.processIdentifier, SIGSEGV)
        let end = Date().addingTimeInterval(30)
        while !sync.output.contains("Backtrace took") && Date() < end { try await Task.sleep(nanoseconds: 20_000_000) }
        try await CuratorProcess.offPool { sync.kill() }
        #expect(sync.output.contains("Program crashed") && sync.output.contains("Thread 0"), "\(sync.output)")
        #expect(!sync.output.contains("Registers:") && !sync.output.contains("Images"), "\(sync.output.suffix(2000))")
        #expect(!sync.output.contains(mock.apiKey) && !sync.output.contains(mock.techToken))
    }

    @Test func badSettingsAreOneLineAndTheFileStaysAsItWas() async throws {
        let dir = TestSupport.TempDir()
        let env = CuratorProcess.environment(home: dir.path)
        let config = dir.path + "/config/curator/config.json"
        #expect(try await CuratorProcess.runAsync(["config", "set", "roi.hourly_rate_rub", "750"], env: env).status == 0)
        let before = try #require(FileManager.default.contents(atPath: config))
        for (args, input, message) in [
            (["config", "set", "getcourse.url", "ftp://school"], nil as String?, "getcourse.url is not an http(s) URL: ftp://school"),
            (["config", "set", "roi.baseline_retention_percent", "140"], nil, "roi.baseline_retention_percent must be from 0 to 100, got 140"),
            (["config", "set", "model.api_key"], "line one\u{1B}[31m", "model.api_key contains a line break or control character"),
            (["config", "set", "model.api_key"], "\n", "model.api_key is empty"),
            (["config", "set", "getcourse.apikey", "x"], nil, "getcourse.apikey is not a setting"),
        ] {
            let r = try await CuratorProcess.runAsync(args, env: env, input: input)
            #expect(r.status != 0)
            #expect(r.stderr.split(separator: "\n").first?.contains(message) == true, "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("line one"))
        }
        #expect(FileManager.default.contents(atPath: config) == before)
        let show = try await CuratorProcess.runAsync(["config"], env: env)
        #expect(show.stdout.contains("roi.hourly_rate_rub") && show.stdout.contains("750"), "\(show.stdout)")

        // A hand-edited file with a misspelt setting or a key that is not text.
        for (content, message) in [(#"{"getcourse": {"api": "x"}}"#, "getcourse.api is not a setting (known: getcourse.url, getcourse.api_key, getcourse.tech_token)"),
                                   (#"{"model": {"api_key": 42}}"#, "model.api_key must be a string"),
                                   (#"{"server": {}}"#, "server is not a setting (known: getcourse, model, assistant, homework, roi)")] {
            try Data(content.utf8).write(to: URL(fileURLWithPath: config))
            chmod(config, 0o600)
            let r = try await CuratorProcess.runAsync(["students", "--db", dir.file("m.sqlite")], env: env)
            #expect(r.status == 1 && r.stderr == "curator: error: config \(config): \(message)\n", "\(r.stderr)")
        }
    }
}
