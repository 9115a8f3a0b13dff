import Foundation

/// How long ago something happened, in the school's days (Moscow time).
public enum RelativeDay {
    /// «сегодня», «вчера», «3 дн. назад», or «нет данных».
    public static func describe(_ date: Date?, now: Date) -> String {
        guard let date else { return "нет данных" }
        switch days(date, now) {
        case ..<1: return "сегодня"
        case 1: return "вчера"
        case let days: return "\(days) дн. назад"
        }
    }

    /// For a narrow column: «сегодня», «3 дн.», or «—».
    public static func short(_ date: Date?, now: Date) -> String {
        guard let date else { return "—" }
        let days = days(date, now)
        return days < 1 ? "сегодня" : "\(days) дн."
    }

    private static func days(_ date: Date, _ now: Date) -> Int {
        let t = AccountTime.moscow
        return AccountTime.daysBetween(t.day(date), t.day(now))
    }

    /// A span short enough to read at a glance: «40 с», «12 мин», «3 ч 5 мин», «2 дн.».
    public static func duration(_ seconds: Double) -> String {
        let s = Int(max(0, seconds).rounded())
        switch s {
        case ..<60: return "\(s) с"
        case ..<3600: return "\(s / 60) мин"
        case ..<86400: return s % 3600 >= 60 ? "\(s / 3600) ч \(s % 3600 / 60) мин" : "\(s / 3600) ч"
        default: return "\(s / 86400) дн."
        }
    }
}
