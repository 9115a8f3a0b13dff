import Foundation

/// A ready legacy export: column titles and rows. Cells are strings, except the tag columns,
/// which are arrays. Every read goes by column title, never by position.
public struct ExportTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case list([String])

        public var text: String {
            switch self {
            case .text(let s): s
            case .list(let a): a.joined(separator: ", ")
            }
        }
    }

    public var fields: [String]
    public var rows: [[Cell]]
    private var index: [String: Int]

    public init(fields: [String], rows: [[Cell]]) {
        self.fields = fields
        self.rows = rows
        var index: [String: Int] = [:]
        // A title that appears twice (utm_source in deals) resolves to its first occurrence.
        for (i, f) in fields.enumerated() where index[f] == nil { index[f] = i }
        self.index = index
    }

    public static func == (a: ExportTable, b: ExportTable) -> Bool { a.fields == b.fields && a.rows == b.rows }

    public func column(_ title: String) -> Int? { index[title] }

    public func text(_ row: [Cell], _ title: String) -> String {
        guard let i = index[title], i < row.count else { return "" }
        return row[i].text
    }

    public func list(_ row: [Cell], _ title: String) -> [String] {
        guard let i = index[title], i < row.count else { return [] }
        switch row[i] {
        case .list(let a): return a
        case .text(let s): return LooseJSON.stringArray(s)
        }
    }

    /// Cells of columns this project does not model, by title, empty cells left out.
    public func custom(_ row: [Cell], known: Set<String>) -> [String: String] {
        var out: [String: String] = [:]
        for (i, f) in fields.enumerated() where !known.contains(f) && i < row.count {
            let v = row[i].text
            if !v.isEmpty && out[f] == nil { out[f] = v }
        }
        return out
    }
}

/// Maps export rows to models. A row without a usable id is reported, not guessed.
public struct ExportRowMapper: Sendable {
    public var time: AccountTime

    public init(time: AccountTime = .moscow) { self.time = time }

    public func student(_ t: ExportTable, _ row: [ExportTable.Cell]) -> Student? {
        guard let id = Int64(t.text(row, "id").trimmingCharacters(in: .whitespaces)) else { return nil }
        return Student(
            id: id, email: t.text(row, "Email"), firstName: t.text(row, "Имя"), lastName: t.text(row, "Фамилия"),
            phone: t.text(row, "Телефон"), createdAt: time.parse(t.text(row, "Создан")),
            lastActivityAt: time.parse(t.text(row, "Последняя активность")),
            city: t.text(row, "Город"), country: t.text(row, "Страна"),
            customFields: t.custom(row, known: ExportColumns.knownUser)
        )
    }

    public func membership(_ t: ExportTable, _ row: [ExportTable.Cell], groupId: Int64) -> GroupMembership? {
        guard let uid = Int64(t.text(row, "id").trimmingCharacters(in: .whitespaces)) else { return nil }
        let gid = Int64(t.text(row, "ID группы").trimmingCharacters(in: .whitespaces)) ?? groupId
        return GroupMembership(groupId: gid, userId: uid, addedAt: time.parse(t.text(row, "Добавлен в группу")))
    }

    public func deal(_ t: ExportTable, _ row: [ExportTable.Cell]) -> Deal? {
        guard let id = Int64(t.text(row, "ID заказа").trimmingCharacters(in: .whitespaces)) else { return nil }
        let currency = t.text(row, "Валюта")
        return Deal(
            id: id, number: t.text(row, "Номер"),
            userId: Int64(t.text(row, "ID пользователя").trimmingCharacters(in: .whitespaces)),
            createdAt: time.parse(t.text(row, "Дата создания")), paidAt: time.parse(t.text(row, "Дата оплаты")),
            title: t.text(row, "Title"), status: DealStatus(cell: t.text(row, "Статус")) ?? .new,
            costKopecks: Money.kopecks(t.text(row, costColumn(t))), paidKopecks: Money.kopecks(t.text(row, "Оплачено")),
            currency: currency.isEmpty ? "RUB" : currency,
            tags: t.list(row, "Теги"), offerTags: t.list(row, "Теги предложений"),
            customFields: t.custom(row, known: ExportColumns.knownDeal.union([costColumn(t)]))
        )
    }

    /// `Стоимость, RUB` follows the account currency: find whichever `Стоимость, XXX` is present.
    private func costColumn(_ t: ExportTable) -> String {
        t.fields.first(where: { $0.hasPrefix("Стоимость") }) ?? "Стоимость, RUB"
    }
}
