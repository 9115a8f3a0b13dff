import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Integrations
import Logging
import MockGetCourse
import Storage

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync the mirror from GetCourse (the in-process mock in demo mode).",
        discussion: """
            Without --once, passes repeat every --interval seconds until interrupted. The legacy API is
            limited to GETCOURSE_REQUEST_LIMIT requests (default 100) per GETCOURSE_LIMIT_WINDOW seconds
            (default 7200); every request is counted in the mirror, so restarts never overspend.
            Exit status: 0 when the pass completed, 1 when something failed (the reason on stderr).
            """
    )

    @OptionGroup var mirror: MirrorOptions
    @Flag(help: "Run one pass and exit with a summary.") var once = false
    @Flag(help: "Print the summary as JSON.") var json = false
    @Option(help: "Seconds between passes when running continuously.") var interval: Double?
    @Option(help: "Seconds to wait before the first poll of an export (real clients wait 10–30).") var firstPollDelay: Double?
    @Option(help: "Seconds between polls of an export.") var pollInterval: Double?
    @Option(help: "Tech API requests per second.") var techRps: Double?
    @Option(help: "Seconds before an HTTP request is abandoned.") var timeout: Double = 60
    @Option(help: "Users whose dialogs are read per pass.") var dialogUsers: Int?
    @Option(help: "Legacy API requests allowed per window (default $GETCOURSE_REQUEST_LIMIT or 100).") var requestLimit: Int?
    @Option(help: "Length of the request-limit window in seconds (default $GETCOURSE_LIMIT_WINDOW or 7200).") var limitWindow: Double?
    @Option(help: "Retry attempts for a failing request.") var retries: Int?
    @Option(help: "Seconds before the first retry; each next one waits twice as long (with jitter).") var retryDelay: Double?
    @Flag(help: "Mirror student messages without answering them (no assistant replies, no hand-offs).") var noReplies = false
    @OptionGroup var homework: HomeworkPolicyOptions
    @OptionGroup var demo: DemoOptions

    func validate() throws {
        if let interval, interval < 1 { throw ValidationError("--interval must be at least 1 second") }
        if timeout <= 0 { throw ValidationError("--timeout must be positive") }
        if let techRps, techRps <= 0 { throw ValidationError("--tech-rps must be positive") }
        if let retryDelay, retryDelay < 0 { throw ValidationError("--retry-delay cannot be negative") }
        if let requestLimit, requestLimit < 3 { throw ValidationError("--request-limit must be at least 3") }
    }

    func run() async throws {
        var setup = await SyncSetup.start(demo: demo.school, liveEvents: !once)
        let account = setup.account, mock = setup.mock
        if let firstPollDelay { setup.config.firstPollDelay = firstPollDelay }
        if let pollInterval { setup.config.pollInterval = pollInterval }
        if let techRps { setup.config.techRequestsPerSecond = techRps }
        if let dialogUsers { setup.config.dialogUsersPerPass = dialogUsers }
        if let retries { setup.config.retry.maxAttempts = max(1, retries) }
        if let retryDelay {
            setup.config.retry.baseDelay = retryDelay
            setup.config.retry.maxDelay = max(retryDelay, min(setup.config.retry.maxDelay, retryDelay * 32))
            setup.config.retry.rateLimitedDelay = max(retryDelay, min(setup.config.retry.rateLimitedDelay, retryDelay * 32))
        }
        if let interval { setup.config.passInterval = interval }
        if let requestLimit { setup.limit = requestLimit }
        if let limitWindow { setup.window = limitWindow }
        setup.config.homeworkPolicy = homework.syncPolicy
        let config = setup.config

        let model = noReplies ? nil : AppEnvironment.chatClient()
        let store = setup.openMirror(mirror, model: model)
        let log = Logger(label: "curator.sync")
        log.info("sync \(once ? "once" : "every \(Int(config.passInterval)) s") from \(mock == nil ? account.description : "the demo mock GetCourse")")
        let quiet = json
        let assistant = noReplies ? nil : AppEnvironment.assistantService(store: store, model: model)
        let engine = setup.engine(store: store, http: HTTPClient(connectTimeout: min(10, timeout), totalTimeout: timeout),
                                  assistant: assistant, onEvent: { event in
            if event.phase != .waiting { log.info("[\(event.phase.rawValue)] \(event.message) · requests left: \(event.requestsLeft)") }
            guard !quiet, event.phase != .waiting else { return }
            FileHandle.standardError.write(Data("[\(event.phase.rawValue)] \(TerminalText.sanitize(event.message)) · requests left: \(event.requestsLeft)\n".utf8))
        })

        if once {
            let summary = await withCheckedContinuation { c in DispatchQueue.global().async { c.resume(returning: engine.runPass()) } }
            report(summary, demoURL: mock.map { _ in account.baseURL })
            if let fatal = summary.fatal { log.error("sync stopped: \(fatal)"); fail(fatal) }
            if !summary.errors.isEmpty { fail("sync finished with \(summary.errors.count) problem(s); first: \(summary.errors[0])") }
            return
        }
        let job = SyncJob(engine: engine) { summary in report(summary, demoURL: nil) }
        job.start(interval: config.passInterval)
        let signals = AsyncStream<Void> { continuation in
            let sources = [SIGINT, SIGTERM].map { sig in
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig)
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
            nonisolated(unsafe) let keep = sources
            continuation.onTermination = { _ in keep.forEach { $0.cancel() } }
        }
        for await _ in signals { break }
        FileHandle.standardError.write(Data("stopping after the current step…\n".utf8))
        // Off the cooperative pool: the pass being stopped may still need the in-process mock.
        await withCheckedContinuation { c in DispatchQueue.global().async { job.stop(); c.resume() } }
        await mock?.stop()
    }

    private func report(_ s: SyncSummary, demoURL: URL?) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.dateEncodingStrategy = .custom { date, enc in
                var c = enc.singleValueContainer()
                try c.encode(AccountTime.moscow.iso8601(date))
            }
            if let data = try? encoder.encode(SyncReport(s)) { print(String(decoding: data, as: UTF8.self)) }
            return
        }
        var lines = ["Sync \(s.ok ? "finished" : "finished with problems") in \(String(format: "%.1f", s.durationSeconds)) s" + (demoURL.map { " (demo: mock GetCourse at \($0.absoluteString))" } ?? "")]
        for (name, c) in s.entities.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(name.padding(toLength: 15, withPad: " ", startingAt: 0)) \(c.new) new, \(c.updated) updated, \(c.unchanged) unchanged")
        }
        for (name, n) in s.removed.sorted(by: { $0.key < $1.key }) where n > 0 { lines.append("  \(name): \(n) removed (no longer in GetCourse)") }
        lines.append("  requests: \(s.legacyRequests) to the export API (budget left: \(s.budgetLeft)), \(s.techRequests) to the Tech API")
        if let r = s.risk {
            lines.append("  risk: \(r.scored) scored (\(r.model) model): \(r.high) high, \(r.medium) medium, \(r.low) low, \(r.left) left; alerts: \(r.alertsOpened) opened, \(r.alertsClosed) closed")
        }
        let r = s.replies
        if r.answered + r.handedOff + r.stale + r.sent + r.failed + r.cancelled > 0 {
            lines.append("  student messages: \(r.answered) answered by the assistant, \(r.handedOff) handed to the curator, \(r.stale) too old to answer; replies: \(r.sent) sent, \(r.failed) failed, \(r.cancelled) cancelled")
        }
        let h = s.homework
        if h != HomeworkSummary() {
            lines.append("  homework: \(h.checked) checked: \(h.accepted) accepted, \(h.declined) declined, \(h.review) to the curator's review"
                         + (h.unkeyed > 0 ? "; \(h.unkeyed) without a key, to the curator unchecked" : "")
                         + "; verdicts: \(h.sent) sent, \(h.failed) failed, \(h.cancelled) cancelled"
                         + (h.essayNotes + h.essayNotesFailed > 0 ? "; essay notes by the model: \(h.essayNotes) (\(h.essayNotesFailed) failed)" : ""))
        }
        if !s.exportPolls.isEmpty {
            lines.append("  exports: \(s.exportPolls.count) collected, \(String(format: "%.1f", Double(s.exportPolls.reduce(0, +)) / Double(s.exportPolls.count))) polls each")
        }
        for d in s.deferred { lines.append("  deferred: \(TerminalText.sanitize(d))") }
        if let resumes = s.resumesAt { lines.append("  deferred work resumes at \(AccountTime.moscow.format(resumes)) (Moscow), when the request budget has room") }
        for e in s.errors.prefix(10) { lines.append("  problem: \(TerminalText.sanitize(e))") }
        if s.errors.count > 10 { lines.append("  … and \(s.errors.count - 10) more problems") }
        print(lines.joined(separator: "\n"))
    }
}

/// The JSON shape of a pass summary (`sync --once --json`).
struct SyncReport: Encodable {
    var ok: Bool
    var startedAt: Date
    var finishedAt: Date
    var durationSeconds: Double
    var entities: [String: UpsertCount]
    var removed: [String: Int]
    var requestsUsed: Int
    var techRequests: Int
    var budgetLeft: Int
    var deferred: [String]
    /// When the deferred work can go on (the request budget has room again).
    var resumesAt: Date?
    var exportPolls: [Int]
    var errors: [String]
    var fatal: String?
    /// Counts only; the alerts themselves are listed by `curator alerts`.
    var risk: RiskPassSummary?
    var replies: ReplySummary
    var homework: HomeworkSummary

    init(_ s: SyncSummary) {
        ok = s.ok
        startedAt = s.startedAt
        finishedAt = s.finishedAt
        durationSeconds = (s.durationSeconds * 1000).rounded() / 1000
        entities = s.entities
        removed = s.removed
        requestsUsed = s.legacyRequests
        techRequests = s.techRequests
        budgetLeft = s.budgetLeft
        deferred = s.deferred
        resumesAt = s.resumesAt
        exportPolls = s.exportPolls
        errors = s.errors
        fatal = s.fatal
        risk = s.risk
        replies = s.replies
        homework = s.homework
    }
}
