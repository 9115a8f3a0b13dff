import Foundation

/// GetCourse dates are `YYYY-MM-DD HH:MM:SS` in the account's time zone. The school's is
/// Europe/Moscow, a fixed UTC+3 since 2014, so a fixed offset is exact and keeps this pure.
public struct AccountTime: Sendable, Equatable {
    public var utcOffsetSeconds: Int

    public init(utcOffsetSeconds: Int = 3 * 3600) { self.utcOffsetSeconds = utcOffsetSeconds }

    public static let moscow = AccountTime()

    /// Parses `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD` or ISO 8601 with `T` and an
    /// optional offset/`Z`. Empty or unparseable text gives nil.
    public func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8(parse)
    }

    private func parse(_ u: UnsafeBufferPointer<UInt8>) -> Date? {
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                let c = u[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard u.count >= 10, let y = num(0, 4), u[4] == 45, let mo = num(5, 2), u[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var h = 0, mi = 0, s = 0, i = 10
        if u.count > 10 {
            guard u[10] == 32 || u[10] == 84, let hh = num(11, 2), u.count > 13, u[13] == 58, let mm = num(14, 2) else { return nil }
            h = hh; mi = mm; i = 16
            if u.count > 16 && u[16] == 58 { guard let ss = num(17, 2) else { return nil }; s = ss; i = 19 }
            if i < u.count && u[i] == 46 { i += 1; while i < u.count && u[i] >= 48 && u[i] <= 57 { i += 1 } }
        }
        var offset = utcOffsetSeconds
        if i < u.count {
            if u[i] == 90 { // Z
                offset = 0; i += 1
            } else if u[i] == 43 || u[i] == 45, let oh = num(i + 1, 2) { // +HH[:MM] / -HH[:MM]
                let sign = u[i] == 45 ? -1 : 1
                var om = 0, len = 3
                if i + 3 < u.count && u[i + 3] == 58, let m = num(i + 4, 2) { om = m; len = 6 }
                else if let m = num(i + 3, 2) { om = m; len = 5 }
                offset = sign * (oh * 3600 + om * 60)
                i += len
            } else { return nil }
        }
        guard i == u.count, h < 24, mi < 60, s < 61 else { return nil }
        let days = Self.daysFromCivil(y, mo, d)
        return Date(timeIntervalSince1970: TimeInterval(days * 86400 + h * 3600 + mi * 60 + s - offset))
    }

    public func format(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.y, c.m, c.d, c.h, c.mi, c.s)
    }

    /// Hours and minutes on the account's clock, `HH:MM`.
    public func clock(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%02d:%02d", c.h, c.mi)
    }

    /// The account-local calendar day, as export filters take it (`YYYY-MM-DD`).
    public func day(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02d", c.y, c.m, c.d)
    }

    /// ISO 8601 with the account's offset, e.g. `2026-11-24T10:00:00+03:00`.
    public func iso8601(_ date: Date) -> String {
        let c = components(date)
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let o = abs(utcOffsetSeconds)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.y, c.m, c.d, c.h, c.mi, c.s, sign, o / 3600, (o % 3600) / 60)
    }

    private func components(_ date: Date) -> (y: Int, m: Int, d: Int, h: Int, mi: Int, s: Int) {
        let t = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        let days = Int((Double(t) / 86400).rounded(.down))
        let secs = t - days * 86400
        let (y, m, d) = Self.civilFromDays(days)
        return (y, m, d, secs / 3600, (secs % 3600) / 60, secs % 60)
    }

    /// Calendar days from one `YYYY-MM-DD` to another (negative when `to` is earlier).
    public static func daysBetween(_ from: String, _ to: String) -> Int {
        func days(_ s: String) -> Int {
            let p = s.split(separator: "-").compactMap { Int($0) }
            return p.count == 3 ? daysFromCivil(p[0], p[1], p[2]) : 0
        }
        return days(to) - days(from)
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
