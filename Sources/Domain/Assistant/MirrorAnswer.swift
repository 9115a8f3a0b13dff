import Foundation

/// What the mirror says to a curator's question (`MirrorQuestion`), and how it reads in Russian.
/// Names and texts are the mirror's as stored: the caller sanitises before printing.
public enum MirrorAnswer: Sendable, Equatable {
    /// Students at high risk, riskiest first, and how many are at medium risk.
    case atRisk(high: [StudentSummary], medium: Int)
    /// Students not seen for `days` or longer, riskiest first.
    case inactive(days: Int, students: [StudentSummary])
    /// More than one student has the name asked about.
    case sameName([StudentSummary])
    case progress(StudentDetail)
    /// Homework answers waiting for a review, oldest first.
    case uncheckedHomework([WaitingHomework])
    /// Open alerts, the important ones first.
    case openAlerts([AlertLine])

    /// A homework answer nobody has reviewed yet.
    public struct WaitingHomework: Sendable, Equatable {
        public var studentName: String
        public var lessonName: String
        public var submittedAt: Date?

        public init(studentName: String, lessonName: String, submittedAt: Date?) {
            self.studentName = studentName
            self.lessonName = lessonName
            self.submittedAt = submittedAt
        }
    }

    /// Lists show at most this many rows, then say how many more there are.
    public static let listLimit = 15

    public func text(now: Date) -> String {
        switch self {
        case .atRisk(let high, let medium):
            guard !high.isEmpty else {
                return medium > 0 ? "Учеников с высоким риском нет; со средним — \(medium)." : "Учеников в зоне риска нет (или риск ещё не считался: нужна синхронизация)."
            }
            return "Высокий риск ухода — \(Self.students(high.count)), средний — \(medium):\n"
                + Self.list(high) { s in "▲ \(s.name) — \(Percent.text(s.risk)): " + s.reasons.prefix(3).map(\.text).joined(separator: "; ") }
        case .inactive(let days, let quiet):
            guard !quiet.isEmpty else { return "Все ученики заходили за последние \(RussianPlural.days(days))." }
            return "Не заходили \(RussianPlural.days(days)) и дольше — \(Self.students(quiet.count)) (по риску):\n"
                + Self.list(quiet) { s in "\(s.level?.symbol ?? "·") \(s.name) — \(RelativeDay.describe(s.lastActiveAt, now: now))" + (s.groups.first.map { ", \($0)" } ?? "") }
        case .sameName(let found):
            return "Нашлось \(Self.students(found.count)) — уточните имя:\n"
                + Self.list(found) { s in "\(s.name) (ID \(s.id))" + (s.groups.first.map { ", \($0)" } ?? "") }
        case .progress(let detail):
            return Self.progressText(detail, now: now)
        case .uncheckedHomework(let waiting):
            guard !waiting.isEmpty else { return "Непроверенных домашних заданий нет." }
            return "Ждут проверки \(RussianPlural.count(waiting.count, "домашнее задание", "домашних задания", "домашних заданий")) (сначала давние):\n"
                + Self.list(waiting) { h in "\(h.studentName) — \(h.lessonName), сдано \(RelativeDay.describe(h.submittedAt, now: now))" }
        case .openAlerts(let open):
            guard !open.isEmpty else { return "Открытых предупреждений нет." }
            return "Открытых предупреждений — \(open.count) (важные первыми):\n"
                + Self.list(open) { l in "\(l.alert.rule.severity == .high ? "▲" : "●") \(l.studentName): \(l.alert.detail)" }
        }
    }

    private static func progressText(_ d: StudentDetail, now: Date) -> String {
        let s = d.summary
        let accepted = d.homework.filter { $0.status == .accepted }.count
        let declined = d.homework.filter { $0.status == .declined }.count
        var lines = [
            "\(s.name)" + (s.groups.isEmpty ? "" : " — " + s.groups.joined(separator: ", ")),
            "Последняя активность: \(RelativeDay.describe(s.lastActiveAt, now: now))",
            "Уроков просмотрено: \(d.lessonsViewed.count)",
            "Домашние задания: сдано \(d.homework.count), принято \(accepted), на доработке \(declined), ждут проверки \(d.homework.count - accepted - declined)",
        ]
        if s.hasLeft {
            lines.append("Риск: уже ушёл (нет активности 21+ день или пакет не продлён)")
        } else if let level = s.level {
            lines.append("Риск: \(level.symbol) \(level.russian), \(Percent.text(s.risk))" + (s.reasons.isEmpty ? "" : " — " + s.reasons.prefix(3).map(\.text).joined(separator: "; ")))
        }
        if s.openAlerts > 0 { lines.append("Открытых предупреждений: \(s.openAlerts)") }
        if let deal = d.deals.last { lines.append("Последний заказ: \(deal.title) (\(deal.status))") }
        return lines.joined(separator: "\n")
    }

    private static func students(_ n: Int) -> String { RussianPlural.count(n, "ученик", "ученика", "учеников") }

    private static func list<T>(_ items: [T], _ line: (T) -> String) -> String {
        let shown = items.prefix(listLimit).map(line)
        let more = items.count - shown.count
        return shown.joined(separator: "\n") + (more > 0 ? "\n…и ещё \(more)" : "")
    }

}
