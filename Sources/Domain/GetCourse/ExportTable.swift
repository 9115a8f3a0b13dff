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

    /// Rows either given as cells, or kept as the JSON they arrived in and read one at a time.
    private enum Storage: Sendable {
        case cells([[Cell]])
        case json(Data, itemsOffset: Int?)
    }

    public let fields: [String]
    public let rowCount: Int
    private let storage: Storage
    private let index: [String: Int]

    public init(fields: [String], rows: [[Cell]]) {
        self.init(fields: fields, storage: .cells(rows), rowCount: rows.count)
    }

    private init(fields: [String], storage: Storage, rowCount: Int) {
        self.fields = fields
        self.storage = storage
        self.rowCount = rowCount
        var index: [String: Int] = [:]
        // A title that appears twice (utm_source in deals) resolves to its first occurrence.
        for (i, f) in fields.enumerated() where index[f] == nil { index[f] = i }
        self.index = index
    }

    public static func == (a: ExportTable, b: ExportTable) -> Bool { a.fields == b.fields && a.rows == b.rows }

    /// Calls `body` with each row in order; JSON-backed rows are parsed one at a time.
    public func forEachRow(_ body: ([Cell]) -> Void) {
        switch storage {
        case .cells(let rows):
            rows.forEach(body)
        case .json(let data, let offset):
            guard let offset else { return }
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                var c = JSONCursor(raw, at: offset)
                // `read(exportAnswer:)` validated these bytes, so the parse cannot fail here.
                try? c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in
                    guard c.peek() == UInt8(ascii: "[") else { try c.skip(); return body([]) }
                    var row: [Cell] = []
                    row.reserveCapacity(fields.count)
                    try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in
                        guard c.peek() == UInt8(ascii: "[") else { return row.append(.text(try c.text())) }
                        var list: [String] = []
                        try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in list.append(try c.text()) }
                        row.append(.list(list))
                    }
                    body(row)
                }
            }
        }
    }

    public func compactMapRows<T>(_ transform: ([Cell]) -> T?) -> [T] {
        var out: [T] = []
        out.reserveCapacity(rowCount)
        forEachRow { if let v = transform($0) { out.append(v) } }
        return out
    }

    /// All rows as cells (for small tables and tests).
    public var rows: [[Cell]] {
        var out: [[Cell]] = []
        forEachRow { out.append($0) }
        return out
    }

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

    /// Reads a legacy export answer without building it all in memory: the envelope, the column
    /// titles, and a row count (which also validates the JSON); rows are parsed when iterated.
    public static func read(exportAnswer data: Data) -> ExportAnswer {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> ExportAnswer in
            var c = JSONCursor(raw)
            var success: Bool?
            var code: Int?
            var message = ""
            var infoOffset: Int?
            do {
                try c.object { (c: inout JSONCursor, key: String) throws(JSONCursor.Failure) in
                    switch key {
                    case "success": success = LooseJSON.bool(try c.text())
                    case "error_code": code = Int(try c.text())
                    case "error_message": message = try c.text()
                    case "info":
                        if c.peek() == UInt8(ascii: "{") { infoOffset = c.i }
                        try c.skip()
                    default: try c.skip()
                    }
                }
                c.skipSpace()
                guard c.i == raw.count else { return .malformed("trailing data after JSON") }
                guard success == true else { return .failure(code: code, message: message) }
                guard let infoOffset else { return .malformed("no info object") }
                var fields: [String] = []
                var itemsOffset: Int?
                var count = 0
                var ic = JSONCursor(raw, at: infoOffset)
                try ic.object { (c: inout JSONCursor, key: String) throws(JSONCursor.Failure) in
                    switch key {
                    case "fields": try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in fields.append(try c.text()) }
                    case "items":
                        if c.peek() == UInt8(ascii: "[") {
                            itemsOffset = c.i
                            try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in try c.skip(); count += 1 }
                        } else {
                            try c.skip()
                        }
                    default: try c.skip()
                    }
                }
                return .table(ExportTable(fields: fields, storage: .json(data, itemsOffset: itemsOffset), rowCount: count))
            } catch let error as JSONCursor.Failure {
                return .malformed("\(error.reason) at byte \(error.offset)")
            } catch {
                return .malformed("\(error)")
            }
        }
    }
}

/// A legacy export answer: a ready table, an API error, or a body that is not valid JSON.
public enum ExportAnswer: Sendable {
    case table(ExportTable)
    case failure(code: Int?, message: String)
    case malformed(String)
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
