import Domain
import Foundation
import MockGetCourse

/// The homework checker's speed: answers typed as students type them (the simulated school's own
/// writer: numbering styles, case, dropped punctuation, slips, wrong and swapped words), each parsed,
/// checked, decided and given its comment.
struct BenchHomework {
    var answers: Int
    var catalog: SchoolCatalog

    /// Milliseconds for all the answers, median of three runs.
    func run() -> Double {
        let lessons = catalog.allLessons.filter { !$0.homework.isEmpty }
        var rng = SeededRandom(seed: 7)
        let work: [(String, CurriculumLesson)] = (0..<answers).map { _ in
            let lesson = rng.pick(lessons)
            return (HomeworkAnswerWriter.answer(lesson, skill: rng.uniform(0.4...0.95), rng: &rng), lesson)
        }
        let checker = HomeworkChecker(lessons: lessons), policy = HomeworkPolicy()
        var runs: [Double] = []
        var sink = 0
        for _ in 0..<3 {
            runs.append(Stopwatch.milliseconds {
                for (text, lesson) in work {
                    let check = checker.check(text, lesson: lesson)
                    sink &+= HomeworkFeedback.comment(check, outcome: policy.decide(check).outcome).utf8.count
                }
            })
        }
        precondition(sink != 0)
        return runs.sorted()[1]
    }
}
