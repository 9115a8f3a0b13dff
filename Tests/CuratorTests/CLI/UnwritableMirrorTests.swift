import Foundation
import GRDB
import Testing

/// A mirror on a read-only file system and on a full disk (a small tmpfs, mounted in a private
/// mount namespace with `unshare`): the sync says why in one line and keeps the file as it was,
/// the reading commands still read it, and the dashboard opens read-only and says so.
@Suite(.serialized, .enabled(if: MountNamespace.available, "needs unshare and tmpfs mounts")) struct UnwritableMirrorTests {
    /// Shell lines that mount a 16 MB tmpfs on `mnt`, copy the mirror in, and make it read-only or full.
    static func prepare(_ mnt: String, seed: String, _ kind: String) -> String {
        let spoil = kind == "read-only" ? "mount -o remount,ro \(TestSupport.shellQuote(mnt))" : "dd if=/dev/zero of=\(TestSupport.shellQuote(mnt + "/fill")) bs=4k 2>/dev/null; true"
        return "mount -t tmpfs -o size=16m tmpfs \(TestSupport.shellQuote(mnt)) && cp \(TestSupport.shellQuote(seed)) \(TestSupport.shellQuote(mnt + "/m.sqlite")) && \(spoil)"
    }

    static func seedMirror(_ dir: TestSupport.TempDir) async throws -> (path: String, users: Int) {
        let seed = dir.file("seed.sqlite")
        let r = try await CuratorProcess.runAsync(["sync", "--once", "--students", "40", "--db", seed], env: CuratorProcess.environment(home: dir.path))
        #expect(r.status == 0, "\(r.stderr)")
        // A finished pass leaves one file: the WAL is checkpointed and emptied.
        #expect(((try? FileManager.default.attributesOfItem(atPath: seed + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0 == 0)
        let users = try await DatabaseQueue(path: seed).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM users") ?? 0 }
        return (seed, users)
    }

    @Test(arguments: ["read-only", "full"])
    func theSyncSaysWhyAndTheMirrorIsKept(_ kind: String) async throws {
        let dir = TestSupport.TempDir()
        let (seed, users) = try await Self.seedMirror(dir)
        let mnt = dir.file("mnt"), out = dir.path
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        let env = CuratorProcess.environment(home: dir.path).map { "\($0.key)=\(TestSupport.shellQuote($0.value))" }.joined(separator: " ")
        let curator = "env \(env) \(TestSupport.shellQuote(TestSupport.binary))"
        let db = TestSupport.shellQuote(mnt + "/m.sqlite")
        // Everything that needs the mount happens inside the namespace; results land in files outside it.
        let script = [
            Self.prepare(mnt, seed: seed, kind),
            "\(curator) sync --once --students 40 --db \(db) > \(TestSupport.shellQuote(out + "/sync.out")) 2> \(TestSupport.shellQuote(out + "/sync.err")); echo $? > \(TestSupport.shellQuote(out + "/sync.rc"))",
            "\(curator) students --json --db \(db) > \(TestSupport.shellQuote(out + "/students.json")) 2> \(TestSupport.shellQuote(out + "/students.err"))",
            "cp \(db) \(TestSupport.shellQuote(out + "/after.sqlite"))",
        ].joined(separator: "\n")
        #expect(MountNamespace.shell("unshare -rm sh -c \(TestSupport.shellQuote(script))") == 0)
        func read(_ name: String) -> String { (try? String(contentsOfFile: out + "/" + name, encoding: .utf8)) ?? "" }

        #expect(read("sync.rc").trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        let reason = kind == "read-only" ? "\(mnt) is on a read-only file system" : "the disk holding \(mnt) is full"
        #expect(read("sync.err").hasPrefix("curator: error: cannot write the mirror at \(mnt)/m.sqlite: \(reason)"), "\(read("sync.err"))")
        #expect(read("sync.err").split(separator: "\n").count == 1, "\(read("sync.err"))")
        // Reading still works, on the same students.
        let rows = try JSONSerialization.jsonObject(with: Data(read("students.json").utf8)) as? [[String: Any]]
        #expect(rows?.isEmpty == false, "\(read("students.err"))")
        // The file is intact and holds what it held.
        let (check, after) = try await DatabaseQueue(path: out + "/after.sqlite").read {
            (try String.fetchAll($0, sql: "PRAGMA integrity_check"), try Int.fetchOne($0, sql: "SELECT count(*) FROM users") ?? -1)
        }
        #expect(check == ["ok"] && after == users)
    }

    @Test(arguments: ["read-only", "full"])
    func theDashboardOpensReadOnlyAndSaysSo(_ kind: String) async throws {
        let dir = TestSupport.TempDir()
        let (seed, _) = try await Self.seedMirror(dir)
        let mnt = dir.file("mnt")
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        let dashboard = DashboardEndToEndTests.command(dir, ["--students", "40"], db: mnt + "/m.sqlite")
        let quoted = "unshare -rm sh -c \(TestSupport.shellQuote(Self.prepare(mnt, seed: seed, kind) + " && " + dashboard))"
        try await CuratorProcess.offPool {
            let t = DashboardEndToEndTests.TmuxSession()
            t.start(quoted, width: 140, height: 40)
            let reason = kind == "read-only" ? "\(mnt) is on a read-only file system" : "the disk holding \(mnt) is full (0 KB free)"
            #expect(t.waitFor(60) { $0.contains("только чтение: \(reason) — синхронизация выключена") }, "\(t.screen)")
            // The students are there, scored, from the mirror as it was.
            #expect(t.waitFor { $0.split(separator: "\n").contains { $0.hasPrefix("│") && $0.contains("%") } }, "\(t.screen)")
            #expect(!t.screen.contains("⟳"))
            t.keys("q")
            #expect(t.waitFor(30) { $0.contains("CURATOR-EXITED") }, "\(t.screen)")
        }
    }
}

/// `unshare -rm`: a private mount namespace where tmpfs can be mounted (as root, or as a user with user namespaces).
enum MountNamespace {
    static let available: Bool = shell("unshare -rm sh -c 'mount -t tmpfs -o size=1m tmpfs /mnt'") == 0

    @discardableResult
    static func shell(_ line: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", line]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
