import Domain
import Testing

struct TextWrapTests {
    @Test func wordsWrapAtTheWidthAndLineBreaksStay() {
        #expect(TextWrap.lines("Не могу найти урок\nпять", width: 10) == ["Не могу", "найти урок", "пять"])
    }

    @Test func aWordWiderThanTheLineIsCutAtTheWidth() {
        let lines = TextWrap.lines("ссылка " + String(repeating: "ё", count: 25), width: 10)
        #expect(lines == ["ссылка", String(repeating: "ё", count: 10), String(repeating: "ё", count: 10), String(repeating: "ё", count: 5)])
        #expect(TextWrap.lines("👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧", width: 4) == ["👩‍👩‍👧👩‍👩‍👧", "👩‍👩‍👧"])
    }

    // Found by the TerminalText fuzz target: a zero-width character before a wide one made a line one column too wide.
    @Test func aZeroWidthCharacterDoesNotHideTheLineStart() {
        for line in TextWrap.lines("\u{200B}👩 a\u{200B} 中", width: 1) { #expect(DisplayWidth.of(line) <= 1 || line.count == 1, "\(line)") }
    }
}
