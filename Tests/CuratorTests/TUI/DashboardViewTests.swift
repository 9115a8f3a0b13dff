import CuratorTUI
import Domain
import Foundation
import Storage
import Testing

/// The whole screen as text at several sizes, with names that try to break it.
@Suite struct DashboardViewTests {
    static let hostile = [
        StudentSummary(id: 1, name: "Иванов Ёжик", groups: ["General English A2"], risk: 0.8, level: .high, openAlerts: 2, lessonsDone: 3, lessonsTotal: 12),
        StudentSummary(id: 2, name: "中文 名字", groups: ["IELTS"], risk: 0.5, level: .high),
        StudentSummary(id: 3, name: "Эмодзи 👍🏽 ❤️ 👨‍👩‍👧", risk: 0.3, level: .medium),
        StudentSummary(id: 4, name: String(repeating: "Длинноеимя", count: 20), risk: 0.2, level: .medium),
        StudentSummary(id: 5, name: "\u{1B}]52;c;cm0gLXJmIH4=\u{07}Злоумышленник\u{1B}[2J\u{202E}txet", risk: 0.1, level: .low),
    ]

    static func screen(_ w: Int, _ h: Int, _ edit: (inout AppState) -> Void = { _ in }) -> Frame {
        var s = AppState()
        _ = Dashboard.update(&s, .resize(TermSize(width: w, height: h)))
        _ = Dashboard.update(&s, .studentsLoaded(hostile))
        edit(&s)
        return Dashboard.view(s)
    }

    /// Every row of the grid is exactly the terminal's width, counting wide glyphs as two.
    private func aligned(_ g: Grid) -> Bool {
        g.text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { Grid.width(of: String($0)) == g.width }
    }

    @Test func tooSmallSaysSo() {
        let text = Self.screen(40, 12).grid.text
        #expect(text.contains("Терминал слишком мал: 40×12"))
        #expect(text.contains("60×16"))
    }

    @Test(arguments: [(80, 24), (160, 48)]) func layoutHoldsWithHostileNames(_ size: (Int, Int)) {
        let frame = Self.screen(size.0, size.1)
        let g = frame.grid
        #expect(aligned(g))
        let text = g.text
        #expect(text.contains("Иванов Ёжик"))
        #expect(text.contains("中文 名字"))
        #expect(text.contains("Эмодзи 👍"))
        // The escape payload is inert: no ESC or BEL cell, the controls shown as symbols.
        #expect(!g.cells.contains { ($0.glyph ?? "").unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) } })
        #expect(text.contains("␛]52;c;"))
        #expect(!text.contains("\u{202E}"))
        // The 200-character name is clipped with an ellipsis inside its column.
        let long = text.split(separator: "\n").first { $0.contains("Длинноеимя") }
        #expect(long?.contains("…") == true)
        #expect(text.contains("▲") && text.contains("●") && text.contains("○"))
        #expect(text.split(separator: "\n").last!.contains("?"))
    }

    @Test func theFilterShowsItsCursorAtTheDisplayColumn() {
        let frame = Self.screen(120, 40) { s in
            _ = Dashboard.update(&s, .key(.char("/")))
            for c in "中文" { _ = Dashboard.update(&s, .key(.char(c))) }
        }
        let cursor = try! #require(frame.cursor)
        let row = frame.grid.text.split(separator: "\n", omittingEmptySubsequences: false)[cursor.y]
        #expect(row.contains("/ 中文"))
        // "/ " starts at column 3 of the pane; two wide glyphs later the cursor is 4 columns on.
        let start = Grid.width(of: String(row[..<row.range(of: "中文")!.lowerBound]))
        #expect(cursor.x == start + 4)
        #expect(frame.grid.text.contains("1 из 5"))
    }

    /// A checker's note longer than the pane wraps under its text, each line whole (no «…»).
    @Test func aLongCheckerNoteWrapsWholeInTheOpenAnswer() {
        let note = "слова не в том порядке; нужно: «She can't have forgotten about it.». Правило: must/might/can't have + V3 о прошлом"
        let check = HomeworkCheck(items: [ItemCheck(number: 3, kind: .wordOrder, verdict: .wrong, given: "can't She have forgotten about it.",
                                                    expected: "She can't have forgotten about it.", note: note)])
        let item = HomeworkQueueItem(answerId: 7, studentId: 1, studentName: "Иванов Ёжик", lessonId: 1, lessonName: "Урок 3",
                                     answerText: "3) can't She have forgotten about it.", checkedAt: Date(), check: check, outcome: .review, comment: "")
        let frame = Self.screen(80, 30) { s in
            _ = Dashboard.update(&s, .key(.char("h")))
            _ = Dashboard.update(&s, .homeworkLoaded([item]))
            _ = Dashboard.update(&s, .key(.enter))
        }
        let lines = frame.grid.text.split(separator: "\n").map(String.init)
        let start = lines.firstIndex { $0.contains("3. ✗") }
        #expect(start != nil, "\(frame.grid.text)")
        let noteLines = lines[(start ?? 0)...].prefix { !$0.contains("На проверке") && !$0.contains("Комментарий") }
        #expect(noteLines.count >= 3 && noteLines.allSatisfy { !$0.contains("…") }, "\(frame.grid.text)")
        #expect(noteLines.joined().contains("о прошлом"), "\(frame.grid.text)")
    }

    @Test func helpIsGeneratedFromTheKeymap() {
        let text = Self.screen(120, 40) { s in _ = Dashboard.update(&s, .key(.f(1))) }.grid.text
        for command in Command.allCases { #expect(text.contains(command.help), "\(command)") }
    }

    @Test func theProgressPaneShowsTheLessonTimelineAndWeeklyActivity() {
        let lessons: [StudentProgress.Lesson] = [
            .init(number: 1, state: .accepted, hasHomework: true), .init(number: 2, state: .submitted, hasHomework: true),
            .init(number: 3, state: .missed, hasHomework: true), .init(number: 4, state: .viewed, hasHomework: false),
            .init(number: 5, state: .open, hasHomework: true), .init(number: 6, state: .notOpen, hasHomework: true),
        ]
        let progress = StudentProgress(lessons: lessons, weeklyActiveDays: [0, 0, 1, 3, 7, 5, 2, 0])
        let frame = Self.screen(160, 48) { s in
            _ = Dashboard.update(&s, .detailLoaded(StudentDetail(summary: Self.hostile[0]), progress: progress, alerts: []))
        }
        #expect(aligned(frame.grid))
        let text = frame.grid.text
        #expect(text.contains("Уроки 3/6: ✓◆✗○·─"), "\(text)")
        #expect(text.contains("Активность, 8 нед.: ▁▁▂▄█▆▃▁  на этой неделе 0 дней"), "\(text)")
        // The list's progress column, from the latest risk pass.
        #expect(text.split(separator: "\n").first { $0.contains("▲ Иванов Ёжик") }?.contains("3/12") == true, "\(text)")
    }
}

/// The fast paths of the hot text functions give what the general ones give.
@Suite struct TextFastPathTests {
    @Test func everyPlainNarrowScalarIsOneColumnAndUntouchedBySanitising() {
        for range in Grid.plainNarrow {
            for v in range {
                let s = String(Unicode.Scalar(v)!)
                #expect(DisplayWidth.of(s) == 1 && TerminalWidth.of(Unicode.Scalar(v)!) == 1 && TerminalText.sanitize(s) == s, "U+\(String(v, radix: 16))")
            }
        }
        var g = Grid(width: 12, height: 1)
        #expect(g.put("Ёжик — ok…", x: 0, y: 0) == 10)
        #expect(g.text.hasPrefix("Ёжик — ok…"))
    }

    /// The grid measures as ncurses does (the C library's wcwidth), whatever the process's locale was.
    @Test func widthsAreTheCLibrarys() {
        #expect(TerminalWidth.of("中") == 2 && TerminalWidth.of("👍") == 2 && TerminalWidth.of("Ё") == 1 && TerminalWidth.of("\u{200B}") == 0)
        #expect(Grid.width(of: "Ёжик 中文 👍🏽") == 4 + 1 + 4 + 1 + 2)
        // Decomposed text is drawn composed: Е + U+0308 is one cell holding Ё.
        var g = Grid(width: 6, height: 1)
        #expect(g.put("Е\u{0308}жик", x: 0, y: 0) == 4 && g[0, 0].glyph.map { Array($0.unicodeScalars) } == ["Ё"])  // scalars: String == is canonical
        // Control characters are measured as the symbols they are drawn as.
        #expect(Grid.width(of: "\u{1B}[2J") == 4)
    }

    @Test func foldingAsciiAndCyrillicMatchesLowercasing() {
        let all = (0x20...0x7E).map { String(Unicode.Scalar($0)!) } + (0x400...0x45F).map { String(Unicode.Scalar($0)!) }
        for s in all { #expect(TextFold.key(s) == s.lowercased().replacingOccurrences(of: "ё", with: "е"), "\(s)") }
        #expect(TextFold.key("ЁЛКИНА Anna-Мария ёж") == "елкина anna-мария еж")
        #expect(TextFold.key("Zoë Ёлкина") == "zoë елкина")  // ë: the general path
    }
}
