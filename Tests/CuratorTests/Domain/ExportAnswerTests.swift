import Domain
import Foundation
import Testing

struct ExportAnswerTests {
    private func table(_ json: String) throws -> ExportTable {
        guard case .table(let t) = ExportTable.read(exportAnswer: Data(json.utf8)) else {
            Issue.record("not a table: \(json)")
            throw CancellationError()
        }
        return t
    }

    @Test func invalidUTF8InACellBecomesReplacementCharacters() throws {
        var body = Data(#"{"success": true, "info": {"fields": ["id", "Имя"], "items": [["1", "Ан"#.utf8)
        body += Data([0xFF, 0xFE, 0xC0, 0xAF])
        body += Data(#"на"]]}}"#.utf8)
        guard case .table(let t) = ExportTable.read(exportAnswer: body) else { Issue.record("not a table"); return }
        let name = t.text(t.rows[0], "Имя")
        #expect(name.hasPrefix("Ан") && name.hasSuffix("на") && name.contains("\u{FFFD}"), "\(name)")
    }

    // Found by the ExportAnswer fuzz target: a repeated key had its rows counted twice.
    @Test func aRepeatedKeyCountsOnlyTheLastOne() throws {
        let t = try table(#"{"success": true, "info": {"fields": ["x"], "items": ["a", "b"], "fields": ["id"], "items": [["7"]]}}"#)
        #expect(t.fields == ["id"])
        #expect(t.rowCount == 1)
        #expect(t.rows.map { t.text($0, "id") } == ["7"])
    }

    @Test func readsRowsByTitleWithEscapesAndArrays() throws {
        let json = #"""
        {"success": "true", "info": {"items": [["1", "Ал\u0451на \"Ёж\"", ["a","b\n"], 12.5, null, true],
                                               ["2", "😀 \ud83d\ude00", [], "", "x", false]],
                                     "fields": ["id", "Имя", "Теги", "n", "z", "flag"]}}
        """#
        let t = try table(json)
        #expect(t.fields == ["id", "Имя", "Теги", "n", "z", "flag"])
        #expect(t.rowCount == 2)
        let rows = t.rows
        #expect(t.text(rows[0], "Имя") == "Алёна \"Ёж\"")
        #expect(t.list(rows[0], "Теги") == ["a", "b\n"])
        #expect(t.text(rows[0], "n") == "12.5")
        #expect(t.text(rows[0], "z") == "")
        #expect(t.text(rows[0], "flag") == "true")
        #expect(t.text(rows[1], "Имя") == "😀 😀")
        #expect(t.list(rows[1], "Теги") == [])
    }

    /// Cells are decoded only when read, but validated up front: a broken escape in a column the
    /// sync never reads still makes the whole answer malformed, not half a table.
    @Test func aBrokenCellNobodyReadsStillRefusesTheAnswer() {
        let body = #"{"success": true, "info": {"fields": ["id", "unused"], "items": [["1", "ok"], ["2", "bad \uZZ12"]]}}"#
        guard case .malformed(let why) = ExportTable.read(exportAnswer: Data(body.utf8)) else { Issue.record("accepted"); return }
        #expect(why.contains("escape"), "\(why)")
    }

    @Test func cellsReadLazilyMatchTheirWholeRow() throws {
        let t = try table(#"{"success": true, "info": {"fields": ["id", "obj", "Имя", "Теги"], "items": [["5", {"a": ["x", {"b": "\""}]}, " Юля ", ["т1", 2]], "junk", ["6"]]}}"#)
        #expect(t.rowCount == 3)
        let rows = Array(t.rowSequence)
        #expect(rows.map(\.count) == [4, 0, 1])
        #expect(rows[0][2] == .text(" Юля "))
        #expect(rows[0][1] == .text(""))  // a nested object is not a cell value
        #expect(rows[0][3] == .list(["т1", "2"]))
        #expect(rows[0].cells == t.rows[0])
        #expect(t.text(t.rows[2], "Имя") == "")
    }

    @Test func aTechRecordReadsItsFieldsByNameAndTheLastOfARepeatedKey() {
        let body = #"{"status": true, "data": [{"id": 7, "status": "new", "status": "accepted", "nested": {"x": 1}}, {"id": "8"}]}"#
        guard case .records(let records) = TechAnswer.read(Data(body.utf8)) else { Issue.record("not records"); return }
        #expect(records.count == 2)
        #expect(records[0]["id"] == "7")
        #expect(records[0]["status"] == "accepted")
        #expect(records[0]["nested"] == "")
        #expect(records[0]["missing"] == nil)
        #expect(records[1] == ["id": "8"])
    }

    @Test func anEmptyExportIsAnEmptyTable() throws {
        let t = try table(#"{"success": 1, "info": {"fields": ["id"], "items": []}}"#)
        #expect(t.rowCount == 0 && t.rows.isEmpty)
    }

    @Test func errorsAreReportedWithTheirCode() {
        guard case .failure(let code, let message) = ExportTable.read(exportAnswer: Data(#"{"success":false,"error":true,"error_code":909,"error_message":"Файл еще не создан"}"#.utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(code == 909)
        #expect(message == "Файл еще не создан")
    }

    @Test(arguments: [
        #"{"success": true, "info": {"fields": ["id"], "items": [["1"], ["2""#,   // truncated body
        #"<html><body>502 Bad Gateway</body></html>"#,
        #"{"success": true, "info": {"fields": ["id"], "items": [["1"]]}} trailing"#,
        #"{"success": true, "info": {"fields": ["id"], "items": [["\u12"]]}}"#,
        "",
    ])
    func brokenBodiesAreMalformed(_ body: String) {
        guard case .malformed = ExportTable.read(exportAnswer: Data(body.utf8)) else {
            Issue.record("accepted: \(body)"); return
        }
    }

    @Test func mapsTheSameRowsAsADOMWould() throws {
        // The mock's own payload shape, read back through the streaming reader.
        let fields = ExportColumns.users(custom: ["Telegram"])
        var items: [[Any]] = []
        for i in 0..<500 {
            items.append(fields.map { f -> Any in f == "id" ? String(i + 1) : f == "Имя" ? "Имя \(i) «ё»" : f == "Telegram" ? "@u\(i)" : "" })
        }
        let data = try JSONSerialization.data(withJSONObject: ["success": true, "info": ["fields": fields, "items": items]])
        guard case .table(let t) = ExportTable.read(exportAnswer: data) else { Issue.record("not a table"); return }
        let students = Array(ExportRowMapper().students(t))
        #expect(students.count == 500)
        #expect(students[499].firstName == "Имя 499 «ё»")
        #expect(students[7].customFields == ["Telegram": "@u7"])
    }
}
