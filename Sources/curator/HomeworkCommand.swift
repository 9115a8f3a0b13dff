import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Storage

/// `curator homework`: check an answer, the curator's review queue and decisions, the evaluation.
struct HomeworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "homework",
        abstract: "Homework auto-check: check an answer, the review queue, decide one, evaluate the checker.",
        subcommands: [HomeworkCheckCommand.self, HomeworkQueueCommand.self, HomeworkDecideCommand.self, HomeworkEvaluateCommand.self]
    )
}

/// The check as JSON, for `check` and `queue`.
struct HomeworkCheckJSON: Encodable {
    struct Item: Encodable { var number: Int, kind: String, verdict: String, given: String, expected: String, note: String }
    var score: Double?
    var outcome: String
    var reason: String?
    var ambiguity: String?
    var items: [Item]
    var comment: String

    init(_ c: HomeworkCheck, _ d: HomeworkPolicy.Decision, comment: String) {
        score = c.score
        outcome = d.outcome.rawValue
        reason = d.reason
        ambiguity = c.ambiguity
        items = c.items.map { Item(number: $0.number, kind: $0.kind.rawValue, verdict: $0.verdict.rawValue, given: $0.given, expected: $0.expected, note: $0.note) }
        self.comment = comment
    }
}

extension HomeworkPolicy.Outcome {
    var russian: String {
        switch self {
        case .accept: "принять"
        case .decline: "на доработку"
        case .review: "проверить куратору"
        }
    }
}

/// Multi-line text for the terminal: every line sanitised, indented.
func printSanitized(_ text: String, indent: String = "") {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) { print(indent + TerminalText.sanitize(String(line))) }
}

struct HomeworkCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check one answer against a lesson's keys and print the feedback and the decision (nothing is sent).",
        discussion: "Lesson ids are in data/school/trainings (e.g. 81010201: General English B1, lesson 1)."
    )

    @Option(help: "The lesson's GetCourse id.") var lesson: Int64
    @Option(help: "The answer as the student wrote it (\\n for a new line is not needed: pass real newlines).") var answer: String
    @OptionGroup var homework: HomeworkPolicyOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let catalog = AppEnvironment.overrides()
        guard let l = catalog.allLessons.first(where: { $0.id == lesson }) else {
            fail("--lesson: no lesson \(lesson) in the school's data (ids like \(catalog.allLessons.first?.id ?? 0); see data/school/trainings)")
        }
        guard !l.homework.isEmpty else { fail("--lesson: lesson \(lesson) has no homework") }
        if answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { fail("--answer is empty") }
        let check = HomeworkChecker().check(answer, lesson: l)
        let decision = homework.policy.decide(check)
        let comment = HomeworkFeedback.comment(check, outcome: decision.outcome)
        if json { return printJSON(HomeworkCheckJSON(check, decision, comment: comment)) }
        let training = catalog.trainings.first { $0.lessons.contains { $0.id == lesson } }?.title ?? ""
        print("\(l.title) — \(training)")
        printSanitized(comment)
        print("Решение: \(decision.outcome.russian)" + (decision.reason.map { " (\(TerminalText.sanitize($0)))" } ?? ""))
    }
}

struct HomeworkQueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Checked homework waiting for the curator, oldest first; with --all also the latest decided.",
        discussion: "Homework is checked on every sync (`curator sync --once`); decide one with `curator homework decide`."
    )

    @OptionGroup var mirror: MirrorOptions
    @Flag(help: "Also the latest decided answers (by the checker or the curator).") var all = false
    @Option(help: "Show at most this many.") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let store = AppEnvironment.openMirror(mirror, create: false)
        var items: [HomeworkQueueItem]
        do { items = try HomeworkStore(store).queue(decidedLimit: all ? limit : 0) } catch { fail("cannot read the mirror: \(error)") }
        items = Array(items.prefix(limit))
        let t = AccountTime.moscow
        if json {
            struct QueueJSON: Encodable {
                var answer_id: String, student_id: String, student: String, lesson_id: String, lesson: String, submitted_at: String?
                var answer: String, waits_for_review: Bool, decision: String?, decided_by: String?, teacher_notes: String?, check: HomeworkCheckJSON
            }
            return printJSON(items.map {
                QueueJSON(answer_id: String($0.answerId), student_id: String($0.studentId), student: $0.studentName, lesson_id: String($0.lessonId),
                          lesson: $0.lessonName, submitted_at: $0.submittedAt.map(t.iso8601), answer: $0.answerText, waits_for_review: $0.waitsForReview,
                          decision: $0.decision?.rawValue, decided_by: $0.decidedBy?.rawValue, teacher_notes: $0.teacherNotes,
                          check: HomeworkCheckJSON($0.check, .init(outcome: $0.outcome, reason: $0.reason), comment: $0.comment))
            })
        }
        if items.isEmpty {
            print(all ? "No homework checked yet: answers are checked on every sync (`curator sync --once`)." : "No homework waits for the curator.")
            return
        }
        printTable(header: ["ID", "Ученик", "Урок", "Сдано", "Балл", "Статус", "Почему"], rows: items.map { i in
            return [String(i.answerId), TerminalText.sanitize(i.studentName), TerminalText.sanitize(i.lessonName), i.submittedAt.map(t.format) ?? "—",
                    Percent.text(i.check.score), i.statusText, TerminalText.sanitize(i.reason ?? "")]
        }, maxColumn: 44)
    }
}

struct HomeworkDecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Accept or decline a checked answer (sent to GetCourse through the outbox on the next sync).",
        discussion: "Without --comment the checker's feedback is sent, closed for the decision taken."
    )

    @OptionGroup var mirror: MirrorOptions
    @Argument(help: "The answer id (from `curator homework queue`).") var answerId: Int64
    @Flag(exclusivity: .exclusive) var verdict: Verdict?
    @Option(help: "The comment to send instead of the checker's.") var comment: String?

    enum Verdict: String, EnumerableFlag {
        case accept, decline
        static func help(for value: Verdict) -> ArgumentHelp? { value == .accept ? "Accept the answer." : "Decline it (the student tries again)." }
    }

    func run() throws {
        guard let verdict else { fail("say --accept or --decline") }
        let store = AppEnvironment.openMirror(mirror, create: false)
        let homework = HomeworkStore(store)
        let item: HomeworkQueueItem?
        do { item = try homework.item(answerId: answerId) } catch { fail("cannot read the mirror: \(error)") }
        guard let item else { fail("no checked homework answer \(answerId) in \(store.path)") }
        let outcome: HomeworkPolicy.Outcome = verdict == .accept ? .accept : .decline
        let text = (comment ?? HomeworkFeedback.comment(item.check, outcome: outcome)).trimmingCharacters(in: .whitespacesAndNewlines)
        do { try homework.decide(answerId: answerId, status: outcome.status!, comment: text) } catch { fail("\(error)") }
        print(verdict == .accept ? "Принято: комментарий и статус уйдут в GetCourse при следующей синхронизации."
              : "Отправлено на доработку: комментарий и статус уйдут в GetCourse при следующей синхронизации.")
    }
}

struct HomeworkEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate the checker on answers graded by hand per item.",
        discussion: """
            Checks every answer of the set (default: Tests/Fixtures/homework/labelled.txt of the
            installation) and prints the item agreement on the items the checker decided itself (goal
            ≥ 97%), the share of items and answers it leaves to a person, and the disagreements.
            Exits non-zero when agreement is below the goal.
            """
    )

    @Option(help: ArgumentHelp("The labelled answer set.", valueName: "path")) var set: String?
    @OptionGroup var homework: HomeworkPolicyOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let path = set ?? Fixtures.path("homework/labelled.txt")
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else { fail("--set: cannot read \(path)") }
        let labelled: [LabelledAnswer]
        do { labelled = try LabelledAnswer.parse(text) } catch { fail("--set: \(path): \(error)") }
        if labelled.isEmpty { fail("--set: \(path) holds no answers") }
        let e: HomeworkEvaluation
        do { e = try HomeworkEvaluation.run(labelled, lessons: AppEnvironment.overrides().allLessons, policy: homework.policy) } catch { fail("--set: \(path): \(error)") }
        let goal = EvaluationTarget.homework(agreement: e.agreement)
        if json {
            struct EvaluationJSON: Encodable {
                var answers: Int, items: Int, automatic_items: Int, automatic_agreed: Int, agreement: Double, items_to_review: Int
                var overconfident: Int, answers_to_review: Int, review_share: Double, review_share_without_essays: Double
                var review_unsure: Int, review_essay: Int, review_between_thresholds: Int, goal_met: Bool
            }
            return printJSON(EvaluationJSON(answers: e.answers, items: e.items, automatic_items: e.automaticItems, automatic_agreed: e.automaticAgreed,
                                            agreement: e.agreement, items_to_review: e.itemsToReview, overconfident: e.overconfident,
                                            answers_to_review: e.answersToReview, review_share: e.reviewShare,
                                            review_share_without_essays: e.reviewShareWithoutEssays, review_unsure: e.reviewUnsure,
                                            review_essay: e.reviewEssay, review_between_thresholds: e.reviewBetween, goal_met: goal.met))
        }
        let pct = EvaluationTarget.percent
        print("\(e.answers) answers, \(e.items) items graded by hand (essays aside)")
        print()
        printTable(header: ["figure", "value", "counts"], rows: [
            ["item agreement (automatic verdicts)", pct(e.agreement), "\(e.automaticAgreed) / \(e.automaticItems)"],
            ["items left to a person", pct(Double(e.itemsToReview) / Double(max(1, e.items))), "\(e.itemsToReview) / \(e.items)"],
            ["decided where the grader wanted a person", "\(e.overconfident)", ""],
            ["answers sent to review", pct(e.reviewShare), "\(e.answersToReview) / \(e.answers)"],
            ["↳ without essay lessons", pct(e.reviewShareWithoutEssays), "\(e.answersWithoutEssayToReview) / \(e.answersWithoutEssay)"],
            ["↳ because the checker was unsure", "\(e.reviewUnsure)", ""],
            ["↳ because of an essay", "\(e.reviewEssay)", ""],
            ["↳ because the score is between \(Int(homework.declineBelow))% and \(Int(homework.acceptAt))%", "\(e.reviewBetween)", ""],
        ], maxColumn: 60)
        if !e.disagreements.isEmpty {
            print("\nDisagreements:")
            printTable(header: ["line", "item", "by hand", "checker"], rows: e.disagreements.map { ["\($0.line)", "\($0.item)", $0.label.rawValue, $0.checker.rawValue] })
        }
        print()
        print(goal.line)
        if !goal.met { throw ExitCode(1) }
    }
}
