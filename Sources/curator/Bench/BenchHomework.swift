import Domain
import Foundation
import MockGetCourse

/// The homework checker's speed: answers typed as students type them (numbering styles, case,
/// dropped punctuation, slips, wrong words), each parsed, checked, decided and given its comment.
struct BenchHomework {
    var answers: Int
    var catalog: SchoolCatalog

    /// Milliseconds for all the answers, median of three runs.
    func run() -> Double {
        let lessons = catalog.allLessons.filter { !$0.homework.isEmpty }
        var rng = SeededRandom(seed: 7)
        let work: [(String, CurriculumLesson)] = (0..<answers).map { _ in
            let lesson = rng.pick(lessons)
            return (Self.answer(lesson, &rng), lesson)
        }
        let checker = HomeworkChecker(lessons: catalog.allLessons), policy = HomeworkPolicy()
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

    static func answer(_ lesson: CurriculumLesson, _ rng: inout SeededRandom) -> String {
        func chance(_ p: Double) -> Bool { rng.chance(p) }
        let parts: [String] = lesson.homework.map { e in
            switch e.kind {
            case .essay: return "I usually get up at seven and go to work. In the evening I read books and meet my friends."
            case .multipleChoice: return chance(0.8) ? e.answers[0] : "a"
            default:
                var a = rng.pick(e.answers).replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
                if chance(0.15), let long = a.split(separator: " ").map(String.init).first(where: { $0.count > 5 }) {
                    let slip = String(long.dropLast(2)) + String(long.suffix(1))  // a letter left out
                    a = a.replacingOccurrences(of: long, with: slip)
                }
                if chance(0.1) { a = "I have go " + a }
                if chance(0.3) { a = a.lowercased() }
                if chance(0.3) { a = a.filter { $0 != "." && $0 != "?" } }
                return a
            }
        }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return parts.enumerated().map { "\($0 + 1)) \($1)" }.joined(separator: "\n")
        case 1: return parts.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "; ")
        case 2: return parts.joined(separator: "\n")
        default: return parts.enumerated().map { "\($0 + 1)) \($1)" }.joined(separator: " ")
        }
    }
}

