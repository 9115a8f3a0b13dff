import ArgumentParser
import CuratorApp
import CuratorTUI
import Domain
import Foundation
import Integrations
import Logging
import Storage

/// `curator` alone: the full-screen dashboard over the mirror, with the sync running behind it.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The dashboard (what `curator` alone opens): students by risk, progress, alerts, the assistant.",
        discussion: "Press ? inside for the keys. Without GETCOURSE_URL it runs on the demo school (the mock GetCourse on loopback)."
    )

    @OptionGroup var mirror: MirrorOptions
    @Flag(help: "No colours (also when NO_COLOR is set): risk stays readable by symbol and attribute.") var noColor = false
    @OptionGroup var demo: DemoOptions
    @OptionGroup var homework: HomeworkPolicyOptions
    @OptionGroup(title: "ROI assumptions for the metrics screen (over the config file's roi section)") var roi: ROIOptions

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            fail("the dashboard needs a terminal; in scripts use `curator students`, `curator alerts`, `curator ask`")
        }
        // Settings are read before the terminal is taken: a broken config file is a plain error line.
        let assumptions = roi.assumptions
        var setup = await SyncSetup.start(demo: demo.school, liveEvents: true)
        setup.config.homeworkPolicy = homework.syncPolicy
        let model = AppEnvironment.chatClient()
        let (store, readOnly) = setup.openMirrorOrReadOnly(mirror, model: model)
        if readOnly != nil { await setup.mock?.stop() }
        let assistant = AppEnvironment.assistantService(store: store, model: model)
        let inbox = MessageInbox()
        let interval = setup.config.passInterval, config = setup.config
        let schoolName = setup.mock == nil ? AppEnvironment.schoolName(setup.overrides) : setup.mock!.schoolName
        let engine = setup.engine(store: store, assistant: assistant, onEvent: { event in
            guard event.phase != .finished else { return }
            inbox.post(.syncProgress(phase: DashboardEffects.phase(event.phase), requestsLeft: event.requestsLeft))
        })
        let job = readOnly != nil ? nil : SyncJob(engine: engine) { summary in
            let problem = summary.fatal ?? summary.errors.first
            inbox.post(.syncFinished(at: summary.finishedAt, problem: problem.map { TerminalText.sanitize($0) }, requestsLeft: summary.budgetLeft,
                                     next: summary.finishedAt.addingTimeInterval(interval), resumesAt: summary.resumesAt))
            if let notify = summary.risk?.notify, !notify.isEmpty { inbox.post(.alertsRaised(notify)) }
        }
        let effects = DashboardEffects(store: store, overrides: setup.overrides, assistant: assistant, job: job, inbox: inbox, assumptions: assumptions)
        let noColor = noColor || !(AppEnvironment.env["NO_COLOR"] ?? "").isEmpty
        Logger(label: "curator.dashboard").info("dashboard on \(setup.mock == nil ? setup.account.description : "the demo mock GetCourse")")
        // A read-only mirror does not change under the dashboard: nothing to observe.
        let changes = readOnly != nil ? nil : MirrorChanges(store, onError: { Logger(label: "curator.dashboard").error("mirror observation stopped: \($0)") },
                                                            onChange: { inbox.post(.mirrorChanged) })
        job?.start(interval: interval)
        // ncurses belongs to one thread for the whole session; the cooperative pool must stay free.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                let terminal = Terminal(noColor: noColor)
                var state = AppState()
                state.sync.readOnly = readOnly.map { TerminalText.sanitize($0) }
                state.schoolName = TerminalText.sanitize(schoolName)
                state.sync.drafts = (config.autoReplies ? [] : ["ответы"]) + (config.autoVerdicts ? [] : ["вердикты"])
                for e in [Effect.loadStudents, .loadAlerts] { effects.perform(e) }
                DashboardLoop.run(&state, terminal: terminal, inbox: inbox, perform: effects.perform)
                done.resume()
            }
        }
        await withCheckedContinuation { c in DispatchQueue.global().async { job?.stop(); c.resume() } }
        withExtendedLifetime(changes) {}
        if readOnly == nil { await setup.mock?.stop() }
    }
}
