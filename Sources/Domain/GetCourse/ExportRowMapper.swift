import Foundation

/// Maps export rows to models, by column title. Titles are resolved to positions once per table,
/// then each row is plain indexing. A row without a usable id is skipped, not guessed.
public struct ExportRowMapper: Sendable {
    public var time: AccountTime

    public init(time: AccountTime = .moscow) { self.time = time }

    /// Positions of the wanted titles and of the account's own (custom) columns in one table.
    struct Columns {
        let positions: [Int?]
        let custom: [(title: String, index: Int)]

        init(_ t: ExportTable, wanted: [String], known: Set<String>) {
            positions = wanted.map { t.column($0) }
            var custom: [(String, Int)] = []
            var seen = Set<String>()
            for (i, f) in t.fields.enumerated() where !known.contains(f) && seen.insert(f).inserted { custom.append((f, i)) }
            self.custom = custom
        }

        @inline(__always) func text(_ row: ExportTable.Row, _ k: Int) -> String {
            guard let i = positions[k], i < row.count else { return "" }
            return row[i].text
        }

        func list(_ row: ExportTable.Row, _ k: Int) -> [String] {
            guard let i = positions[k], i < row.count else { return [] }
            return row[i].list
        }

        func customFields(_ row: ExportTable.Row) -> [String: String] {
            var out: [String: String] = [:]
            for (title, i) in custom where i < row.count {
                let v = row[i].text
                if !v.isEmpty { out[title] = v }
            }
            return out
        }
    }

    private static func id(_ s: String) -> Int64? { LooseJSON.int64(text: s) }

    public func students(_ t: ExportTable) -> LazyMapSequence<LazyFilterSequence<LazyMapSequence<ExportTable.Rows, Student?>>, Student> {
        let c = Columns(t, wanted: ["id", "Email", "Имя", "Фамилия", "Телефон", "Создан", "Последняя активность", "Город", "Страна"],
                        known: ExportColumns.knownUser)
        let time = time
        return t.rowSequence.lazy.compactMap { row -> Student? in
            guard let id = Self.id(c.text(row, 0)) else { return nil }
            return Student(id: id, email: c.text(row, 1), firstName: c.text(row, 2), lastName: c.text(row, 3), phone: c.text(row, 4),
                           createdAt: time.parse(c.text(row, 5)), lastActivityAt: time.parse(c.text(row, 6)),
                           city: c.text(row, 7), country: c.text(row, 8), customFields: c.customFields(row))
        }
    }

    public func memberships(_ t: ExportTable, groupId: Int64) -> LazyMapSequence<LazyFilterSequence<LazyMapSequence<ExportTable.Rows, GroupMembership?>>, GroupMembership> {
        let c = Columns(t, wanted: ["id", "ID группы", "Добавлен в группу"], known: [])
        let time = time
        return t.rowSequence.lazy.compactMap { row -> GroupMembership? in
            guard let uid = Self.id(c.text(row, 0)) else { return nil }
            return GroupMembership(groupId: Self.id(c.text(row, 1)) ?? groupId, userId: uid, addedAt: time.parse(c.text(row, 2)))
        }
    }

    public func deals(_ t: ExportTable) -> LazyMapSequence<LazyFilterSequence<LazyMapSequence<ExportTable.Rows, Deal?>>, Deal> {
        // `Стоимость, RUB` follows the account currency: whichever `Стоимость, XXX` is present.
        let cost = t.fields.first(where: { $0.hasPrefix("Стоимость") }) ?? "Стоимость, RUB"
        let c = Columns(t, wanted: ["ID заказа", "Номер", "ID пользователя", "Дата создания", "Дата оплаты", "Title", "Статус", cost,
                                    "Оплачено", "Валюта", "Теги", "Теги предложений"],
                        known: ExportColumns.knownDeal.union([cost]))
        let time = time
        return t.rowSequence.lazy.compactMap { row -> Deal? in
            guard let id = Self.id(c.text(row, 0)) else { return nil }
            let currency = c.text(row, 9)
            return Deal(id: id, number: c.text(row, 1), userId: Self.id(c.text(row, 2)),
                        createdAt: time.parse(c.text(row, 3)), paidAt: time.parse(c.text(row, 4)), title: c.text(row, 5),
                        status: DealStatus(cell: c.text(row, 6)) ?? .new, costKopecks: Money.kopecks(c.text(row, 7)),
                        paidKopecks: Money.kopecks(c.text(row, 8)), currency: currency.isEmpty ? "RUB" : currency,
                        tags: c.list(row, 10), offerTags: c.list(row, 11), customFields: c.customFields(row))
        }
    }
}
