import Domain
import Foundation
import Storage

/// Homework answers. GetCourse lists no lessons, so answers are read per student first
/// (`user/get-lesson-answers` needs no lesson id): every student never read, and those whose activity
/// moved since their last read — which is how new lessons become known. Then every lesson the mirror
/// knows is read whole (`lesson/get-answers`), which also catches teachers' reviews of students who
/// were not read; a pass that has just read every student skips it.
extension SyncEngine {
    func answersPhase() throws {
        emit(.homework, "reading homework answers")
        // Answers are written, a few requests' worth at a time, while the next are fetched and parsed.
        let mirror = writer  // the write runs off this thread: it takes the writer, not the engine
        let writes = GatheredWrites<LessonAnswer, UpsertCount>(minimum: Self.answersPerWrite) { try mirror.upsert(answers: $0) }
        // An early exit (a fatal error) still writes what was read, and counts its rows.
        defer { for written in (try? writes.finish()) ?? [] { pass.add("lesson_answers", written) } }

        let users = try state.usersDueForAnswers(limit: configuration.answerUsersPerPass)
        var read: [Int64] = []
        let fetchedAt = Date()
        for userId in users {
            guard !isCancelled else { break }
            try step("answers of user \(userId)") {
                let answers = try retrying("answers of user \(userId)", legacy: false) { () throws(GetCourseError) in
                    try client.userLessonAnswers(userId: userId)
                }
                if let written = try writes.add(answers) { pass.add("lesson_answers", written) }
                read.append(userId)
            }
        }
        for written in try writes.finish() { pass.add("lesson_answers", written) }
        // Only once their answers are in the mirror.
        try state.markAnswersRead(read, at: fetchedAt)
        guard !isCancelled, read.count < (try state.userCount()) else { return }

        let lessons = try state.knownLessonIds()
        for lessonId in lessons {
            guard !isCancelled else { break }
            try step("answers of lesson \(lessonId)") {
                do {
                    let answers = try retrying("answers of lesson \(lessonId)", legacy: false) { () throws(GetCourseError) in
                        try client.lessonAnswers(lessonId: lessonId)
                    }
                    if let written = try writes.add(answers) { pass.add("lesson_answers", written) }
                } catch GetCourseError.api(code: 404, _) {
                    // The lesson is gone from the account: nothing to read there any more.
                }
            }
        }
        for written in try writes.finish() { pass.add("lesson_answers", written) }
    }
}
