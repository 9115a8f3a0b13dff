import CuratorTUI
import Domain
import Foundation
import Integrations
import Storage

/// Runs the dashboard's effects off the UI thread and posts their results back as messages:
/// mirror reads on one serial queue, assistant answers on another (a slow model never delays a
/// list refresh), alert and homework actions through the stores.
public final class DashboardEffects: @unchecked Sendable {
    private let store: MirrorStore
    private let risk: RiskStore
    private let assistant: AssistantService
    /// Nil on a read-only mirror: nothing syncs into it.
    private let job: SyncJob?
    private let inbox: MessageInbox
    private let reads = DispatchQueue(label: "curator.dashboard.reads")
    private let asks = DispatchQueue(label: "curator.dashboard.asks")
    /// The metrics read the whole mirror: on their own queue, so the list never waits for them.
    private let metricsReads = DispatchQueue(label: "curator.dashboard.metrics")
    private let metrics: MetricsStore
    private let assumptions: ROIAssumptions
    /// The period of a metrics load waiting to start (it covers every request before it).
    private var metricsQueued: MetricsPeriod?
    private let lock = NSLock()
    private var cancelled = Set<Int>()
    private var studentsQueued = false
    /// Set once the whole list was posted (only on the reads queue).
    private var listShown = false
    /// The riskiest students the first frame shows before the whole list is read.
    public static let firstPage = 200

    /// The list as the dashboard reads it: unsorted and without reasons (it sorts by its own keys and
    /// shows reasons from the detail). `firstPageToo`: a screenful of the riskiest students first, so a
    /// big school's dashboard shows work at once; the whole list follows.
    public static func loadList(_ queries: StudentQueries, firstPageToo: Bool, post: (Msg) -> Void) throws {
        if firstPageToo { post(.studentsLoaded(try queries.students(sort: .risk, limit: firstPage, withReasons: false), complete: false)) }
        post(.studentsLoaded(try queries.students(sort: nil, withReasons: false)))
    }

    public init(store: MirrorStore, overrides: SchoolCatalog, assistant: AssistantService, job: SyncJob?, inbox: MessageInbox, assumptions: ROIAssumptions) {
        self.store = store
        risk = RiskStore(store, overrides: overrides)
        metrics = MetricsStore(store)
        self.assumptions = assumptions
        self.assistant = assistant
        self.job = job
        self.inbox = inbox
    }

    public func perform(_ effect: Effect) {
        switch effect {
        case .loadStudents:
            // A load waiting to start covers every change before it: a burst of changes is one reload.
            let first = lock.withLock { () -> Bool in
                defer { studentsQueued = true }
                return !studentsQueued
            }
            guard first else { return }
            reads.async { [self] in
                lock.withLock { studentsQueued = false }
                try? Self.loadList(StudentQueries(store), firstPageToo: !listShown) { inbox.post($0) }
                listShown = true
            }
        case .loadDetail(let id):
            reads.async { [self] in
                let detail = try? StudentQueries(store).student(id: id)
                let progress = try? risk.progress(of: id)
                let alerts = (try? AlertStore(store).list(openOnly: true, studentId: id)) ?? []
                inbox.post(.detailLoaded(detail, progress: progress ?? nil, alerts: alerts))
            }
        case .loadHandoff(let id):
            reads.async { [self] in
                let lines = (try? StudentQuestionStore(store).list(waitingOnly: true, studentId: id)) ?? []
                inbox.post(.handoffLoaded(studentId: id, lines))
            }
        case .sendReply(let messageId, let text):
            reads.async { [self] in
                do {
                    try StudentQuestionStore(store).queueCuratorReply(messageId: messageId, text: text, now: Date())
                    inbox.post(.replyQueued(messageId: messageId, problem: nil))
                } catch {
                    inbox.post(.replyQueued(messageId: messageId, problem: TerminalText.sanitize("\(error)")))
                }
            }
        case .addQuestion(let text, let article):
            reads.async { [self] in
                do {
                    try KnowledgeBaseFiles.addQuestion(text, toArticle: article, directory: SchoolDataFiles.locate())
                    inbox.post(.questionAdded(article: article, problem: nil))
                } catch {
                    inbox.post(.questionAdded(article: article, problem: TerminalText.sanitize("\(error)")))
                }
            }
        case .loadAlerts:
            reads.async { [self] in
                if let list = try? AlertStore(store).list(openOnly: true, limit: 500), let counts = try? StatusCounts(store) {
                    inbox.post(.alertsLoaded(list, counts: counts))
                }
            }
        case .loadHomework:
            reads.async { [self] in
                if let items = try? HomeworkStore(store).queue(decidedLimit: 50) { inbox.post(.homeworkLoaded(items)) }
            }
        case .decideHomework(let id, let status, let comment):
            reads.async { [self] in
                do {
                    try HomeworkStore(store).decide(answerId: id, status: status, comment: comment)
                    inbox.post(.homeworkDecided(answerId: id, problem: nil))
                } catch {
                    inbox.post(.homeworkDecided(answerId: id, problem: TerminalText.sanitize("\(error)")))
                }
            }
        case .loadMetrics(let period):
            let first = lock.withLock { () -> Bool in
                defer { metricsQueued = period }
                return metricsQueued == nil
            }
            guard first else { return }
            metricsReads.async { [self] in
                guard let period = lock.withLock({ () -> MetricsPeriod? in defer { metricsQueued = nil }; return metricsQueued }) else { return }
                if let m = try? metrics.metrics(period: period, assumptions: assumptions) {
                    inbox.post(.metricsLoaded(m))
                }
            }
        case .syncNow: job?.syncNow()
        case .acknowledge(let id), .markNotUseful(let id):
            // The write's own observation reloads the alerts and the list.
            reads.async { [self] in
                if case .acknowledge = effect { try? AlertStore(store).acknowledge(id) } else { try? AlertStore(store).markNotUseful(id) }
            }
        case .ask(let tag, let question):
            asks.async { [self] in
                let isCancelled = { [self] in lock.withLock { cancelled.contains(tag) } }
                let answer: ChatAnswer
                do {
                    let a = try assistant.answer(question, purpose: "dashboard", isCancelled: isCancelled,
                                                 onText: { [inbox] in inbox.post(.chatText(tag: tag, $0)) })
                    answer = ChatAnswer(text: a.reply.text, label: a.label, sources: a.reply.sources, note: a.note, keepsStreamedText: a.streamedTextIsTheAnswer)
                } catch {
                    answer = ChatAnswer(text: "Не удалось прочитать данные школы: \(error)", label: "ошибка", sources: [], note: nil, keepsStreamedText: false)
                }
                inbox.post(.chatDone(tag: tag, answer))
            }
        case .cancelAsk(let tag):
            _ = lock.withLock { cancelled.insert(tag) }
        }
    }

    /// Sync phases in the status bar's words.
    public static func phase(_ p: SyncEvent.Phase) -> String {
        switch p {
        case .started: "начало"
        case .groups: "группы"
        case .users: "ученики"
        case .deals: "заказы"
        case .members: "участники групп"
        case .trainings: "тренинги"
        case .homework: "домашки"
        case .dialogs: "диалоги"
        case .assistant: "ассистент отвечает"
        case .outbox: "отправка в GetCourse"
        case .waiting: "ждём выгрузку"
        case .retrying: "повтор запроса"
        case .deferred: "отложено"
        case .finished: "готово"
        }
    }
}
