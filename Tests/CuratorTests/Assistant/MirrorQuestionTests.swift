import Domain
import Foundation
import Testing

@Suite struct MirrorQuestionTests {
    @Test func recognisesTheCuratorsQuestionsInRussianAndEnglish() {
        let cases: [(String, MirrorQuestion)] = [
            ("кто не заходил неделю?", .inactive(days: 7)),
            ("Кто не заходил 10 дней", .inactive(days: 10)),
            ("сколько учеников не заходили две недели", .inactive(days: 14)),
            ("кого не было месяц", .inactive(days: 30)),
            ("неактивные ученики", .inactive(days: 7)),
            ("who hasn't been active for 5 days", .inactive(days: 5)),
            ("students not logged in for 2 weeks", .inactive(days: 14)),
            ("кто в зоне риска?", .atRisk),
            ("кто может бросить учёбу", .atRisk),
            ("who is at risk", .atRisk),
            ("students at risk of dropping out", .atRisk),
            ("прогресс Ивановой", .progress(name: "ивановой")),
            ("как учится Петров", .progress(name: "петров")),
            ("как дела у Анны Ивановой?", .progress(name: "анны ивановой")),
            ("progress of Anna Ivanova", .progress(name: "anna ivanova")),
            ("непроверенные домашки", .uncheckedHomework),
            ("какие домашки не проверены", .uncheckedHomework),
            ("что на проверке?", .uncheckedHomework),
            ("homework pending review", .uncheckedHomework),
            ("unchecked homework", .uncheckedHomework),
            ("открытые алерты", .openAlerts),
            ("какие есть предупреждения", .openAlerts),
            ("open alerts", .openAlerts),
        ]
        for (text, expected) in cases {
            #expect(MirrorQuestion.parse(text) == expected, "\(text)")
        }
    }

    /// Students' questions about the school are the knowledge base's, never a list of other students.
    @Test func studentsQuestionsAreNotMirrorQuestions() throws {
        var questions = ["есть ли риск что уроки сгорят", "когда проверят мою домашку", "как отменить урок", "пропал доступ к урокам",
                         "не могу зайти на урок"]
        for file in ["questions.tsv", "holdout.tsv"] {
            let text = try String(contentsOfFile: TestSupport.fixturesDir + "/assistant/" + file, encoding: .utf8)
            questions += try LabelledQuestion.parse(text).map(\.text)
        }
        for q in questions {
            switch MirrorQuestion.parse(q) {
            case nil, .progress: break  // "мой прогресс" goes to the knowledge base when it names no student
            case let other?: Issue.record("\(q) → \(other)")
            }
        }
    }
}
