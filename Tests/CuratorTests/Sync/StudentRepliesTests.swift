import Domain
import Foundation
import GRDB
import Integrations
import MockGetCourse
import Storage
import Testing

/// Student messages synced from the mock go to the assistant: confident answers reach the dialog
/// exactly once (across passes, lost responses and a crash between send and record), the rest
/// become hand-off alerts with a suggested answer, and every message records who answered it when.
@Suite(.serialized) struct StudentRepliesTests {
    static func assistant(_ store: MirrorStore) -> AssistantService { AssistantService(index: AssistantServiceTests.index, store: store, model: nil) }

    private func activeStudents(_ h: SyncHarness, _ n: Int) -> [Int64] {
        Array(h.mock.truth().students.filter { $0.dropoutAt == nil }.map(\.id).sorted().prefix(n))
    }

    private func question(_ h: SyncHarness, _ messageId: Int64) throws -> StudentQuestionLine? {
        try StudentQuestionStore(h.store).question(messageId: messageId)
    }

    /// Staff messages in the mock's dialogs with exactly this text.
    private func copies(_ h: SyncHarness, _ text: String) -> Int {
        h.mock.truth().messages.filter { !$0.fromStudent && $0.text == text }.count
    }

    @Test func answersOnceHandsOffTheRestAndRecordsWhoAnswered() async throws {
        let h = try await SyncHarness(seed: 11, students: 40)
        let engine = h.engine(assistant: Self.assistant(h.store))
        _ = await h.pass(engine)
        let ids = activeStudents(h, 3)
        let asked = try #require(h.mock.studentWrites(userId: ids[0], text: "Подскажите, до какого числа нужно сдать домашку?"))
        let refund = try #require(h.mock.studentWrites(userId: ids[1], text: "Хочу вернуть деньги за абонемент, как это сделать?"))
        let second = await h.pass(engine)
        #expect(second.replies.answered == 1 && second.replies.handedOff == 1 && second.replies.sent == 1, "\(second.replies)")

        let answered = try #require(try question(h, asked))
        #expect(answered.action == .answer)
        #expect(answered.answeredBy == .assistant)
        #expect(answered.answeredAt != nil && answered.arrivedAt != nil && answered.answeredAt! >= answered.arrivedAt!)
        #expect(answered.suggested.contains("23:59"))
        #expect(copies(h, answered.suggested) == 1)

        let handedOff = try #require(try question(h, refund))
        #expect(handedOff.action == .handoff && handedOff.reason == "refund")
        #expect(handedOff.answeredBy == nil)
        #expect(!handedOff.suggested.isEmpty)
        let alerts = try AlertStore(h.store).list(openOnly: true, studentId: ids[1])
        #expect(alerts.contains { $0.alert.rule == .handoff })

        // Another pass sends nothing again.
        let third = await h.pass(engine)
        #expect(third.replies.sent == 0 && third.replies.answered == 0)
        #expect(copies(h, answered.suggested) == 1)

        // The curator sends an edited suggestion through the outbox: it goes out once and closes the alert.
        let text = "Здравствуйте! Оформим возврат за неиспользованные уроки — пришлю заявление сегодня."
        try StudentQuestionStore(h.store).queueCuratorReply(messageId: refund, text: text, now: Date())
        #expect(throws: QuestionError.self) { try StudentQuestionStore(h.store).queueCuratorReply(messageId: 1, text: "x", now: Date()) }
        let fourth = await h.pass(engine)
        #expect(fourth.replies.sent == 1)
        #expect(copies(h, text) == 1)
        #expect(try question(h, refund)?.answeredBy == .curator)
        #expect(try !AlertStore(h.store).list(openOnly: true, studentId: ids[1]).contains { $0.alert.rule == .handoff })

        // A question the curator answers in GetCourse itself is recorded as theirs, at that time.
        let angry = try #require(h.mock.studentWrites(userId: ids[2], text: "Позовите человека, бот меня не понимает"))
        _ = await h.pass(engine)
        #expect(try question(h, angry)?.action == .handoff)
        h.mock.curatorWrites(userId: ids[2], text: "Я здесь, давайте разберёмся.")
        _ = await h.pass(engine)
        let settled = try #require(try question(h, angry))
        #expect(settled.answeredBy == .curator && settled.answeredAt != nil)
    }

    /// A choice of articles is sent like an answer; the student's digit in the dialog gets the
    /// article chosen, and a new question after it is a new question.
    @Test func aDigitAnswersTheChoiceTheAssistantSent() async throws {
        let h = try await SyncHarness(seed: 13, students: 30)
        let engine = h.engine(assistant: AssistantService(index: KnowledgeIndex(AssistantTests.articles), store: h.store, model: nil))
        _ = await h.pass(engine)
        let id = try #require(activeStudents(h, 1).first)
        let asked = try #require(h.mock.studentWrites(userId: id, text: "домашнее задание сдача"))
        _ = await h.pass(engine)
        let choice = try #require(try question(h, asked))
        #expect(choice.action == .clarify && choice.suggested.contains("2. "), "\(choice)")
        #expect(copies(h, choice.suggested) == 1)
        let second = Assistant(index: KnowledgeIndex(AssistantTests.articles)).reply(to: "домашнее задание сдача").sources[1]
        let digit = try #require(h.mock.studentWrites(userId: id, text: "2"))
        _ = await h.pass(engine)
        let chosen = try #require(try question(h, digit))
        #expect(chosen.action == .answer && chosen.sources == [second] && copies(h, chosen.suggested) == 1, "\(chosen)")
        // The digit answered the choice: another digit is a question of its own, not a second choice.
        let again = try #require(h.mock.studentWrites(userId: id, text: "1"))
        _ = await h.pass(engine)
        #expect(try question(h, again)?.action == .handoff)
    }

    /// A crash after GetCourse took the reply but before the mirror recorded it: the next pass finds
    /// the reply in the dialog and does not send it again.
    @Test func aReplyInDoubtIsCheckedBeforeItIsSentAgain() async throws {
        let h = try await SyncHarness(seed: 12, students: 30)
        let engine = h.engine(assistant: Self.assistant(h.store))
        _ = await h.pass(engine)
        let student = activeStudents(h, 1)[0]
        h.mock.studentWrites(userId: student, text: "Сколько стоит продление абонемента?")
        // Mirror the message without answering it, then play the crash by hand.
        _ = await h.pass(h.engine())
        let questions = StudentQuestionStore(h.store)
        let pending = try #require(try questions.pending().first { $0.userId == student })
        let reply = "Продление стоит столько же, сколько текущий абонемент."
        try questions.record(pending, QuestionDecision(action: .answer, reason: nil, text: reply, sources: ["kb-049"], confidence: 0.9, origin: "knowledge_base"),
                             now: Date())
        let item = try #require(try Outbox(h.store).due().first)
        try Outbox(h.store).markSending(item.id)
        let client = GetCourseClient(account: h.account, http: HTTPClient(connectTimeout: 5, totalTimeout: 5))
        try await CuratorProcess.offPool { try client.replyInDialog(dialogId: pending.dialogId, text: reply) }
        // The process "restarts": a new engine over the same mirror.
        let after = await h.pass(h.engine(assistant: Self.assistant(h.store)))
        #expect(after.replies.sent == 1)
        #expect(copies(h, reply) == 1)
        #expect(try Outbox(h.store).item(item.id)?.status == .sent)
        #expect(try question(h, pending.messageIds[0])?.answeredBy == .assistant)
    }

    /// Lost responses (the mock applies the write, then drops the connection) and server errors:
    /// every reply still lands exactly once.
    @Test func repliesLandOnceThroughFaults() async throws {
        let h = try await SyncHarness(seed: 13, students: 30, faults: FaultPlan(rates: [.drop: 0.15, .http500: 0.1]))
        let engine = h.engine(assistant: Self.assistant(h.store))
        _ = await h.pass(engine)
        for (i, id) in activeStudents(h, 6).enumerated() {
            h.mock.studentWrites(userId: id, text: ["Сколько стоит продление абонемента?", "Можно оплатить через «Долями»?",
                                                    "Когда выдают сертификат об окончании уровня?"][i % 3])
        }
        var passes = 0
        repeat {
            _ = await h.pass(engine)
            passes += 1
        } while try !Outbox(h.store).due().isEmpty && passes < 12
        let items = try Outbox(h.store).all()
        #expect(try Outbox(h.store).due().isEmpty)
        #expect(!items.isEmpty)
        for item in items where item.status == .sent {
            let reply = try #require(item.dialogReply)
            let inDialog = h.mock.truth().messages.filter { $0.dialogId == reply.dialogId && !$0.fromStudent && $0.text == reply.text }
            #expect(inDialog.count == 1, "reply \(item.id) landed \(inDialog.count) times")
        }
    }
}
