import Domain
import Foundation

/// A school Curator ships no files for, generated from a seed: its own training titles and lesson
/// counts, its own ids, its own way of naming groups, lessons and purchases, other custom fields.
/// The homework tasks and the name pools are borrowed from the shipped school (`base`), nothing else:
/// what Curator learns of this school it must learn from the account.
public enum OtherSchool {
    /// Titles, one per training, of a school that is not Skyline English.
    static let titles = [
        "Разговорный английский", "Грамматика без боли", "English for IT", "Английский для путешествий",
        "Подготовка к ЕГЭ", "Business Communication", "Deutsch A1", "Английский с нуля",
    ]
    static let topics = [
        "Знакомство", "Времена группы Simple", "Путешествия", "Работа и карьера", "Еда и рестораны", "Модальные глаголы",
        "Условные предложения", "Пассивный залог", "Фразовые глаголы", "Косвенная речь", "Small talk", "Презентации",
        "Письма и email", "Собеседование", "Здоровье", "Технологии", "Покупки", "Итоговое повторение",
    ]
    /// How this school joins a training's title to the rest of a group's name.
    static let separators = [" - ", " · ", ": ", " / ", " | ", " — "]

    public static func catalog(seed: UInt64, base: SchoolCatalog) -> SchoolCatalog {
        var rng = SeededRandom(seed: seed ^ 0x0751_C400)
        let exercises = base.allLessons.map(\.homework).filter { !$0.isEmpty }
        let trainingCount = Int.random(in: 3...4, using: &rng)
        let names = titles.shuffled(using: &rng).prefix(trainingCount)
        let streamSeparator = rng.pick(separators), viewSeparator = rng.pick(separators)
        let streamWord = rng.pick(["Поток", "Группа", "Набор"])
        let numberedLessons = rng.chance(0.5)
        var nextGroup = Int64(Int.random(in: 700_000...799_000, using: &rng))
        var trainings: [CurriculumTraining] = []
        for (ti, title) in names.enumerated() {
            let id = Int64(Int.random(in: 100_000...999_999, using: &rng))
            let lessonCount = Int.random(in: 8...16, using: &rng)
            // The first training has no homework (a club): not every course asks for it.
            let homework = ti > 0 || rng.chance(0.3)
            var lessonId = Int64(Int.random(in: 1_000_000...9_000_000, using: &rng))
            var lessons: [CurriculumLesson] = []
            for n in 1...lessonCount {
                lessonId += Int64(Int.random(in: 1...40, using: &rng))
                let topic = topics[(n - 1 + ti * 3) % topics.count]
                nextGroup += Int64(Int.random(in: 1...9, using: &rng))
                lessons.append(CurriculumLesson(id: lessonId, number: n, title: numberedLessons ? "Урок \(n). \(topic)" : topic,
                                                opensAfterDays: (n - 1) * 7, deadlineDays: 7, viewGroupId: nextGroup,
                                                homework: homework ? rng.pick(exercises) : []))
            }
            var streams: [CurriculumTraining.Stream] = []
            let weeksAgo = [Int.random(in: 9...11, using: &rng), Int.random(in: 3...6, using: &rng)]
            for (si, weeks) in weeksAgo.prefix(ti == 0 ? 1 : 2).enumerated() {
                nextGroup += Int64(Int.random(in: 1...9, using: &rng))
                streams.append(.init(groupId: nextGroup, name: "\(title)\(streamSeparator)\(streamWord) \(si + 3 + ti)", startedWeeksAgo: weeks))
            }
            trainings.append(CurriculumTraining(id: id, slug: "other-\(ti)", title: title, level: rng.pick(["A2", "B1", "B2"]),
                                                description: "", homeworkRequired: homework, streams: streams, lessons: lessons))
        }
        // Purchases named as this school names them: by how long they last, or by the course alone.
        var products: [Product] = []
        for (ti, t) in trainings.enumerated() {
            let monthly = ti % 2 == 0
            let title = monthly ? "\(t.title) — оплата за месяц" : "\(t.title) — \(rng.pick(["3 месяца", "курс целиком"]))"
            let days = monthly ? 30 : title.hasSuffix("3 месяца") ? 90 : (t.lessons.count) * 7
            products.append(Product(id: "p\(ti)", title: title, trainingSlugs: [t.slug], durationDays: days, lessonCount: t.lessons.count,
                                    priceRub: Int.random(in: 30...120, using: &rng) * 100, renewal: monthly ? .auto : .manual))
        }
        let staffBase = Int64(Int.random(in: 3_000_000...3_900_000, using: &rng))
        let school = SchoolInfo(name: "Other School \(seed)", timeZone: "Europe/Moscow", utcOffsetHours: 3, currency: "RUB", staff: [
            StaffMember(id: staffBase, firstName: "Ольга", lastName: "Наставникова", email: "curator@other-\(seed).ru", role: "curator"),
            StaffMember(id: staffBase + 1, firstName: "Kate", lastName: "Miller", email: "teacher@other-\(seed).ru", role: "teacher"),
        ])
        return SchoolCatalog(school: school, trainings: trainings, products: products, names: base.names)
    }

    /// The simulation's options for this school: its custom fields and how it names lesson-view groups.
    public static func options(seed: UInt64, students: Int, weeks: Int) -> SchoolSimulation.Options {
        var rng = SeededRandom(seed: seed ^ 0x0751_C400 ^ 0x5EED)
        var o = SchoolSimulation.Options(seed: seed, students: students, weeks: weeks)
        o.customUserFields = ["Ник в Telegram", "Цель обучения", "Часовой пояс"]
        o.customDealFields = ["Канал продаж", "Менеджер заявки"]
        o.viewGroupSeparator = rng.pick(separators)
        return o
    }
}
