import Domain
import Foundation
import Storage

/// One sync pass from GetCourse into the mirror: the legacy exports (groups, users, deals, group
/// members) within the persisted request budget, then the Tech API (trainings, homework answers,
/// dialogs). Each ingested batch is one transaction; watermarks move only after their data is in.
/// Synchronous by design: it runs on the background job's Dispatch queue.
public final class SyncEngine: @unchecked Sendable {
    public let configuration: SyncConfiguration
    let client: GetCourseClient
    /// data/school: overrides over what the account says, and the homework keys.
    let overrides: SchoolCatalog
    /// The lessons data/ gives keys for, by id, and the checker over those keys, built once per engine.
    let homeworkLessons: [Int64: CurriculumLesson]
    let homeworkChecker: HomeworkChecker
    let writer: MirrorWriter
    private let risk: RiskStore
    let state: SyncStateStore
    public let budget: RequestBudget
    private let sleep: @Sendable (TimeInterval) -> Void
    private let onEvent: @Sendable (SyncEvent) -> Void
    private let lock = NSLock()
    private var cancelled = false
    private var lastTechRequest = Date.distantPast
    private var random = SystemRandomNumberGenerator()
    /// Requests to the rate-limited legacy API, counted as the budget admits them.
    private let legacyCounter = Counter()
    private var techCount = 0
    private var lastScoredAt: Date?
    /// Answers new student messages after each pass (nil: the dialogs are only mirrored).
    let assistant: AssistantService?
    let store: MirrorStore
    /// The summary of the pass under way.
    var pass = SyncSummary(startedAt: Date(), finishedAt: Date())
    private static let historyStart = "2000-01-01"

    public init(store: MirrorStore, account: GetCourseAccount, overrides: SchoolCatalog, budget: RequestBudget,
                configuration: SyncConfiguration = SyncConfiguration(), http: HTTPClient = HTTPClient(), assistant: AssistantService? = nil,
                sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
                onEvent: @escaping @Sendable (SyncEvent) -> Void = { _ in }) {
        self.configuration = configuration
        self.overrides = overrides
        let keyed = overrides.allLessons.filter { !$0.homework.isEmpty }
        homeworkLessons = Dictionary(keyed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        homeworkChecker = HomeworkChecker(lessons: keyed)
        self.assistant = assistant
        self.store = store
        writer = MirrorWriter(store)
        risk = RiskStore(store, overrides: overrides)
        state = SyncStateStore(store)
        self.budget = budget
        self.sleep = sleep
        self.onEvent = onEvent
        var c = GetCourseClient(account: account, http: http, time: AccountTime(utcOffsetSeconds: overrides.school.utcOffsetHours * 3600))
        let counter = legacyCounter
        c.beforeLegacyRequest = { () throws(GetCourseError) in
            try budget.consume()
            counter.increment()
        }
        client = c
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        func read() -> Int { lock.withLock { value } }
    }

    /// Asks a running pass to stop at the next step.
    public func cancel() { lock.withLock { cancelled = true } }
    var isCancelled: Bool { lock.withLock { cancelled } }

    func emit(_ phase: SyncEvent.Phase, _ message: String, rows: Int = 0) {
        onEvent(SyncEvent(phase: phase, message: message, rows: rows, requestsLeft: budget.remaining()))
    }

    // MARK: - The pass

    public func runPass() -> SyncSummary {
        let started = Date()
        let legacyBefore = legacyCounter.read()
        techCount = 0
        pass = SyncSummary(startedAt: started, finishedAt: started)
        emit(.started, "sync started (\(budget.remaining()) requests left in the budget)")
        do {
            try legacyPhase()
            try techPhase()
            try homeworkPhase()
            try repliesPhase()
        } catch let e as GetCourseError {
            pass.fatal = e.description
        } catch {
            pass.fatal = MirrorError.writeFailure(error, path: store.path)
        }
        // The engines run on whatever the pass wrote, in their own transaction.
        let now = Date()
        if pass.fatal == nil && (pass.changedMirror || lastScoredAt.map { now.timeIntervalSince($0) >= configuration.rescoreInterval } ?? true) {
            do {
                pass.risk = try risk.runPass(now: now)
                lastScoredAt = now
            } catch { pass.errors.append("risk scoring failed: \(error)") }
        }
        var summary = pass
        summary.finishedAt = Date()
        summary.legacyRequests = legacyCounter.read() - legacyBefore
        summary.techRequests = techCount
        summary.budgetLeft = budget.remaining()
        let json = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try? state.recordRun(startedAt: started, finishedAt: summary.finishedAt, ok: summary.ok, summaryJSON: json,
                             error: summary.fatal ?? summary.errors.first)
        // The mirror at rest is one file: a read-only folder or a full disk can still open it later.
        try? store.checkpoint()
        let problem = summary.fatal ?? summary.errors.first.map { $0 + (summary.errors.count > 1 ? " (and \(summary.errors.count - 1) more)" : "") }
        emit(.finished, problem.map { "sync finished with problems: \($0)" } ?? "sync finished")
        return summary
    }

    /// Errors that make the rest of the pass pointless: stop and say why.
    private func isFatal(_ e: GetCourseError) -> Bool {
        switch e {
        case .unauthorized, .configuration, .unavailableOnPlan: return true
        // Retries could not even connect: every further step would wait the same way.
        case .transport(_, let kind): return kind == .connect
        case .notJSON(_, _, let html): return html && !e.isTransient
        case .http(let s, _, _): return s == 404
        default: return false
        }
    }

    /// Runs one step; a non-fatal failure is recorded and the pass goes on with the next step.
    func step(_ name: String, _ body: () throws -> Void) throws {
        guard !isCancelled else { return }
        do {
            try body()
        } catch let e as GetCourseError {
            if isFatal(e) { throw e }
            if case .budgetExhausted(let until) = e {
                pass.resumesAt = min(pass.resumesAt ?? until, until)
                pass.deferred.append("\(name): \(e.description)")
                emit(.deferred, "\(name) deferred: \(e.description)")
            } else {
                pass.errors.append("\(name): \(e.description)")
            }
        }
    }

    // MARK: - Legacy API

    /// One legacy export and what to do when its rows are in: persisted with the export id, so a
    /// restarted process can finish an export an earlier one started.
    struct ExportPlan: Codable {
        var slot: String
        var request: ExportRequest
        /// Watermarks to move once the rows are stored; nil values mean "when the export started".
        var watermarks: [String: Date?]
        /// A group's complete member list: members it does not list have left the group.
        var fullMemberList = false
    }

    private func legacyPhase() throws {
        var groups: [StudyGroup] = []
        try step("groups") {
            emit(.groups, "reading groups")
            groups = try retrying("groups", legacy: true) { () throws(GetCourseError) in try client.groups() }
            pass.add("groups", try writer.upsert(groups: groups))
        }
        exportsBlocked = false
        collected = []
        // One export at a time: first finish what an earlier pass (or process) started.
        for job in try state.allInFlightExports() {
            guard let plan = try? JSONDecoder().decode(ExportPlan.self, from: Data(job.paramsJSON.utf8)) else {
                try state.clearInFlightExport(job.slot)
                continue
            }
            try step("resume \(job.slot)") { try runExport(plan) }
        }

        try step("users") {
            let lastFull = try state.watermark("users:full")
            let full = lastFull.map { Date().timeIntervalSince($0) >= configuration.fullUserRefreshInterval } ?? true
            let from = full ? Self.historyStart : try dayOf(state.watermark("users:created"))
            emit(.users, full ? "exporting all users" : "exporting users created since \(from)")
            try runExport(ExportPlan(slot: "users", request: ExportRequest(kind: .users, filters: ["created_at[from]": from]),
                                     watermarks: full ? ["users:created": nil, "users:full": nil] : ["users:created": nil]))
        }

        try step("deals") {
            let created = try state.watermark("deals:created")
            emit(.deals, "exporting deals")
            try runExport(ExportPlan(slot: "deals:created",
                                     request: ExportRequest(kind: .deals, filters: ["created_at[from]": dayOf(created)]),
                                     watermarks: created == nil ? ["deals:created": nil, "deals:changed": nil] : ["deals:created": nil]))
            // Status changes of older deals (a payment, a cancellation) only show in this window.
            if let changed = try state.watermark("deals:changed"), created != nil {
                try runExport(ExportPlan(slot: "deals:changed",
                                         request: ExportRequest(kind: .deals, filters: ["status_changed_at[from]": client.time.day(changed)]),
                                         watermarks: ["deals:changed": nil]))
            }
        }

        // Group members: only groups whose last_added_at moved since their last export. Study groups
        // first, then lesson-view groups with the freshest additions, while the budget allows.
        // Additions are all last_added_at shows; so study groups also get a periodic full export
        // that replaces their member list (students move between streams).
        let seen = try state.groupMemberWatermarks()
        let lastFull = try state.groupFullExports()
        func fullDue(_ g: StudyGroup) -> Bool {
            seen[g.id] == nil || (g.viewedLessonNumber == nil
                && Date().timeIntervalSince(lastFull[g.id] ?? .distantPast) >= configuration.fullUserRefreshInterval)
        }
        // A group nobody was ever added to has no members to export (a lesson no one has opened yet);
        // trusted only when the account does date its other groups' additions.
        let datesAdditions = groups.contains { $0.lastAddedAt != nil }
        let due = groups.filter { g in
            if datesAdditions && g.lastAddedAt == nil && seen[g.id] == nil { return false }
            guard let last = seen[g.id] else { return true }
            return (g.lastAddedAt ?? .distantPast) > last || fullDue(g)
        }.sorted { a, b in
            if (a.viewedLessonNumber == nil) != (b.viewedLessonNumber == nil) { return a.viewedLessonNumber == nil }
            return (a.lastAddedAt ?? .distantPast, b.id) > (b.lastAddedAt ?? .distantPast, a.id)
        }
        for (i, g) in due.enumerated() {
            guard !isCancelled else { break }
            if exportsBlocked || budget.remaining() < 2 {
                let until = budget.availableAt(2)
                if !exportsBlocked { pass.resumesAt = min(pass.resumesAt ?? until, until) }
                let why = exportsBlocked ? "an export is still being built; the next pass collects it" : "request budget low until \(AccountTime.moscow.format(until)) (Moscow)"
                pass.deferred.append("members of \(due.count - i) groups: \(why)")
                emit(.deferred, "members of \(due.count - i) groups deferred: \(why)")
                break
            }
            try step("members of group \(g.id)") {
                emit(.members, "exporting members of «\(g.name)»")
                // Server-clock watermark: the group's own last_added_at as listed before the export.
                let full = fullDue(g)
                var watermarks: [String: Date?] = ["group:\(g.id)": g.lastAddedAt ?? Date(timeIntervalSince1970: 0)]
                // updateValue: assigning nil through the subscript would remove the key instead.
                if full { watermarks.updateValue(nil, forKey: "group-full:\(g.id)") }
                try runExport(ExportPlan(slot: "group:\(g.id)",
                                         request: ExportRequest(kind: .groupMembers(groupId: g.id),
                                                                filters: ["added_at[from]": full ? Self.historyStart : dayOf(seen[g.id])]),
                                         watermarks: watermarks, fullMemberList: full))
            }
        }
    }

    private var exportsBlocked = false
    /// Slots whose export was collected this pass (a resumed one is not exported again).
    private var collected: Set<String> = []

    private func dayOf(_ date: Date?) -> String { date.map(client.time.day) ?? Self.historyStart }

    /// Runs (or resumes) an export and stores its rows. When GetCourse has not built it within this
    /// pass's polls, its id stays persisted and no further export starts this pass.
    private func runExport(_ plan: ExportPlan) throws {
        if collected.contains(plan.slot) { return }
        if exportsBlocked {
            pass.deferred.append("\(plan.slot): waiting for an earlier export to be built")
            return
        }
        guard let (table, startedAt) = try export(plan) else {
            exportsBlocked = true
            pass.deferred.append("\(plan.slot): GetCourse is still building the export; the next pass collects it")
            return
        }
        let mapper = ExportRowMapper(time: client.time)
        switch plan.request.kind {
        case .users:
            pass.add("users", try writer.upsert(students: mapper.students(table).prefetched()))
            emit(.users, "users: \(table.rowCount) rows", rows: table.rowCount)
        case .deals:
            pass.add("deals", try writer.upsert(deals: mapper.deals(table).prefetched()))
            emit(.deals, "deals: \(table.rowCount) rows", rows: table.rowCount)
        case .groupMembers(let gid):
            // The members' user columns are fresh too: keep them, they cost no extra request.
            pass.add("users", try writer.upsert(students: mapper.students(table).prefetched()))
            if plan.fullMemberList {
                let (c, removed) = try writer.replace(membersOf: gid, with: mapper.memberships(table, groupId: gid))
                pass.add("memberships", c)
                pass.removed["memberships", default: 0] += removed
            } else {
                pass.add("memberships", try writer.upsert(memberships: mapper.memberships(table, groupId: gid)))
            }
            emit(.members, "members: \(table.rowCount) rows", rows: table.rowCount)
        }
        try state.finishExport(slot: plan.slot, watermarks: plan.watermarks.mapValues { $0 ?? startedAt })
        collected.insert(plan.slot)
    }

    /// Starts (or resumes) the export and polls it. Returns nil when it is not ready within this
    /// pass's poll allowance: its id stays persisted for the next pass.
    private func export(_ plan: ExportPlan) throws -> (ExportTable, Date)? {
        var inFlight = try state.inFlightExport(plan.slot)
        if inFlight == nil {
            // Room for the start and at least one poll, or do not start at all.
            guard budget.remaining() >= 2 else { throw GetCourseError.budgetExhausted(until: budget.availableAt(2)) }
            let params = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
            let startedAt = Date()
            let id = try retrying("start \(plan.slot) export", legacy: true) { () throws(GetCourseError) in try client.startExport(plan.request) }
            let e = SyncStateStore.InFlightExport(slot: plan.slot, exportId: id, paramsJSON: params, startedAt: startedAt)
            try state.setInFlightExport(e)
            inFlight = e
        }
        let job = inFlight!
        // Poll when this kind of export has been ready before, then back off while it is not:
        // every poll counts against the account's 100 requests.
        let kind = plan.request.kind.buildTimeKey
        let pacing = try state.meta("export_pacing:" + kind).flatMap(ExportPacing.init(stored:)) ?? .initial(configuration.firstPollDelay)
        let firstPoll = job.startedAt.addingTimeInterval(pacing.expected)
        if firstPoll > Date() { wait(firstPoll.timeIntervalSinceNow, "waiting for export \(job.exportId) to be built") }
        for poll in 1...max(1, configuration.maxPollsPerExport) {
            guard !isCancelled else { return nil }
            let result = Result { () throws(GetCourseError) -> ExportTable? in
                try retrying("poll export \(job.exportId)", legacy: true) { () throws(GetCourseError) in try client.pollExport(id: job.exportId) }
            }
            if case .failure(.unknownExport) = result {
                // Expired or lost on the server: forget it; the next pass starts afresh.
                try state.clearInFlightExport(plan.slot)
            }
            let elapsed = Date().timeIntervalSince(job.startedAt)
            if let table = try result.get() {
                pass.exportPolls.append(poll)
                try state.setMeta("export_pacing:" + kind, pacing.learned(elapsed: elapsed, firstPollReady: poll == 1).stored)
                return (table, job.startedAt)
            }
            if poll < configuration.maxPollsPerExport {
                wait(ExportPacing.nextWait(elapsed: elapsed, longest: configuration.pollInterval), "export \(job.exportId) not ready yet")
            }
        }
        return nil
    }

    private func wait(_ seconds: TimeInterval, _ why: String) {
        guard seconds > 0, !isCancelled else { return }
        emit(.waiting, why)
        sleep(seconds)
    }

    /// Retries transient failures with backoff and jitter (Retry-After when given). The budget is
    /// consulted by every attempt, so retries never overspend it.
    func retrying<T>(_ what: String, legacy: Bool, _ body: () throws(GetCourseError) -> T) throws(GetCourseError) -> T {
        var attempt = 1
        while true {
            if !legacy { paceTech() }
            do {
                return try body()
            } catch {
                guard error.isTransient, attempt < configuration.retry.maxAttempts, !isCancelled else { throw error }
                var delay = error.retryAfter ?? configuration.retry.delay(attempt: attempt, jitter: Double.random(in: 0..<1, using: &random))
                if case .rateLimited = error { delay = max(delay, configuration.retry.rateLimitedDelay) }
                // Someone else's export is being built: that takes as long as ours would.
                if case .exportBusy = error { delay = max(delay, configuration.pollInterval) }
                emit(.retrying, "\(what): \(error.description); retrying in \(String(format: "%.1f", delay)) s")
                sleep(delay)
                attempt += 1
            }
        }
    }

    func paceTech() {
        techCount += 1
        let gap = 1 / max(0.1, configuration.techRequestsPerSecond)
        let next = lastTechRequest.addingTimeInterval(gap)
        if next > Date() { sleep(next.timeIntervalSinceNow) }
        lastTechRequest = Date()
    }

    // MARK: - Tech API

    /// Answers per write transaction (several lessons): see `GatheredWrites`.
    public static let answersPerWrite = 5000

    private func techPhase() throws {
        try step("trainings") {
            emit(.trainings, "reading trainings")
            let t = try retrying("trainings", legacy: false) { () throws(GetCourseError) in try client.trainings() }
            pass.add("trainings", try writer.upsert(trainings: t))
        }
        try answersPhase()
        guard !isCancelled else { return }
        let users = try state.usersDueForDialogs(limit: configuration.dialogUsersPerPass)
        emit(.dialogs, "reading dialogs of \(users.count) users")
        for userId in users {
            guard !isCancelled else { return }
            try step("dialogs of user \(userId)") {
                let fetchedAt = Date()
                var dialogs: [Dialog] = []
                var offset = 0
                while true {
                    let page = try retrying("dialogs of user \(userId)", legacy: false) { () throws(GetCourseError) in
                        try client.dialogs(userId: userId, limit: 100, offset: offset)
                    }
                    dialogs += page
                    if page.count < 100 { break }
                    offset += page.count
                }
                var messages: [DialogMessage] = []
                for d in dialogs {
                    messages += try retrying("history of dialog \(d.id)", legacy: false) { () throws(GetCourseError) in
                        try client.dialogHistory(dialogId: d.id, studentId: userId)
                    }
                }
                let (dc, mc) = try writer.upsert(dialogs: dialogs, messages: messages, forUser: userId, syncedAt: fetchedAt)
                pass.add("dialogs", dc)
                pass.add("messages", mc)
            }
        }
    }
}
