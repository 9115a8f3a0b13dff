/// A homework answer split into its items, as students type them into GetCourse: `1) went 2) have
/// seen 3) b`, `1. went; 2. have seen`, one per line, with numbers missing or none at all. When the
/// structure cannot be read with certainty it says so (`ambiguity`) instead of guessing.
public struct ParsedAnswer: Sendable, Equatable {
    /// Item number → what the student wrote for it. A number absent here was not answered.
    public var items: [Int: String]
    /// Why the split into items is uncertain, in Russian; nil when it is clear.
    public var ambiguity: String?

    public init(items: [Int: String], ambiguity: String? = nil) {
        self.items = items
        self.ambiguity = ambiguity
    }
}

public enum AnswerParser {
    /// Splits `text` for a homework of `itemCount` items; `lastIsEssay` lets an unnumbered essay run over several lines.
    public static func parse(_ text: String, itemCount: Int, lastIsEssay: Bool = false) -> ParsedAnswer {
        // Scalars, not Characters: faster, and "\r\n" is then a space and a line break.
        let chars = Array(text.unicodeScalars)
        let lines = splitLines(chars)
        guard itemCount > 0, !lines.isEmpty else { return ParsedAnswer(items: [:]) }
        let markers = acceptedMarkers(chars, itemCount: itemCount)
        if let problem = markers.problem { return ParsedAnswer(items: [:], ambiguity: problem) }

        // One answer per line, numbered or not, each number (where given) matching its line.
        if lines.count == itemCount, lines.enumerated().allSatisfy({ i, line in
            markers.list.allSatisfy { m in !(line.contains(m.start)) || (m.start == line.lowerBound && m.number == i + 1) }
        }) {
            var items: [Int: String] = [:]
            for (i, line) in lines.enumerated() {
                // A marker's end may run past a line that holds only the number ("1. " then a line break).
                let from = min(markers.list.first { $0.start == line.lowerBound }?.end ?? line.lowerBound, line.upperBound)
                if let t = clean(chars[from..<line.upperBound]) { items[i + 1] = t }
            }
            return ParsedAnswer(items: items)
        }

        guard let first = markers.list.first else {
            // No numbers: the items must be told apart by lines, or by semicolons on one line.
            if itemCount == 1 { return ParsedAnswer(items: clean(chars[...]).map { [1: $0] } ?? [:]) }
            if lines.count > itemCount && lastIsEssay {
                var items: [Int: String] = [:]
                for (i, line) in lines.prefix(itemCount - 1).enumerated() { items[i + 1] = clean(chars[line]) }
                items[itemCount] = lines.dropFirst(itemCount - 1).map { String(String.UnicodeScalarView(chars[$0])) }.joined(separator: "\n")
                return ParsedAnswer(items: items)
            }
            if lines.count == 1 {
                let parts = chars[lines[0]].split(separator: ";", omittingEmptySubsequences: false).compactMap { clean($0) }
                if parts.count == itemCount { return ParsedAnswer(items: Dictionary(uniqueKeysWithValues: parts.enumerated().map { ($0 + 1, $1) })) }
            }
            return ParsedAnswer(items: [:], ambiguity: "ответы без номеров: \(lines.count) \(lines.count == 1 ? "строка" : lines.count < 5 ? "строки" : "строк") на \(itemCount) заданий — не понять, какой ответ к какому заданию")
        }

        var items: [Int: String] = [:]
        let before = clean(chars[0..<first.start])
        if let before {
            // The student left out only the first number.
            guard first.number == 2 else {
                return ParsedAnswer(items: [:], ambiguity: "текст перед ответом \(first.number) не относится ни к одному номеру")
            }
            items[1] = before
        }
        for (i, m) in markers.list.enumerated() {
            let end = i + 1 < markers.list.count ? markers.list[i + 1].start : chars.count
            guard let body = clean(chars[m.end..<end]) else { continue }
            let isEssay = lastIsEssay && m.number == itemCount
            if !isEssay && body.contains("\n") {
                return ParsedAnswer(items: [:], ambiguity: "в ответе \(m.number) несколько строк — возможно, там ответы без номеров")
            }
            items[m.number] = body
        }
        return ParsedAnswer(items: items)
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || (!c.isASCII && c.properties.isWhitespace) }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// The non-blank lines, as ranges of `chars` without their surrounding spaces.
    static func splitLines(_ chars: [Unicode.Scalar]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for i in 0...chars.count where i == chars.count || chars[i] == "\n" {
            var a = start, b = i
            while a < b && isSpace(chars[a]) { a += 1 }
            while b > a && isSpace(chars[b - 1]) { b -= 1 }
            if a < b { lines.append(a..<b) }
            start = i + 1
        }
        return lines
    }

    struct Marker {
        var number: Int
        var start: Int
        /// Where the item's text begins.
        var end: Int
        /// At the start of a line or after a semicolon: certainly meant as a number.
        var strong: Bool
    }

    /// Item numbers in order: `3)`, `3.`, `3:`, `(3)`, `№3`, `3 -`. A number that goes backwards or past
    /// the last item is text ("at 8."), unless it starts a line: then the numbering itself is unclear.
    static func acceptedMarkers(_ chars: [Unicode.Scalar], itemCount: Int) -> (list: [Marker], problem: String?) {
        var list: [Marker] = []
        var i = 0
        while i < chars.count {
            defer { i += 1 }
            var j = i
            var k = i - 1
            while k >= 0 && (chars[k] == " " || chars[k] == "\t") { k -= 1 }
            let strong = k < 0 || chars[k] == "\n" || chars[k] == ";"
            guard i == 0 || isSpace(chars[i - 1]) || chars[i - 1] == "\n" || chars[i - 1] == ";" || chars[i - 1] == "," else { continue }
            let opened = chars[j] == "(" || chars[j] == "№" || chars[j] == "#"
            if opened { j += 1 }
            var n = 0, digits = 0
            while j < chars.count, digits < 3, isDigit(chars[j]) { n = n * 10 + Int(chars[j].value - 48); j += 1; digits += 1 }
            guard digits > 0, digits < 3 else { continue }
            var closed = false
            if j < chars.count, ")].:".unicodeScalars.contains(chars[j]) {
                j += 1
                closed = true
            } else if j + 1 < chars.count, chars[j] == " ", "-–—".unicodeScalars.contains(chars[j + 1]) {
                j += 2
                closed = true
            } else if opened, chars[i] != "(" {
                closed = true  // №3 went
            }
            // "7.0", "3.5 million": a number, not an item.
            guard closed, j >= chars.count || !isDigit(chars[j]) else { continue }
            let last = list.last?.number ?? 0
            if n > last && n <= itemCount {
                while j < chars.count && (chars[j] == " " || chars[j] == "\t") { j += 1 }
                list.append(Marker(number: n, start: i, end: j, strong: strong))
                i = j - 1
            } else if strong && (n == 0 || n > itemCount) {
                return ([], "номер \(n), а заданий \(itemCount)")
            } else if strong && n <= last {
                return ([], "номер \(n) встречается не по порядку — не понять, к какому заданию ответ")
            }
        }
        return (list, nil)
    }

    /// The item text without surrounding spaces and list separators; nil when nothing is left.
    static func clean(_ s: ArraySlice<Unicode.Scalar>) -> String? {
        var t = s
        func junk(_ c: Unicode.Scalar) -> Bool { isSpace(c) || c == "\n" || c == ";" || c == "," || c == "-" || c == "–" || c == "—" }
        while let c = t.first, junk(c) { t = t.dropFirst() }
        while let c = t.last, junk(c) { t = t.dropLast() }
        return t.isEmpty ? nil : String(String.UnicodeScalarView(t))
    }
}
