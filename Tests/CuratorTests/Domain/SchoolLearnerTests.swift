import Domain
import Foundation
import Testing

/// Learning a school from what its account holds, on schools written by hand: names in other
/// spellings, groups tied by their members, data/school overriding and disagreeing, packages.
@Suite struct SchoolLearnerTests {
    static let day = 86400.0
    static let t0 = 1_790_000_000.0

    static func at(_ days: Double) -> Date { Date(timeIntervalSince1970: t0 + days * day) }

    @Test func namesAsSchoolsWriteThem() {
        #expect(SchoolNames.lessonView("Грамматика :: урок 4 просмотрен").map { [String($0.number), $0.prefix] } == ["4", "грамматика"])
        #expect(SchoolNames.lessonView("Просмотрен урок 3")?.number == 3)
        #expect(SchoolNames.lessonView("Lesson 12 watched")?.number == 12)
        #expect(SchoolNames.lessonView("Урок 3 — домашнее задание") == nil)
        #expect(SchoolNames.lessonNumber(inTitle: "Урок 3. Present Perfect") == 3)
        #expect(SchoolNames.lessonNumber(inTitle: "07 — Travel") == 7)
        #expect(SchoolNames.lessonNumber(inTitle: "Занятие №5: Small talk") == 5)
        #expect(SchoolNames.lessonNumber(inTitle: "Present Perfect") == nil)
        #expect(SchoolNames.lessonNumber(inTitle: "3D-печать") == nil)
        let durations = ["Разговорный — 3 месяца": 90, "оплата за месяц": 30, "Курс на 6 месяцев": 180, "Полгода занятий": 182,
                         "Интенсив 12 недель": 84, "General English — абонемент на месяц (8 уроков)": 30, "Доступ на 1 год": 365, "3 months": 90]
        for (title, days) in durations { #expect(SchoolNames.durationDays(inTitle: title) == days, "\(title)") }
        #expect(SchoolNames.durationDays(inTitle: "IELTS — курс целиком") == nil)
        #expect(SchoolNames.durationDays(inTitle: "Пробный урок (8 уроков)") == nil)
        #expect(SchoolNames.training(named: "General English B1 | Поток 3", titles: [(1, "general english"), (2, "general english b1")]) == 2)
        #expect(SchoolNames.training(named: "Generalist", titles: [(1, "general")]) == nil)
    }

    /// A school of two trainings: one stream named after its training, one named otherwise (tied by
    /// its members' homework); view groups with and without the training's title; lesson names
    /// without numbers (numbered by the views students opened before answering).
    static func twoTrainings() -> AccountFacts {
        let trainings = [Training(id: 10, title: "Grammar", lessonCount: 4), Training(id: 20, title: "Speaking Club")]
        var groups = [StudyGroup(id: 100, name: "Grammar :: Поток 1", lastAddedAt: nil), StudyGroup(id: 200, name: "Вечерняя группа", lastAddedAt: nil),
                      StudyGroup(id: 300, name: "Все ученики", lastAddedAt: nil)]
        for n in 1...4 { groups.append(StudyGroup(id: Int64(110 + n), name: "Grammar :: Урок \(n) просмотрен", lastAddedAt: nil)) }
        for n in 1...3 { groups.append(StudyGroup(id: Int64(210 + n), name: "Просмотрен урок \(n)", lastAddedAt: nil)) }
        var memberships: [GroupMembership] = [], answers: [LessonAnswer] = []
        var id: Int64 = 1
        let grammarLessons: [Int64] = [5003, 5001, 5004, 5002]  // ids in no particular order
        for u in Int64(1)...8 {
            memberships.append(.init(groupId: 100, userId: u, addedAt: at(0)))
            memberships.append(.init(groupId: 300, userId: u, addedAt: at(0)))
            for n in 1...4 where n <= 4 - Int(u % 2) {
                let opens = Double(n - 1) * 7
                memberships.append(.init(groupId: Int64(110 + n), userId: u, addedAt: at(opens + 0.2 + Double(u) * 0.1)))
                answers.append(LessonAnswer(id: id, lessonId: grammarLessons[n - 1], lessonName: "Topic \(grammarLessons[n - 1])", userId: u,
                                            createdAt: at(opens + 1 + Double(u) * 0.1), trainingId: 10, trainingName: "Grammar"))
                id += 1
            }
        }
        for u in Int64(21)...26 {
            memberships.append(.init(groupId: 200, userId: u, addedAt: at(14)))
            memberships.append(.init(groupId: 300, userId: u, addedAt: at(14)))
            for n in 1...3 {
                memberships.append(.init(groupId: Int64(210 + n), userId: u, addedAt: at(14 + Double(n - 1) * 7 + 0.3)))
                answers.append(LessonAnswer(id: id, lessonId: Int64(6000 + n), lessonName: "Урок \(n). Tell me about…", userId: u,
                                            createdAt: at(14 + Double(n - 1) * 7 + 2), trainingId: 20, trainingName: "Speaking Club"))
                id += 1
            }
        }
        return AccountFacts(trainings: trainings, groups: groups, memberships: memberships, lessons: AccountFacts.answeredLessons(answers),
                            answers: answers, deals: [])
    }

    @Test func streamsLessonsAndTheScheduleComeFromTheAccount() throws {
        let school = SchoolLearner().learn(Self.twoTrainings())
        let grammar = try #require(school.training(id: 10)), club = try #require(school.training(id: 20))
        #expect(grammar.source == .account && grammar.streams.map(\.groupId) == [100] && grammar.streams[0].tie == .name)
        #expect(club.streams.map(\.groupId) == [200] && club.streams[0].tie == .answers && club.streams[0].students == 6)
        // «Все ученики» mixes both trainings' students: not a stream of either.
        #expect(!school.trainings.flatMap(\.streams).contains { $0.groupId == 300 })
        #expect(grammar.lessons.map(\.number) == [1, 2, 3, 4])
        #expect(grammar.lessons.map(\.id) == [5003, 5001, 5004, 5002])
        #expect(grammar.lessons.map(\.viewGroupId) == [111, 112, 113, 114])
        // View groups that name no training belong to the one their members study.
        #expect(club.lessons.map(\.viewGroupId) == [211, 212, 213] && club.lessons.map(\.id) == [6001, 6002, 6003])
        #expect(grammar.lessons.map(\.opensAfterDays) == [0, 7, 14, 21] && grammar.lessons.allSatisfy { $0.scheduleSource == .inferred })
        #expect(grammar.hasHomework && grammar.tracksViews && school.conflicts.isEmpty)
    }

    @Test func theSchoolsFilesOverrideAndDisagreementsAreReported() throws {
        var t = CurriculumTraining(id: 10, slug: "g", title: "Grammar Pro", level: "", description: "", homeworkRequired: true,
                                   streams: [.init(groupId: 300, name: "Все ученики", startedWeeksAgo: 0)],
                                   lessons: [CurriculumLesson(id: 5001, number: 3, title: "Third", opensAfterDays: 10, deadlineDays: 3, viewGroupId: nil,
                                                              homework: [Exercise(number: 1, kind: .gapFill, prompt: "I ___ (be)", answers: ["am"], rule: "to be")])])
        t.lessons.append(CurriculumLesson(id: 6002, number: 4, title: "", opensAfterDays: nil, deadlineDays: nil, viewGroupId: nil, homework: []))
        let overrides = SchoolCatalog(school: .default, trainings: [t], products: [], names: .empty)
        let school = SchoolLearner(overrides: overrides).learn(Self.twoTrainings())
        let grammar = try #require(school.training(id: 10))
        #expect(grammar.title == "Grammar Pro" && grammar.source == .both)
        #expect(grammar.streams.contains { $0.groupId == 300 && $0.tie == .data })
        let third = try #require(grammar.lessons.first { $0.number == 3 })
        #expect(third.id == 5001 && third.title == "Third" && third.opensAfterDays == 10 && third.scheduleSource == .data && third.deadlineDays == 3)
        #expect(!third.exercises.isEmpty)
        #expect(school.conflicts.contains { $0.contains("тренинг 10") && $0.contains("Grammar Pro") })
        #expect(school.conflicts.contains { $0.contains("урок 6002") })
        // The views students opened before answering lesson 5001 say it is lesson 2.
        #expect(school.conflicts.contains { $0.contains("урок 5001") && $0.contains("3-й") && $0.contains("урок 2") })
    }

    /// First views are late by chance, never early: the cadence is read under them, and a course of
    /// hundreds of lessons is read as quickly.
    @Test func theCadenceIsReadUnderTheFirstViews() {
        var rng = SystemRandomNumberGenerator()
        var weekly: [Int: Double] = [:]
        for n in 1...12 { weekly[n] = Self.t0 + Double(n - 1) * 7 * Self.day + Double.random(in: 0.05...(n > 8 ? 3 : 0.6), using: &rng) * Self.day }
        #expect(OpeningSchedule.rounded(OpeningSchedule.cadenceDays(weekly)!) == 7)
        var twiceAWeek: [Int: Double] = [:]
        for n in 1...10 { twiceAWeek[n] = Self.t0 + Double(n - 1) * 3.5 * Self.day + 0.2 * Self.day }
        #expect(OpeningSchedule.rounded(OpeningSchedule.cadenceDays(twiceAWeek)!) == 3.5)
        #expect(OpeningSchedule.cadenceDays([3: Self.t0]) == nil)
        let long = Dictionary(uniqueKeysWithValues: (1...900).map { ($0, Self.t0 + Double($0 - 1) * Self.day) })
        #expect(OpeningSchedule.rounded(OpeningSchedule.cadenceDays(long)!) == 1)
    }

    @Test func packagesAreLearnedFromTheDeals() {
        var deals: [Deal] = []
        var id: Int64 = 1
        func deal(_ user: Int64, _ title: String, _ days: Double, _ status: DealStatus = .payed) {
            deals.append(Deal(id: id, userId: user, createdAt: Self.at(days), paidAt: status == .payed ? Self.at(days) : nil, title: title, status: status))
            id += 1
        }
        for u in Int64(1)...3 { for k in 0..<3 { deal(u, "Абонемент «Клуб»", Double(k) * 28 + Double(u)) } }
        deal(4, "Grammar — оплата за месяц", 0)
        deal(5, "Grammar курс целиком", 0)
        deal(6, "Разовая консультация", 0)
        let school = SchoolLearner().learn(AccountFacts(trainings: [Training(id: 10, title: "Grammar", lessonCount: 8)], groups: [], memberships: [],
                                                        lessons: [], answers: [], deals: deals))
        #expect(school.packages.days(title: "Абонемент «Клуб»") == 28)
        #expect(school.packages.days(title: "Grammar — оплата за месяц") == 30)
        #expect(school.packages.days(title: "Grammar курс целиком") == 56)
        #expect(school.packages.days(title: "Разовая консультация") == nil)
        #expect(school.packages.entries[SchoolNames.normalized("Абонемент «Клуб»")]?.source == "repeat purchases")
    }

    /// A student the school tells little about: no lesson views tracked, no homework in the course,
    /// no deals. What cannot be known is missing, never zero, never a reason, and the score stands.
    @Test func whatTheSchoolCannotTellIsMissingNotZero() {
        var h = StudentHistory(studentId: 1, cohort: 0, enrolledAt: Self.t0, activity: [Self.t0 + 2 * Self.day])
        h.known = StudentHistory.Known(views: false, homework: false, deals: false)
        let t = Self.t0 + 30 * Self.day
        let score = RiskScorer(model: .prior).scores([h], at: t)[0]
        let unknown: [RiskFeature] = [.daysSinceLessonView, .unviewedLessons, .daysSinceHomework, .homeworkCompletion, .consecutiveMissed, .scoreMean3,
                                      .declinedShare, .daysToPackageEnd, .failedPayment]
        for f in unknown {
            #expect(score.features[f.rawValue].isNaN, "\(f)")
            #expect(score.contributions[f.rawValue] == 0, "\(f)")
        }
        #expect(score.features[RiskFeature.daysSinceActivity.rawValue] == 28)
        #expect(score.probability.isFinite && score.probability > 0.3)
        #expect(score.reasons.allSatisfy { r in r.value.isFinite && !unknown.contains { $0.key == r.feature } })
        #expect(score.reasons.contains { $0.feature == RiskFeature.daysSinceActivity.key })
    }
}
