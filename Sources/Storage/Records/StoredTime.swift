import Foundation

/// The mirror stores times as seconds since 1970 (REAL), so they sort and compare in SQL.
func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }
