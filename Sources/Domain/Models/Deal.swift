import Foundation

/// A GetCourse order. Money is kept in kopecks so sums stay exact.
public struct Deal: Sendable, Equatable, Codable {
    public var id: Int64
    public var number: String
    public var userId: Int64?
    public var createdAt: Date?
    public var paidAt: Date?
    public var title: String
    public var status: DealStatus
    public var costKopecks: Int64?
    public var paidKopecks: Int64?
    public var currency: String
    public var tags: [String]
    public var offerTags: [String]
    public var customFields: [String: String]

    public init(id: Int64, number: String = "", userId: Int64? = nil, createdAt: Date? = nil, paidAt: Date? = nil,
                title: String = "", status: DealStatus = .new, costKopecks: Int64? = nil, paidKopecks: Int64? = nil,
                currency: String = "RUB", tags: [String] = [], offerTags: [String] = [], customFields: [String: String] = [:]) {
        self.id = id
        self.number = number
        self.userId = userId
        self.createdAt = createdAt
        self.paidAt = paidAt
        self.title = title
        self.status = status
        self.costKopecks = costKopecks
        self.paidKopecks = paidKopecks
        self.currency = currency
        self.tags = tags
        self.offerTags = offerTags
        self.customFields = customFields
    }
}

/// Deal statuses: the API code and the Russian label an export cell may hold instead.
public enum DealStatus: String, Sendable, Codable, CaseIterable {
    case new, inWork = "in_work", paymentWaiting = "payment_waiting", partPayed = "part_payed", payed
    case cancelled, `false`, pending, notConfirmed = "not_confirmed", waitingForReturn = "waiting_for_return"

    public var label: String {
        switch self {
        case .new: "Новый"
        case .inWork: "В работе"
        case .paymentWaiting: "Ожидаем оплаты"
        case .partPayed: "Частично оплачен"
        case .payed: "Завершен"
        case .cancelled: "Отменен"
        case .false: "Ложный"
        case .pending: "Отложен"
        case .notConfirmed: "Не подтвержден"
        case .waitingForReturn: "Ожидаем возврата"
        }
    }

    private static let byText: [String: DealStatus] = {
        var d: [String: DealStatus] = [:]
        for s in allCases { d[s.rawValue] = s; d[s.label] = s; d[TextFold.key(s.label)] = s }
        return d
    }()

    /// Accepts either the code or the label (the contract does not say which a cell holds).
    public init?(cell: String) {
        if let s = Self.byText[cell] { self = s; return }
        let t = cell.trimmingCharacters(in: .whitespaces)
        guard let s = Self.byText[t] ?? Self.byText[t.lowercased()] ?? Self.byText[TextFold.key(t)] else { return nil }
        self = s
    }
}
