import Foundation

/// How long ago something happened, in the school's days (Moscow time).
public enum RelativeDay {
    /// «сегодня», «вчера», «3 дн. назад», or «нет данных».
    public static func describe(_ date: Date?, now: Date) -> String {
        guard let date else { return "нет данных" }
        let t = AccountTime.moscow
        let days = (AccountTime.daysBetween(t.day(date), t.day(now)))
        switch days {
        case ..<1: return "сегодня"
        case 1: return "вчера"
        default: return "\(days) дн. назад"
        }
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
