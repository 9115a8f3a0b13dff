import Domain
import Foundation
import Testing

struct LooseParsingTests {
    @Test(arguments: [
        ("4990", Int64(499_000)), ("4 990", 499_000), ("12 000,00", 1_200_000), ("1 000 руб.", 100_000),
        ("12\u{00A0}000,50", 1_200_050), ("4990.5", 499_050), ("-300", -30_000), ("₽ 1 500", 150_000), ("0", 0),
        ("12\u{202F}345,67 RUB", 1_234_567),
    ])
    func moneyInEverySpelling(_ cell: String, _ kopecks: Int64) {
        #expect(Money.kopecks(cell) == kopecks)
    }

    // The 20-digit amount was found by the ExportAnswer fuzz target: it overflowed instead of being refused.
    @Test(arguments: ["", "бесплатно", "1,2,3", "--", "12 97777777777777777777,50", "100 000 000 000 руб."])
    func moneyThatIsNotANumber(_ cell: String) {
        #expect(Money.kopecks(cell) == nil)
    }

    @Test func moneyFormatsWithGroups() {
        #expect(Money.format(kopecks: 2_300_000) == "23 000")
        #expect(Money.format(kopecks: 1_234_567) == "12 345,67")
    }

    @Test func successArrivesInThreeSpellings() throws {
        for json in [#"{"success": true}"#, #"{"success": "true"}"#, #"{"success": 1}"#] {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(LooseJSON.bool(o["success"]) == true, "\(json)")
        }
        for json in [#"{"success": false}"#, #"{"success": "false"}"#, #"{"success": 0}"#] {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(LooseJSON.bool(o["success"]) == false, "\(json)")
        }
    }

    @Test func idsAsNumbersOrStrings() throws {
        let o = try #require(try JSONSerialization.jsonObject(with: Data(#"{"a": 12345678, "b": "12345678", "c": 1.5}"#.utf8)) as? [String: Any])
        #expect(LooseJSON.int64(o["a"]) == 12_345_678)
        #expect(LooseJSON.int64(o["b"]) == 12_345_678)
        #expect(LooseJSON.int64(o["c"]) == nil)
    }

    @Test func dealStatusByCodeOrLabel() {
        for s in DealStatus.allCases {
            #expect(DealStatus(cell: s.rawValue) == s)
            #expect(DealStatus(cell: s.label) == s)
            #expect(DealStatus(cell: s.label.uppercased()) == s)
        }
        #expect(DealStatus(cell: "Оплачен наверное") == nil)
    }

    @Test func lessonViewGroupsAreRecognised() {
        #expect(SchoolNames.lessonView("Урок 05 просмотрен")?.number == 5)
        #expect(SchoolNames.lessonView("General English B1 · Урок 12 просмотрен").map { [String($0.number), $0.prefix] } == ["12", "general english b1"])
        #expect(SchoolNames.lessonView("IELTS - урок №3 просмотрен")?.number == 3)
        #expect(SchoolNames.lessonView("Lesson 7 viewed")?.number == 7)
        #expect(SchoolNames.lessonView("General English B1 | Поток 3") == nil)
        #expect(SchoolNames.lessonView("Урок 5. Travel") == nil)
        #expect(LessonViewGroupName.make(trainingTitle: "IELTS Preparation", lesson: 7) == "IELTS Preparation · Урок 07 просмотрен")
    }

    @Test func foldingIgnoresCaseAndYoButKeepsShortI() {
        #expect(TextFold.key("ЁЛКИНА Алёна") == "елкина алена")
        #expect(TextFold.key("Йошкар-Ола") != TextFold.key("Иошкар-Ола"))
        // A decomposed ё (е + U+0308) folds the same as the composed one.
        #expect(TextFold.key("Фе\u{0308}дор") == TextFold.key("Фёдор"))
    }

    @Test func terminalTextNeutralisesControls() {
        let hostile = "\u{1B}[31mМаксим\u{1B}[0m \u{202E}abc\u{202C} \u{1B}]52;c;ZXZpbA==\u{07} x\u{7F}\u{9B}"
        let safe = TerminalText.sanitize(hostile)
        for s in safe.unicodeScalars {
            #expect(!(s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)), "U+\(String(s.value, radix: 16))")
        }
        #expect(safe.contains("Максим"))
        #expect(safe.contains("␛"))
    }
}
