import Domain
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The mock GetCourse: both APIs of ../shared/getcourse-api.md over HTTP, with keys checked, export
/// jobs, the request limit, Tech API throttling and injected faults, backed by a `SchoolSimulation`.
public final class MockGetCourse: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var port = 0
        public var apiKey: String
        public var techToken: String
        public var simulation = SchoolSimulation.Options()
        /// Seconds an export takes to build (909 until then, 905 for any other export meanwhile).
        public var exportBuildSeconds = 2.0
        /// Requests allowed on /pl/api/account/* per `limitWindowSeconds` (903 beyond).
        public var requestLimit = 100
        public var limitWindowSeconds = 7200.0
        /// Tech API requests per second before HTTP 429 with Retry-After.
        public var techRequestsPerSecond = 20
        /// Live events per second after the history (0: a frozen school, for exact comparisons).
        public var eventRate = 0.0
        public var faults = FaultPlan.none
        public var truthFile: String?

        public init(apiKey: String, techToken: String) {
            self.apiKey = apiKey
            self.techToken = techToken
        }
    }

    struct ExportJob {
        var id: Int64
        var readyAt: Date
        var fields: [String]
        var items: [[Any]]
    }

    public let configuration: Configuration
    let sim: SchoolSimulation
    private let lock = NSLock()
    var jobs: [Int64: ExportJob] = [:]
    var nextExportId: Int64 = 12_345_678
    var accountRequests: [Date] = []
    var techRequests: [Date] = []
    var faultRandom: SeededRandom
    var truthVersionWritten = -1
    var responseCounter = 0
    /// Requests answered, by outcome, for tests and the status line.
    var served: [String: Int] = [:]

    public init(catalog: SchoolCatalog, configuration: Configuration, now: Date = Date()) {
        self.configuration = configuration
        sim = SchoolSimulation(catalog: catalog, options: configuration.simulation, now: now)
        faultRandom = SeededRandom(seed: configuration.simulation.seed ^ 0xFA17)
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    public func truth(now: Date = Date()) -> SimulationTruth { locked { sim.truth(now: now) } }

    /// The simulated school's name (it never changes).
    public var schoolName: String { sim.catalog.school.name }

    /// Moves a student to another stream of their training now (see `SchoolSimulation.switchStream`).
    @discardableResult
    public func switchStream(userId: Int64) -> Bool { locked { sim.switchStream(userId: userId, now: Date()) } }

    /// A student writes to the school now; returns the message id.
    @discardableResult
    public func studentWrites(userId: Int64, text: String) -> Int64? { locked { sim.studentWrites(userId: userId, text: text, now: Date()) } }

    /// The curator answers in GetCourse directly.
    public func curatorWrites(userId: Int64, text: String) { locked { sim.curatorWrites(userId: userId, text: text, now: Date()) } }

    /// How many requests ended a given way ("200", "903", "fault:drop", "export:start"...).
    public func servedCount(_ outcome: String) -> Int { locked { served[outcome] ?? 0 } }

    // MARK: - Running

    private var serverTask: Task<Void, any Error>?
    private var eventsTask: Task<Void, Never>?

    /// Starts the server in the background and returns its base URL once it accepts connections.
    public func start() async throws -> URL {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = makeApplication { port in continuation.yield(port); continuation.finish() }
        let task = Task { try await app.run() }
        locked { serverTask = task }
        for await port in stream {
            startBackgroundWork()
            return URL(string: "http://\(configuration.host):\(port)")!
        }
        task.cancel()
        _ = try await task.value
        throw CancellationError()
    }

    /// Stops a server started with `start()` and its live events.
    public func stop() async {
        let (server, events) = locked { (serverTask, eventsTask) }
        events?.cancel()
        server?.cancel()
        _ = await server?.result
    }

    /// Runs until the process ends; `onReady` gets the base URL.
    public func run(onReady: @escaping @Sendable (URL) -> Void) async throws {
        onReady(try await start())
        try await locked { serverTask }?.value
    }

    private func makeApplication(onPort: @escaping @Sendable (Int) -> Void) -> some ApplicationProtocol {
        var logger = Logger(label: "mock-getcourse")
        logger.logLevel = .critical
        return Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mock-getcourse"),
            onServerRunning: { channel in onPort(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    private func startBackgroundWork() {
        writeTruthIfChanged()
        guard configuration.eventRate > 0 else { return }
        let interval = max(0.05, 1 / configuration.eventRate)
        let perTick = max(1, Int((configuration.eventRate * interval).rounded()))
        let task = Task.detached { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
                locked { sim.applyLiveEvents(count: perTick, now: Date()) }
                writeTruthIfChanged()
            }
        }
        locked { eventsTask = task }
    }

    /// Rewrites the truth file atomically when the school changed since the last write.
    public func writeTruthIfChanged() {
        guard let path = configuration.truthFile else { return }
        let data: Data? = locked {
            guard sim.version != truthVersionWritten else { return nil }
            truthVersionWritten = sim.version
            return try? SimulationTruth.encoder().encode(sim.truth(now: Date()))
        }
        guard let data else { return }
        // Written beside it, then renamed: a reader sees the old file or the new one, never half.
        let tmp = path + ".tmp"
        if FileManager.default.createFile(atPath: tmp, contents: data) { _ = rename(tmp, path) }
    }
}
