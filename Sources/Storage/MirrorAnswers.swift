import Domain
import Foundation
import GRDB

/// Answers a curator's questions about the school from the mirror, in Russian, with no model:
/// who is at risk, who has been inactive, a student's progress, homework waiting for review, open
/// alerts. Names and texts are the mirror's as stored: the caller sanitises before printing.
public struct MirrorAnswers: Sendable {
    let store: MirrorStore
    /// Lists show at most this many rows, then say how many more there are.
    public static let listLimit = 15

    public init(_ store: MirrorStore) { self.store = store }

    /// The answer, or nil when the mirror has nothing to say and the knowledge base should answer:
    /// a student (`asStudent`) may ask only about their own progress, and a progress question naming
    /// no known student is about progress in general.
    public func answer(_ question: MirrorQuestion, asStudent: StudentDetail? = nil, now: Date = Date()) throws -> String? {
        let queries = StudentQueries(store)
        if let asStudent {
            guard case .progress = question else { return nil }
            return progress(asStudent, now: now)
        }
        switch question {
        case .atRisk:
            let high = try queries.students(level: .high, sort: .risk)
            let medium = try queries.students(level: .medium, sort: .risk).count
            guard !high.isEmpty else {
                return medium > 0 ? "Учеников с высоким риском нет; со средним — \(medium)." : "Учеников в зоне риска нет (или риск ещё не считался: нужна синхронизация)."
            }
            return "Высокий риск ухода — \(RussianPlural.count(high.count, "ученик", "ученика", "учеников")), средний — \(medium):\n"
                + list(high) { s in "▲ \(s.name) — \(percent(s.risk)): " + s.reasons.prefix(3).map(\.text).joined(separator: "; ") }
        case .inactive(let days):
            let since = now.addingTimeInterval(-Double(days) * 86400)
            let quiet = try queries.students(inactiveSince: since, sort: .risk)
            guard !quiet.isEmpty else { return "Все ученики заходили за последние \(RussianPlural.days(days))." }
            return "Не заходили \(RussianPlural.days(days)) и дольше — \(RussianPlural.count(quiet.count, "ученик", "ученика", "учеников")) (по риску):\n"
                + list(quiet) { s in "\(s.level?.symbol ?? "·") \(s.name) — \(RelativeDay.describe(s.lastActiveAt, now: now))" + (s.groups.first.map { ", \($0)" } ?? "") }
        case .progress(let name):
            let found = try studentsNamed(name, queries: queries)
            // No student by that name: a question about progress in general, for the knowledge base.
            if found.isEmpty { return nil }
            if found.count > 1 {
                return "Нашлось \(RussianPlural.count(found.count, "ученик", "ученика", "учеников")) — уточните имя:\n"
                    + list(found) { s in "\(s.name) (ID \(s.id))" + (s.groups.first.map { ", \($0)" } ?? "") }
            }
            return try queries.student(id: found[0].id).map { progress($0, now: now) }
        case .uncheckedHomework:
            let waiting = try store.pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT a.lesson_name, a.created_at, trim(u.first_name || ' ' || u.last_name) AS name FROM lesson_answers a
                    JOIN users u ON u.id = a.user_id WHERE a.type = 'mission_answer' AND a.status IN ('new', 'viewed')
                    ORDER BY a.created_at, a.id
                    """)
            }
            guard !waiting.isEmpty else { return "Непроверенных домашних заданий нет." }
            return "Ждут проверки \(RussianPlural.count(waiting.count, "домашнее задание", "домашних задания", "домашних заданий")) (сначала давние):\n"
                + list(waiting) { r in "\(r["name"] as String) — \(r["lesson_name"] as String), сдано \(RelativeDay.describe(date(r["created_at"]), now: now))" }
        case .openAlerts:
            let open = try AlertStore(store).list(openOnly: true)
            guard !open.isEmpty else { return "Открытых предупреждений нет." }
            return "Открытых предупреждений — \(open.count) (важные первыми):\n"
                + list(open) { l in "\(l.alert.rule.severity == .high ? "▲" : "●") \(l.studentName): \(l.alert.detail)" }
        }
    }

    /// Students whose name words all match the typed ones by stem, so "Ивановой" finds Иванова and
    /// "Петрова" finds Петров.
    func studentsNamed(_ name: String, queries: StudentQueries) throws -> [StudentSummary] {
        let typed = SearchTerms.tokens(name).map { RussianStemmer.stem($0) }
        guard let first = typed.max(by: { $0.count < $1.count }) else { return [] }
        return try queries.students(search: first, sort: .name).filter { s in
            let parts = Set(SearchTerms.tokens(s.name).map { RussianStemmer.stem($0) })
            return typed.allSatisfy(parts.contains)
        }
    }

    func progress(_ d: StudentDetail, now: Date) -> String {
        let s = d.summary
        let accepted = d.homework.filter { $0.status == "accepted" }.count
        let declined = d.homework.filter { $0.status == "declined" }.count
        var lines = [
            "\(s.name)" + (s.groups.isEmpty ? "" : " — " + s.groups.joined(separator: ", ")),
            "Последняя активность: \(RelativeDay.describe(s.lastActiveAt, now: now))",
            "Уроков просмотрено: \(d.lessonsViewed.count)",
            "Домашние задания: сдано \(d.homework.count), принято \(accepted), на доработке \(declined), ждут проверки \(d.homework.count - accepted - declined)",
        ]
        if s.hasLeft {
            lines.append("Риск: уже ушёл (нет активности 21+ день или пакет не продлён)")
        } else if let level = s.level {
            lines.append("Риск: \(level.symbol) \(level.russian), \(percent(s.risk))" + (s.reasons.isEmpty ? "" : " — " + s.reasons.prefix(3).map(\.text).joined(separator: "; ")))
        }
        if s.openAlerts > 0 { lines.append("Открытых предупреждений: \(s.openAlerts)") }
        if let deal = d.deals.last { lines.append("Последний заказ: \(deal.title) (\(deal.status))") }
        return lines.joined(separator: "\n")
    }

    func list<T>(_ items: [T], _ line: (T) -> String) -> String {
        let shown = items.prefix(Self.listLimit).map(line)
        let more = items.count - shown.count
        return shown.joined(separator: "\n") + (more > 0 ? "\n…и ещё \(more)" : "")
    }

    func percent(_ p: Double?) -> String { p.map { "\(Int(($0 * 100).rounded()))%" } ?? "—" }
}
