import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Storage

/// `curator school`: what Curator knows of the school — learned from the account on the last sync
/// pass, with data/school's overrides — and where each part came from.
struct SchoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "school",
        abstract: "What Curator learned of the school: trainings, streams, lessons, schedule, packages, and where each came from.",
        discussion: """
            Learned from the account on every sync pass (GetCourse lists no lessons: they come from the \
            lesson-view groups' names and the homework answers); data/school overrides what the account \
            cannot say, and where the two disagree the conflict is listed. `opens`: days after the \
            stream's start that the lesson opens.
            """
    )

    @OptionGroup var mirror: MirrorOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = AppEnvironment.openMirror(mirror, create: false)
        var school: SchoolModel
        do { school = try SchoolStore(store).load() } catch { fail("cannot read the mirror: \(error)") }
        // Homework keys stay in data/school (the checker reads them there).
        let keys = Dictionary(AppEnvironment.overrides().allLessons.map { ($0.id, $0.homework) }, uniquingKeysWith: { a, _ in a })
        for t in school.trainings.indices {
            for l in school.trainings[t].lessons.indices {
                if let id = school.trainings[t].lessons[l].id, let k = keys[id] { school.trainings[t].lessons[l].exercises = k }
            }
        }
        if json { printJSON(SchoolJSON(school)); return }
        guard !school.trainings.isEmpty else {
            print("Школа ещё не изучена: запустите `curator sync --once`.")
            return
        }
        let clean = { (s: String) in TerminalText.sanitize(s) }
        for t in school.trainings {
            print("\(clean(t.title)) (id \(t.id), \(Self.source(t.source)))")
            if t.streams.isEmpty { print("  Потоки: не найдены") }
            for s in t.streams {
                let start = s.startedAt.map { "старт \(AccountTime.moscow.format(Date(timeIntervalSince1970: $0)))" } ?? "старт неизвестен"
                print("  Поток «\(clean(s.name))» (группа \(s.groupId)): \(RussianPlural.count(s.students, "ученик", "ученика", "учеников")), \(start), \(Self.tie(s.tie))")
            }
            let rows = t.lessons.map { l in
                [String(l.number), l.id.map(String.init) ?? "—", clean(l.title ?? "—"), l.viewGroupId.map(String.init) ?? "—",
                 "день \(Int(l.opensAfterDays.rounded()))" + (l.scheduleSource == .data ? " (файлы)" : ""), l.hasHomework ? (l.exercises.isEmpty ? "да" : "да, ключ") : "нет"]
            }
            if !rows.isEmpty {
                for line in alignedLines([["№", "id урока", "Название", "группа просмотра", "открывается", "домашка"]] + rows, maxColumn: 44) {
                    print("    " + line)
                }
            }
            print("")
        }
        let packages = school.packages.entries.filter { !$0.value.shown.isEmpty }.sorted { $0.key < $1.key }
        if !packages.isEmpty {
            print("Пакеты (сколько дней даёт покупка):")
            for (_, p) in packages {
                print("  \(clean(p.shown)): \(RussianPlural.days(p.days)) — \(Self.packageSource(p.source))")
            }
        }
        if !school.conflicts.isEmpty {
            print("Файлы школы расходятся с аккаунтом (действуют файлы):")
            for c in school.conflicts { print("  · \(clean(c))") }
        }
    }

    static func source(_ s: SchoolModel.Source) -> String {
        switch s {
        case .account: "из аккаунта"
        case .data: "только из файлов школы"
        case .both: "из аккаунта и файлов школы"
        case .inferred: "выведено"
        }
    }

    static func packageSource(_ s: String) -> String {
        switch s {
        case "data": "из файлов школы"
        case "title": "по названию покупки"
        case "repeat purchases": "по тому, как часто её покупают снова"
        case "training length": "по длине тренинга"
        default: s
        }
    }

    static func tie(_ t: SchoolModel.Stream.Tie) -> String {
        switch t {
        case .name: "по названию группы"
        case .answers: "по домашкам участников"
        case .data: "из файлов школы"
        }
    }
}

/// The JSON shape of `curator school --json`.
struct SchoolJSON: Encodable {
    struct Training: Encodable {
        var id: Int64
        var title: String
        var source: String
        var streams: [Stream]
        var lessons: [Lesson]
    }
    struct Stream: Encodable {
        var group_id: Int64
        var name: String
        var students: Int
        var tie: String
        var started_at: String?
    }
    struct Lesson: Encodable {
        var number: Int
        var id: Int64?
        var title: String?
        var view_group_id: Int64?
        /// Days after the stream's start.
        var opens: Int
        var schedule: String
        var deadline_days: Double
        var has_homework: Bool
        var homework_key: Bool

        func encode(to encoder: any Encoder) throws {
            // Nulls are written, not left out: "id": null says no answer named the lesson yet.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(view_group_id, forKey: .view_group_id)
            try c.encode(opens, forKey: .opens)
            try c.encode(schedule, forKey: .schedule)
            try c.encode(deadline_days, forKey: .deadline_days)
            try c.encode(has_homework, forKey: .has_homework)
            try c.encode(homework_key, forKey: .homework_key)
        }

        enum CodingKeys: String, CodingKey { case number, id, title, view_group_id, opens, schedule, deadline_days, has_homework, homework_key }
    }
    struct Package: Encodable {
        var title: String
        var days: Int
        var source: String
    }

    var trainings: [Training]
    var packages: [Package]
    var conflicts: [String]

    init(_ s: SchoolModel) {
        trainings = s.trainings.map { t in
            Training(id: t.id, title: t.title, source: t.source.rawValue,
                     streams: t.streams.map { Stream(group_id: $0.groupId, name: $0.name, students: $0.students, tie: $0.tie.rawValue,
                                                     started_at: $0.startedAt.map { AccountTime.moscow.iso8601(Date(timeIntervalSince1970: $0)) }) },
                     lessons: t.lessons.map { l in
                         Lesson(number: l.number, id: l.id, title: l.title, view_group_id: l.viewGroupId, opens: Int(l.opensAfterDays.rounded()),
                                schedule: l.scheduleSource.rawValue, deadline_days: l.deadlineDays, has_homework: l.hasHomework,
                                homework_key: !l.exercises.isEmpty)
                     })
        }
        packages = s.packages.entries.filter { !$0.value.shown.isEmpty }.sorted { $0.key < $1.key }
            .map { Package(title: $0.value.shown, days: $0.value.days, source: $0.value.source) }
        conflicts = s.conflicts
    }
}
