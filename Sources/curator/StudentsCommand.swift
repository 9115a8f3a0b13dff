import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Storage

extension StudentSort: ExpressibleByArgument {}
extension RiskLevel: ExpressibleByArgument {}

struct StudentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "students",
        abstract: "List the students in the mirror.",
        discussion: "Search matches name, email and phone, case- and ё-insensitively; every word must match."
    )

    @OptionGroup var mirror: MirrorOptions
    @Option(help: "Text to look for in name, email or phone.") var search: String?
    @Option(help: "Only members of this group (exact name, e.g. \"General English B1 | Поток 3\").") var group: String?
    @Option(help: "Sort by name, last activity (most recent first) or risk (highest first).") var sort: StudentSort = .name
    @Option(help: "Only students at this risk level: high, medium or low.") var risk: RiskLevel?
    @Option(help: "Show at most this many students.") var limit: Int?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let store = AppEnvironment.openMirror(mirror, create: false)
        let rows: [StudentSummary]
        do { rows = try StudentQueries(store).students(search: search, group: group, level: risk, sort: sort, limit: limit) } catch { fail("cannot read the mirror: \(error)") }
        if json {
            printJSON(rows.map(StudentJSON.init))
            return
        }
        if rows.isEmpty {
            print(search == nil && group == nil && risk == nil ? "No students in the mirror yet: run `curator sync --once`." : "No students match.")
            return
        }
        let now = Date()
        let table = rows.map { s in
            [s.hasLeft ? "✕ ушёл" : s.level.map { "\($0.symbol) \(Percent.text(s.risk))" } ?? "—", TerminalText.sanitize(s.name),
             TerminalText.sanitize(s.groups.joined(separator: ", ")), RelativeDay.describe(s.lastActiveAt, now: now),
             s.reasons.map(\.text).joined(separator: "; "), String(s.id)]
        }
        printTable(header: ["Риск", "Имя", "Группы", "Активность", "Причины", "ID"], rows: table, maxColumn: 60)
        print("\(rows.count) \(RussianPlural.students(rows.count))")
    }
}

struct StudentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "student", abstract: "Show one student from the mirror.")

    @OptionGroup var mirror: MirrorOptions
    @Argument(help: "The student's GetCourse user id.") var id: Int64
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = AppEnvironment.openMirror(mirror, create: false)
        let detail: StudentDetail?
        do { detail = try StudentQueries(store).student(id: id) } catch { fail("cannot read the mirror: \(error)") }
        guard let d = detail else { fail("no student with id \(id) in the mirror") }
        if json {
            printJSON(StudentDetailJSON(d))
            return
        }
        let t = AccountTime.moscow
        let s = d.summary
        var lines = ["\(TerminalText.sanitize(s.name))  (id \(s.id))"]
        lines.append("  Email:       \(TerminalText.sanitize(s.email))")
        lines.append("  Телефон:     \(TerminalText.sanitize(s.phone))")
        lines.append("  Город:       \(TerminalText.sanitize(d.city))")
        lines.append("  Группы:      \(TerminalText.sanitize(s.groups.joined(separator: ", ")))")
        lines.append("  Активность:  \(RelativeDay.describe(s.lastActiveAt, now: Date()))")
        lines.append("  Уроки просмотрены: \(d.lessonsViewed.count)")
        for l in d.lessonsViewed { lines.append("    · \(TerminalText.sanitize(l))") }
        lines.append("  Домашние задания: \(d.homework.count)")
        for h in d.homework { lines.append("    · \(TerminalText.sanitize(h.lessonName)) — \(h.status.rawValue)\(h.createdAt.map { ", " + t.format($0) } ?? "")") }
        lines.append("  Заказы: \(d.deals.count)")
        for deal in d.deals {
            let cost = deal.costKopecks.map { Money.format(kopecks: $0) + " ₽" } ?? ""
            lines.append("    · \(TerminalText.sanitize(deal.title)) — \(DealStatus(rawValue: deal.status)?.label ?? deal.status), \(cost)\(deal.createdAt.map { ", " + t.format($0) } ?? "")")
        }
        lines.append("  Сообщений в диалогах: \(d.messageCount)")
        if let level = s.level, let risk = s.risk {
            lines.append("  Риск ухода:  \(level.symbol) \(Percent.text(risk)) (\(s.hasLeft ? "уже ушёл: 21+ день без активности или оплаты" : level.russian); модель: \(d.model ?? "—"))")
            for r in s.reasons { lines.append("    · \(r.text) (\(String(format: "%+.2f", r.contribution)))") }
            lines.append("  Признаки (значение, вклад в логит):")
            for f in d.features {
                let title = RiskFeature(key: f.feature)?.title ?? f.feature
                lines.append("    \(title.padding(toLength: 32, withPad: " ", startingAt: 0)) \(f.value.map { String(format: "%8.2f", $0) } ?? "       —")  \(String(format: "%+.2f", f.contribution))")
            }
        } else {
            lines.append("  Риск ухода:  ещё не рассчитан (запустите `curator sync --once`)")
        }
        for (k, v) in d.customFields.sorted(by: { $0.key < $1.key }) { lines.append("  \(TerminalText.sanitize(k)): \(TerminalText.sanitize(v))") }
        print(lines.joined(separator: "\n"))
    }
}

/// JSON rows: text exactly as stored (JSON-escaped, never stripped), ids as strings, ISO dates with offset.
struct StudentJSON: Encodable {
    var id: String
    var name: String
    var email: String
    var phone: String
    var groups: [String]
    var last_active: String?
    var risk: Double?
    var level: String?
    var left: Bool
    var reasons: [ReasonJSON]
    var open_alerts: Int

    struct ReasonJSON: Encodable {
        var feature: String, text: String, value: Double, contribution: Double
    }

    init(_ s: StudentSummary) {
        id = String(s.id)
        name = s.name
        email = s.email
        phone = s.phone
        groups = s.groups
        last_active = s.lastActiveAt.map(AccountTime.moscow.iso8601)
        risk = s.risk
        level = s.level?.rawValue
        left = s.hasLeft
        reasons = s.reasons.map { ReasonJSON(feature: $0.feature, text: $0.text, value: $0.value, contribution: $0.contribution) }
        open_alerts = s.openAlerts
    }
}

struct StudentDetailJSON: Encodable {
    struct DealJSON: Encodable {
        var id: String, title: String, status: String, cost_rub: Double?, created_at: String?, paid_at: String?
    }

    struct HomeworkJSON: Encodable {
        var id: String, lesson: String, status: String, submitted_at: String?
    }

    var id: String, name: String, email: String, phone: String, groups: [String], last_active: String?
    var city: String, created_at: String?, custom_fields: [String: String]
    var lessons_viewed: [String], homework: [HomeworkJSON], deals: [DealJSON], message_count: Int
    var risk: Double?, level: String?, model: String?, reasons: [StudentJSON.ReasonJSON], features: [FeatureValue]

    init(_ d: StudentDetail) {
        let t = AccountTime.moscow
        let s = StudentJSON(d.summary)
        id = s.id; name = s.name; email = s.email; phone = s.phone; groups = s.groups; last_active = s.last_active
        risk = s.risk; level = s.level; model = d.model; reasons = s.reasons; features = d.features
        city = d.city
        created_at = d.createdAt.map(t.iso8601)
        custom_fields = d.customFields
        lessons_viewed = d.lessonsViewed
        homework = d.homework.map { HomeworkJSON(id: String($0.id), lesson: $0.lessonName, status: $0.status.rawValue, submitted_at: $0.createdAt.map(t.iso8601)) }
        deals = d.deals.map { DealJSON(id: String($0.id), title: $0.title, status: $0.status, cost_rub: $0.costKopecks.map { Double($0) / 100 },
                                       created_at: $0.createdAt.map(t.iso8601), paid_at: $0.paidAt.map(t.iso8601)) }
        message_count = d.messageCount
    }
}
