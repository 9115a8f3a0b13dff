import Foundation

/// Faults the mock injects, each at its own rate, so tests can prove the sync loses nothing.
public struct FaultPlan: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// HTTP 500 with an HTML body.
        case http500 = "500"
        /// HTTP 502 with an HTML body, as a proxy in front of GetCourse answers.
        case http502 = "502"
        /// The connection is closed without a reply.
        case drop
        /// The reply comes only after `stallSeconds`.
        case stall
        /// Half the body, then the connection closes.
        case truncate
        /// Legacy API «Слишком много запросов».
        case limit903 = "903"
        /// Legacy API «Уже запущен один экспорт» on an export start.
        case busy905 = "905"
    }

    public var rates: [Kind: Double]
    public var stallSeconds: Double

    public init(rates: [Kind: Double] = [:], stallSeconds: Double = 15) {
        self.rates = rates
        self.stallSeconds = stallSeconds
    }

    public static let none = FaultPlan()

    /// `0.2` spreads 20% over every kind; `500=0.05,drop=0.02,903=0.03` sets kinds one by one.
    public static func parse(_ text: String, stallSeconds: Double = 15) -> FaultPlan? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let total = Double(t) {
            guard (0...1).contains(total) else { return nil }
            let each = total / Double(Kind.allCases.count)
            return FaultPlan(rates: Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0, each) }), stallSeconds: stallSeconds)
        }
        var rates: [Kind: Double] = [:]
        for part in t.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let kind = Kind(rawValue: kv[0]), let rate = Double(kv[1]), (0...1).contains(rate) else { return nil }
            rates[kind] = rate
        }
        guard rates.values.reduce(0, +) <= 1 else { return nil }
        return FaultPlan(rates: rates, stallSeconds: stallSeconds)
    }

    /// Picks the fault for one request from a uniform draw `u` in 0..<1, among the kinds allowed here.
    func pick(_ u: Double, allowed: Set<Kind>) -> Kind? {
        var acc = 0.0
        for kind in Kind.allCases {
            acc += rates[kind] ?? 0
            if u < acc { return allowed.contains(kind) ? kind : nil }
        }
        return nil
    }
}
