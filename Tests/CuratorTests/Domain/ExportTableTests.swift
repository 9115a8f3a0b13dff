import Domain
import Foundation
import Testing

struct ExportTableTests {
    /// Rows are read by column title: a custom column spliced in and a shuffled tail change nothing.
    @Test func usersAreReadByNameWhateverTheOrder() {
        let fields = ExportColumns.users(custom: ["Telegram"]).reversed().map { $0 }
        var row = [ExportTable.Cell](repeating: .text(""), count: fields.count)
        func set(_ title: String, _ v: String) { row[fields.firstIndex(of: title)!] = .text(v) }
        set("id", "2000001"); set("Email", "a@b.ru"); set("Имя", "Алёна"); set("Фамилия", "Ёлкина")
        set("Создан", "2026-09-01 10:00:00"); set("Последняя активность", "2026-11-20 21:15:00"); set("Telegram", "@alena")
        let t = ExportTable(fields: fields, rows: [row])
        let s = Array(ExportRowMapper().students(t)).first
        #expect(s?.id == 2_000_001)
        #expect(s?.fullName == "Алёна Ёлкина")
        #expect(s?.customFields == ["Telegram": "@alena"])
        #expect(s.flatMap(\.lastActivityAt).map(AccountTime.moscow.format) == "2026-11-20 21:15:00")
    }

    @Test func dealsKeepTheCommaTitleTagsAndCustomColumns() {
        let fields = ExportColumns.deals(custom: ["Источник заявки"])
        var row = [ExportTable.Cell](repeating: .text(""), count: fields.count)
        func set(_ title: String, _ v: ExportTable.Cell) { row[fields.firstIndex(of: title)!] = v }
        set("ID заказа", .text("30000001")); set("ID пользователя", .text("2000001")); set("Статус", .text("Завершен"))
        set("Стоимость, RUB", .text("6\u{00A0}400,00")); set("Оплачено", .text("6 400 руб.")); set("Теги", .list(["оплата", "ge-month"]))
        set("Теги предложений", .text(#"["автопродление"]"#)); set("Источник заявки", .text("сайт"))
        let t = ExportTable(fields: fields, rows: [row])
        let d = Array(ExportRowMapper().deals(t)).first
        #expect(d?.status == .payed)
        #expect(d?.costKopecks == 640_000)
        #expect(d?.paidKopecks == 640_000)
        #expect(d?.tags == ["оплата", "ge-month"])
        #expect(d?.offerTags == ["автопродление"])
        #expect(d?.customFields == ["Источник заявки": "сайт"])
    }

    @Test func aRowWithoutAnIdIsSkipped() {
        let t = ExportTable(fields: ["id", "Email"], rows: [[.text(""), .text("x@y.z")]])
        #expect(Array(ExportRowMapper().students(t)).isEmpty)
    }
}
