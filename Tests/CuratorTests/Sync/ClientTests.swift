import Domain
import Foundation
import Integrations
import MockGetCourse
import Storage
import Testing

struct ClientTests {
    /// Each client call blocks; run it off the cooperative pool so the in-process mock keeps serving.
    private func call<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in DispatchQueue.global().async { c.resume(with: Result { try body() }) } }
    }

    @Test func writeBacksReachTheMock() async throws {
        let h = try await SyncHarness(students: 10)
        let client = GetCourseClient(account: h.account)
        let truth = h.mock.truth()
        let answer = try #require(truth.answers.first)
        let dialog = try #require(truth.dialogs.first)
        try await call { try client.changeAnswerStatus(answerId: answer.id, status: "accepted") }
        try await call { try client.commentOnAnswer(answerId: answer.id, text: "Отлично! Present Perfect — have/has + V3 ✅", userId: answer.userId) }
        try await call { try client.replyInDialog(dialogId: dialog.id, text: "Здравствуйте! Запись урока уже в разделе «Тренинги».") }
        let after = h.mock.truth()
        let changed = try #require(after.answers.first { $0.id == answer.id })
        #expect(changed.status == "accepted")
        #expect(changed.reviewText.hasSuffix("Отлично! Present Perfect — have/has + V3 ✅"))
        let reply = try #require(after.messages.last { $0.dialogId == dialog.id })
        #expect(reply.text == "Здравствуйте! Запись урока уже в разделе «Тренинги».")
        #expect(!reply.fromStudent)
    }

    @Test func techAPIErrorsAreClassified() async throws {
        let h = try await SyncHarness(students: 5)
        let wrong = GetCourseClient(account: GetCourseAccount(baseURL: h.url, apiKey: h.account.apiKey, techToken: "dev_wrong"))
        await #expect(throws: GetCourseError.unauthorized("Нет доступа")) { try await call { try wrong.trainings() } }
        let client = GetCourseClient(account: h.account)
        do {
            _ = try await call { try client.dialogHistory(dialogId: 1, studentId: 1) }
            Issue.record("an unknown dialog should fail")
        } catch let e as GetCourseError {
            #expect(e == .api(code: 404, message: "Объект не найден"))
            #expect(!e.isTransient)
        }
        let legacyWrong = GetCourseClient(account: GetCourseAccount(baseURL: h.url, apiKey: "nope", techToken: ""))
        await #expect(throws: GetCourseError.unauthorized("Неавторизованное API-обращение")) { try await call { try legacyWrong.groups() } }
    }

    @Test func throttlingAnswers429WithRetryAfter() async throws {
        var c = MockGetCourse.Configuration(apiKey: "k", techToken: "dev_s")
        c.simulation = .init(seed: 3, students: 5, weeks: 2)
        c.techRequestsPerSecond = 2
        let mock = MockGetCourse(catalog: TestSupport.catalog, configuration: c)
        let url = try await mock.start()
        defer { Task { await mock.stop() } }
        let client = GetCourseClient(account: GetCourseAccount(baseURL: url, apiKey: "k", techToken: "dev_s"))
        // Six requests at once, each on a thread of its own (the global queue adds threads for blocked
        // work one by one), so they fall in one second however slowly a loaded machine serves them.
        final class Errors: @unchecked Sendable {
            private let lock = NSLock()
            private var list: [GetCourseError] = []
            func append(_ e: GetCourseError) { lock.withLock { list.append(e) } }
            var all: [GetCourseError] { lock.withLock { list } }
        }
        let found = Errors()
        let group = DispatchGroup()
        for _ in 0..<6 {
            group.enter()
            Thread {
                defer { group.leave() }
                do { _ = try client.trainings() } catch let e as GetCourseError { found.append(e) } catch {}
            }.start()
        }
        try await call { group.wait() }
        let errors = found.all
        let e = try #require(errors.first)
        #expect(e.isTransient)
        #expect(e.retryAfter == 1)
    }

    @Test func syncNowRunsAnExtraPass() async throws {
        let h = try await SyncHarness(students: 10)
        let passes = Counter()
        let job = SyncJob(engine: h.engine()) { _ in passes.increment() }
        job.start(interval: 3600)
        try await waitUntil { passes.value >= 1 }
        job.syncNow()
        try await waitUntil { passes.value >= 2 }
        await withCheckedContinuation { c in DispatchQueue.global().async { job.stop(); c.resume() } }
        #expect(passes.value == 2)
    }

    private func waitUntil(timeout: TimeInterval = 60, _ condition: @Sendable () -> Bool) async throws {
        let end = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < end else { Issue.record("timed out"); return }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func increment() { lock.withLock { n += 1 } }
        var value: Int { lock.withLock { n } }
    }
}
