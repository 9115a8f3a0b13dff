import Domain
import Foundation
import Storage

/// The homework side of a pass: new answers are checked, automatic verdicts queued under the policy
/// when the school lets them go out (the outbox sends them with the replies), and answer write-backs
/// sent — each once. An answer to a lesson data/ has no key for waits for the curator unchecked.
extension SyncEngine {
    func homeworkPhase() throws {
        guard let policy = configuration.homeworkPolicy else { return }
        try step("homework check") {
            let store = HomeworkStore(self.store)
            let waiting = try store.unchecked()
            guard !waiting.isEmpty else { return }
            emit(.homework, "checking \(waiting.count) homework answers")
            for answer in waiting {
                guard !isCancelled else { return }
                guard let lesson = homeworkLessons[answer.lessonId] else {
                    try store.record(answer, check: HomeworkCheck(items: []), decision: .init(outcome: .review, reason: Self.noKey), comment: "",
                                     decide: false, now: Date())
                    pass.homework.unkeyed += 1
                    continue
                }
                let check = homeworkChecker.check(answer.answerText, lesson: lesson)
                let decision = policy.decide(check)
                try store.record(answer, check: check, decision: decision, comment: HomeworkFeedback.comment(check, outcome: decision.outcome),
                                 decide: configuration.autoVerdicts, now: Date())
                try draftEssayNotes(answer, lesson: lesson, check: check, store: store)
                pass.homework.checked += 1
                switch decision.outcome {
                case .accept: pass.homework.accepted += 1
                case .decline: pass.homework.declined += 1
                case .review: pass.homework.review += 1
                }
            }
        }
    }

    static let noKey = "нет ключа к этому уроку: проверяет куратор (ключи можно добавить в data/school)"

    /// With a model configured, an essay gets grammar and vocabulary notes for the teacher. A model
    /// failure leaves the essay without notes: the teacher reviews it either way.
    private func draftEssayNotes(_ answer: LessonAnswer, lesson: CurriculumLesson, check: HomeworkCheck, store: HomeworkStore) throws {
        guard let model = assistant?.model, let essay = check.items.first(where: { $0.verdict == .teacher }),
              let task = lesson.homework.first(where: { $0.number == essay.number }) else { return }
        do {
            try store.setTeacherNotes(answerId: answer.id, try EssayReviewer(model: model, store: self.store).notes(task: task, essay: essay.given))
            pass.homework.essayNotes += 1
        } catch let e as ChatError {
            pass.homework.essayNotesFailed += 1
            emit(.homework, "essay notes for answer \(answer.id): \(e)")
        }
    }

    /// Sends one answer write-back. Returns false when the rest of the outbox should wait (no connection).
    func sendAnswerWriteBack(_ item: OutboxItem, _ w: AnswerWriteBack, outbox: Outbox, commentFailed: inout Set<Int64>) throws -> Bool {
        // The status waits for its comment: a verdict without its explanation would confuse the student.
        if w.status != nil && commentFailed.contains(w.answerId) { return true }
        if w.by == .checker, !item.inDoubt, let status = try HomeworkStore(store).status(ofAnswer: w.answerId), status != .new, status != w.status {
            try outbox.cancel(item.id, reason: "a teacher reviewed the answer in GetCourse first (\(status.rawValue))")
            pass.homework.cancelled += 1
            return true
        }
        // Tried before: it may have reached GetCourse. The lesson's answers show its status and review text.
        if item.inDoubt {
            let answers = try retrying("answers of lesson \(w.lessonId)", legacy: false) { () throws(GetCourseError) in
                try client.lessonAnswers(lessonId: w.lessonId)
            }
            if let there = answers.first(where: { $0.id == w.answerId }) {
                let done = if let status = w.status { there.status == status.rawValue } else { Self.contains(there.reviewText, w.text ?? "") }
                if done {
                    try outbox.markSent(item.id, at: Date())
                    pass.homework.sent += 1
                    return true
                }
            }
        }
        try outbox.markSending(item.id)
        paceTech()
        let result = Result { () throws(GetCourseError) in
            if let status = w.status {
                try client.changeAnswerStatus(answerId: w.answerId, status: status.rawValue)
            } else {
                try client.commentOnAnswer(answerId: w.answerId, text: w.text ?? "", userId: w.userId)
            }
        }
        switch result {
        case .success:
            try outbox.markSent(item.id, at: Date())
            pass.homework.sent += 1
        case .failure(let error):
            if w.text != nil { commentFailed.insert(w.answerId) }
            let (permanent, stop) = try recordFailure(item, error, outbox: outbox, what: "verdict on answer \(w.answerId)")
            if permanent { pass.homework.failed += 1 }
            if stop { return false }
        }
        return true
    }

    /// Whether GetCourse's review text holds the comment (it may re-space it, or keep earlier comments with it).
    static func contains(_ reviewText: String, _ comment: String) -> Bool {
        func norm(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let c = norm(comment)
        return !c.isEmpty && norm(reviewText).contains(c)
    }
}
