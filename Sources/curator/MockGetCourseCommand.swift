import ArgumentParser
import CuratorApp
import Foundation
import MockGetCourse

struct MockGetCourseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-getcourse",
        abstract: "Run the mock GetCourse (both APIs) backed by a simulated school.",
        discussion: """
            Prints its URL and keys when ready, then serves until interrupted. The simulation is
            deterministic for a seed: --weeks of history up to now, then live events at --event-rate.
            --faults takes a total rate spread over every kind (0.2) or kinds one by one
            (500=0.05,502=0.05,drop=0.02,stall=0.02,truncate=0.05,903=0.03,905=0.03).
            """
    )

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port).") var port = 0
    @OptionGroup var simulated: DemoOptions
    @Option(help: "Weeks of history before now.") var weeks = 12
    @Option(help: "Live events per second after the history (0: a frozen school).") var eventRate = 0.0
    @Option(help: "Seconds an export takes to build.") var exportBuildSeconds = 5.0
    @Option(help: "Requests allowed on /pl/api/account/* per window.") var requestLimit = 100
    @Option(help: "Length of the request-limit window in seconds.") var limitWindow = 7200.0
    @Option(help: "Tech API requests per second before HTTP 429.") var techRps = 20
    @Option(help: "Fault injection rates (see above).") var faults: String?
    @Option(help: "How long a stalled reply waits, in seconds.") var stallSeconds = 15.0
    @Option(help: "Write the simulation's ground truth (JSON) here; it is never served over the API.") var truthFile: String?
    @Option(help: "Legacy API key to accept (default: random).") var apiKey: String?
    @Option(help: "Tech API token to accept, {developerKey}_{schoolKey} (default: random).") var techToken: String?

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if weeks < 1 || weeks > 104 { throw ValidationError("--weeks must be between 1 and 104") }
        if eventRate < 0 { throw ValidationError("--event-rate cannot be negative") }
        if exportBuildSeconds < 0 { throw ValidationError("--export-build-seconds cannot be negative") }
        if requestLimit < 1 { throw ValidationError("--request-limit must be at least 1") }
        if limitWindow <= 0 { throw ValidationError("--limit-window must be positive") }
        if techRps < 1 { throw ValidationError("--tech-rps must be at least 1") }
        if let faults, FaultPlan.parse(faults) == nil {
            throw ValidationError("--faults: cannot read \"\(faults)\"; use a rate like 0.2 or kind=rate pairs (kinds: 500, 502, drop, stall, truncate, 903, 905)")
        }
    }

    func run() async throws {
        let catalog = AppEnvironment.catalog(of: simulated.school)
        var c = MockGetCourse.Configuration(apiKey: apiKey ?? MockKeys.random("mock-"),
                                            techToken: techToken ?? (MockKeys.random("dev") + "_" + MockKeys.random("school")))
        c.host = host
        c.port = port
        c.simulation = simulated.school.simulation(weeks: weeks)
        c.eventRate = eventRate
        c.exportBuildSeconds = exportBuildSeconds
        c.requestLimit = requestLimit
        c.limitWindowSeconds = limitWindow
        c.techRequestsPerSecond = techRps
        c.faults = faults.flatMap { FaultPlan.parse($0, stallSeconds: stallSeconds) } ?? .none
        c.truthFile = truthFile
        let mock = MockGetCourse(catalog: catalog, configuration: c)
        let config = c
        try await mock.run { url in
            // The mock's own demo keys are meant to be shown: a client needs them to connect.
            FileHandle.standardOutput.write(Data("""
                mock GetCourse ready: \(url.absoluteString)
                GETCOURSE_URL=\(url.absoluteString)
                GETCOURSE_API_KEY=\(config.apiKey)
                GETCOURSE_TECH_TOKEN=\(config.techToken)

                """.utf8))
        }
    }
}
