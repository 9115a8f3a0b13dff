import Domain
import Foundation
import Integrations
import MockGetCourse
import Storage
import Testing

/// Homework synced from the mock is checked on the pass that brings it; automatic verdicts reach
/// GetCourse exactly once (across passes and a crash between send and record), the rest wait for
/// the curator, and a teacher who reviewed first is never overruled.
@Suite(.serialized) struct HomeworkSyncTests {
    private func checking() -> SyncConfiguration {
        var c = SyncHarness.fastConfiguration()
        c.homeworkPolicy = HomeworkPolicy()
        return c
    }

    private func mockAnswer(_ h: SyncHarness, _ id: Int64) -> LessonAnswer? { h.mock.truth().answers.first { $0.id == id } }

    private func occurrences(_ text: String, in haystack: String) -> Int { haystack.components(separatedBy: text).count - 1 }

    @Test func verdictsReachGetCourseOnceAndTheRestWaitForTheCurator() async throws {
        let h = try await SyncHarness(seed: 21, students: 50)
        let fresh = h.mock.truth().answers.filter { $0.isHomework && $0.status == "new" }
        let first = await h.pass(h.engine(checking()))
        #expect(first.homework.checked == fresh.count && fresh.count >= 3, "\(first.homework)")
        #expect(first.homework.accepted > 0 && first.homework.review > 0, "\(first.homework)")
        #expect(first.homework.accepted + first.homework.declined + first.homework.review == first.homework.checked)

        let store = HomeworkStore(h.store)
        let all = try store.queue(decidedLimit: 10_000)
        #expect(all.count == fresh.count)
        for item in all where item.decidedBy == .checker {
            let there = try #require(mockAnswer(h, item.answerId))
            #expect(there.status == item.decision?.rawValue, "answer \(item.answerId)")
            #expect(occurrences(item.comment, in: there.reviewText) == 1, "answer \(item.answerId)")
            #expect(item.status == item.decision)  // the mirror has it at once
        }
        let writes = try Outbox(h.store).all().filter { $0.answerWriteBack != nil }
        #expect(writes.allSatisfy { $0.status == .sent })
        #expect(writes.count == 2 * (first.homework.accepted + first.homework.declined))

        // Another pass checks and sends nothing again.
        let second = await h.pass(h.engine(checking()))
        #expect(second.homework == HomeworkSummary(), "\(second.homework)")
        for item in all where item.decidedBy == .checker {
            #expect(occurrences(item.comment, in: mockAnswer(h, item.answerId)?.reviewText ?? "") == 1)
        }

        // The curator decides one waiting answer with an edited comment.
        let waiting = try #require(try store.queue().first { $0.waitsForReview })
        #expect(waiting.reason != nil && !waiting.check.items.isEmpty)
        let comment = "Хорошая работа! Обратите внимание на задание 2: «visited», Past Simple. ✅"
        try store.decide(answerId: waiting.answerId, status: .accepted, comment: comment)
        #expect(throws: HomeworkStore.DecisionError.alreadyDecided(waiting.answerId, .accepted)) {
            try store.decide(answerId: waiting.answerId, status: .declined, comment: "")
        }
        let third = await h.pass(h.engine(checking()))
        #expect(third.homework.sent == 2)
        let there = try #require(mockAnswer(h, waiting.answerId))
        #expect(there.status == "accepted" && occurrences(comment, in: there.reviewText) == 1)
        #expect(try store.queue().first { $0.answerId == waiting.answerId }?.decidedBy == .curator)
        #expect(try !store.queue().contains { $0.answerId == waiting.answerId && $0.waitsForReview })
    }

    /// Check a new answer by hand as a pass would, without sending anything yet.
    private func checkByHand(_ h: SyncHarness, outcome: HomeworkPolicy.Outcome) throws -> (LessonAnswer, String) {
        let store = HomeworkStore(h.store)
        let answer = try #require(try store.unchecked().first { a in TestSupport.catalog.allLessons.contains { $0.id == a.lessonId } })
        let lesson = TestSupport.catalog.allLessons.first { $0.id == answer.lessonId }!
        let check = HomeworkChecker().check(answer.answerText, lesson: lesson)
        let comment = HomeworkFeedback.comment(check, outcome: outcome)
        try store.record(answer, check: check, decision: .init(outcome: outcome), comment: comment, now: Date())
        return (answer, comment)
    }

    /// A crash after GetCourse took the comment but before the mirror recorded it: the next pass sees
    /// it in the answer's review text and sends only the status.
    @Test func aVerdictInDoubtIsCheckedBeforeItIsSentAgain() async throws {
        let h = try await SyncHarness(seed: 22, students: 30)
        _ = await h.pass(h.engine())
        let (answer, comment) = try checkByHand(h, outcome: .accept)
        let outbox = Outbox(h.store)
        let item = try #require(try outbox.due().first { $0.answerWriteBack?.answerId == answer.id && $0.kind == HomeworkStore.commentKind })
        try outbox.markSending(item.id)
        let client = GetCourseClient(account: h.account, http: HTTPClient(connectTimeout: 5, totalTimeout: 5))
        try await CuratorProcess.offPool { try client.commentOnAnswer(answerId: answer.id, text: comment, userId: answer.userId) }

        let after = await h.pass(h.engine())
        #expect(after.homework.sent == 2, "\(after.homework)")
        let there = try #require(mockAnswer(h, answer.id))
        #expect(there.status == "accepted" && occurrences(comment, in: there.reviewText) == 1)
        #expect(try outbox.due().isEmpty)
    }

    /// A teacher reviewed the answer in GetCourse before the checker's verdict went out: it is dropped.
    @Test func aTeacherWhoReviewedFirstIsNotOverruled() async throws {
        let h = try await SyncHarness(seed: 23, students: 30)
        _ = await h.pass(h.engine())
        let (answer, comment) = try checkByHand(h, outcome: .accept)
        let client = GetCourseClient(account: h.account, http: HTTPClient(connectTimeout: 5, totalTimeout: 5))
        try await CuratorProcess.offPool { try client.changeAnswerStatus(answerId: answer.id, status: "declined") }

        let after = await h.pass(h.engine())
        #expect(after.homework.cancelled == 2 && after.homework.sent == 0, "\(after.homework)")
        let there = try #require(mockAnswer(h, answer.id))
        #expect(there.status == "declined" && occurrences(comment, in: there.reviewText) == 0)
        #expect(try HomeworkStore(h.store).status(ofAnswer: answer.id) == .declined)
    }

    /// With a model configured, an essay gets the model's notes for the teacher; it still waits for
    /// the teacher, and nothing about it is written back.
    @Test func anEssayGetsTheModelsNotesForTheTeacherAndNoVerdict() async throws {
        let h = try await SyncHarness(seed: 24, students: 20)
        _ = await h.pass(h.engine())
        let lesson = TestSupport.catalog.allLessons.first { $0.id == 81010104 }!  // four items and an essay
        let student = try #require(h.mock.truth().students.first?.id)
        let essay = "Every day I wakes up at seven. I has breakfast and go to work by metro. In the evening I reading books."
        _ = try MirrorWriter(h.store).upsert(answers: [LessonAnswer(id: 99_000_001, lessonId: lesson.id, lessonName: lesson.title,
            answerText: "1) b\n2) was\n3) They weren't at home last night.\n4) It was cold yesterday.\n5) \(essay)", userId: student,
            createdAt: Date().addingTimeInterval(3600), status: "new")])
        let notes = "Грамматика: «I wakes» → «I wake» (Present Simple, 1-е лицо); «I has» → «I have». Лексика: ок. Объём: 22 слова из 80."
        let server = FakeOpenAI(Array(repeating: FakeOpenAI.answer(notes, usage: (300, 60)), count: 20))
        try await server.start()
        defer { server.stop() }
        let model = ChatClient(settings: ModelSettings(apiKey: "sk-essay-test", baseURL: server.baseURL, model: "test-model"),
                               http: HTTPClient(connectTimeout: 5, totalTimeout: 30), sleep: { _ in })
        let assistant = AssistantService(index: AssistantServiceTests.index, store: h.store, model: model)
        let pass = await h.pass(h.engine(checking(), assistant: assistant))
        #expect(pass.homework.essayNotes >= 1, "\(pass.homework)")

        let item = try #require(try HomeworkStore(h.store).queue().first { $0.answerId == 99_000_001 })
        #expect(item.teacherNotes == notes && item.waitsForReview && item.reason == "эссе проверяет преподаватель")
        #expect(item.check.items.map(\.verdict) == [.right, .right, .right, .right, .teacher])
        #expect(try Outbox(h.store).all().allSatisfy { $0.answerWriteBack?.answerId != 99_000_001 })
        // The model saw the task and the essay, and was told not to grade.
        let sent = try #require(server.requests.first { ($0.messages.last?["content"] as? String)?.contains(essay) == true })
        #expect((sent.messages.first?["content"] as? String)?.contains("Не ставь оценку") == true)
        #expect((sent.messages.last?["content"] as? String)?.contains(lesson.homework[4].prompt) == true)
        #expect(try ModelUsageLog(h.store).totals().promptTokens >= 300)
    }
}
