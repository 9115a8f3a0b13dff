import Domain
import Foundation
import Storage

/// The dialogs' write side of a pass: messages answered in GetCourse are marked, new student
/// messages go to the assistant (confident answers queued, the rest handed to the curator), and
/// the outbox is sent — replies and homework verdicts, each item once, checked against GetCourse
/// before any second attempt.
extension SyncEngine {
    func repliesPhase() throws {
        let questions = StudentQuestionStore(store)
        try step("answered messages") { try questions.markAnsweredInGetCourse() }
        if let assistant {
            try step("assistant") { try answerNewQuestions(assistant, questions) }
        }
        try step("outbox") { try sendOutbox(questions) }
    }

    private func answerNewQuestions(_ assistant: AssistantService, _ questions: StudentQuestionStore) throws {
        let pending = try questions.pending()
        guard !pending.isEmpty else { return }
        emit(.assistant, "answering \(pending.count) new student messages")
        let queries = StudentQueries(store)
        for q in pending {
            guard !isCancelled else { return }
            let now = Date()
            if let at = q.arrivedAt, now.timeIntervalSince(at) > configuration.replyWindow {
                try questions.record(q, .stale, now: now)
                pass.replies.stale += 1
                continue
            }
            // Always as the student: a student's message never gets other students' data.
            let student = try queries.student(id: q.userId) ?? StudentDetail(summary: StudentSummary(id: q.userId, name: ""))
            // A digit answering the choice the assistant offered in this dialog gets that article.
            let chosen = try questions.offeredChoice(dialogId: q.dialogId).flatMap { assistant.choice(q.text, offered: $0) }
            let a = try chosen.map { AssistantAnswer(reply: $0, origin: .knowledgeBase, note: nil, usage: nil, streamed: false) }
                ?? assistant.answer(q.text, asStudent: student, now: now, purpose: "student_reply")
            var r = a.reply
            // Automatic replies off: a confident answer or a choice is the curator's draft to send, edit or drop.
            if r.action != .handoff && !configuration.autoReplies {
                r.action = .handoff
                r.handoffReason = .draft
            }
            try questions.record(q, QuestionDecision(action: QuestionAction(r.action), reason: r.handoffReason?.rawValue, text: r.text, sources: r.sources,
                                                     confidence: r.confidence, origin: a.origin.rawValue), now: now)
            if r.action == .answer { pass.replies.answered += 1 } else { pass.replies.handedOff += 1 }
        }
    }

    private func sendOutbox(_ questions: StudentQuestionStore) throws {
        let outbox = Outbox(store)
        let due = try outbox.due()
        guard !due.isEmpty else { return }
        emit(.outbox, "sending \(due.count) write-backs to GetCourse")
        var commentFailed: Set<Int64> = []
        for item in due {
            guard !isCancelled else { return }
            if let w = item.answerWriteBack {
                guard try sendAnswerWriteBack(item, w, outbox: outbox, commentFailed: &commentFailed) else { return }
                continue
            }
            guard let reply = item.dialogReply else {
                try outbox.markAttemptFailed(item.id, error: "unknown write-back kind \(item.kind)", permanent: true)
                pass.replies.failed += 1
                continue
            }
            if reply.by == .assistant, try questions.isAnswered(reply.messageIds) {
                try outbox.cancel(item.id, reason: "the curator answered first")
                pass.replies.cancelled += 1
                continue
            }
            // Tried before: the reply may be in the dialog already (a crash, a lost response).
            if item.inDoubt {
                let student = try questions.student(ofDialog: reply.dialogId) ?? 0
                let history = try retrying("history of dialog \(reply.dialogId)", legacy: false) { () throws(GetCourseError) in
                    try client.dialogHistory(dialogId: reply.dialogId, studentId: student)
                }
                if let there = history.first(where: { !$0.fromStudent && Self.sameText($0.text, reply.text)
                    && ($0.createdAt ?? .distantFuture) >= item.createdAt.addingTimeInterval(-300) }) {
                    try outbox.markSent(item.id, at: there.createdAt ?? Date())
                    pass.replies.sent += 1
                    continue
                }
            }
            try outbox.markSending(item.id)
            paceTech()
            switch Result(catching: { () throws(GetCourseError) in try client.replyInDialog(dialogId: reply.dialogId, text: reply.text) }) {
            case .success:
                try outbox.markSent(item.id, at: Date())
                pass.replies.sent += 1
            case .failure(let error):
                let (permanent, stop) = try recordFailure(item, error, outbox: outbox, what: "reply in dialog \(reply.dialogId)")
                if permanent { pass.replies.failed += 1 }
                if stop { return }
            }
        }
    }

    /// Records a failed write-back: the attempt counted, failed for good when no retry will mend it.
    /// Returns that, and whether the rest of the outbox should wait (no connection); bad credentials stop the pass.
    func recordFailure(_ item: OutboxItem, _ error: GetCourseError, outbox: Outbox, what: String) throws -> (permanent: Bool, stop: Bool) {
        let permanent = Self.isPermanent(error)
        try outbox.markAttemptFailed(item.id, error: error.description, permanent: permanent)
        pass.errors.append("\(what): \(error.description)")
        if case .unauthorized = error { throw error }
        if case .transport(_, .connect) = error { return (permanent, true) }
        return (permanent, false)
    }

    /// A failure no retry will mend; credentials and plan problems are the account's, so the item waits.
    static func isPermanent(_ error: GetCourseError) -> Bool {
        switch error {
        case .unauthorized, .configuration, .unavailableOnPlan: false
        default: !error.isTransient
        }
    }

    /// GetCourse may trim or re-space a comment; the words are what identify it.
    static func sameText(_ a: String, _ b: String) -> Bool {
        func norm(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return norm(a) == norm(b)
    }
}
