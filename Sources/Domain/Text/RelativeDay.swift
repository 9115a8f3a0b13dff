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
}
