import CuratorTUI
import Domain
import Foundation
import Storage
import Testing

/// `update` through messages, as the loop feeds it.
@Suite struct DashboardUpdateTests {
    static let students = [
        StudentSummary(id: 1, name: "Иванов Ёжик", email: "ezhik@mail.ru", phone: "+79001112233", groups: ["General English A2"], risk: 0.8, level: .high),
        StudentSummary(id: 2, name: "Анна Ёлкина", email: "anna@x.ru", groups: ["IELTS"], risk: 0.2, level: .medium),
        StudentSummary(id: 3, name: "Пётр Иванов", groups: ["Speaking Club"], risk: 0.2, level: .medium),
        StudentSummary(id: 4, name: "Ушедший Ученик", risk: 0.99, level: .high, hasLeft: true),
        StudentSummary(id: 5, name: "Zoe Smith", email: "zoe@x.com", risk: 0.05, level: .low),
    ]

    static func loaded() -> AppState {
        var s = AppState()
        s.size = TermSize(width: 120, height: 40)
        _ = Dashboard.update(&s, .studentsLoaded(students))
        return s
    }

    private func keys(_ s: inout AppState, _ keys: [Key]) -> [Effect] { keys.flatMap { Dashboard.update(&s, .key($0)) } }
    private func type(_ s: inout AppState, _ text: String) -> [Effect] { keys(&s, text.map { .char($0) }) }

    @Test func sortsByRiskWithTiesByIdAndTheDepartedLast() {
        let s = Self.loaded()
        #expect(s.list.visible.map(\.id) == [1, 2, 3, 5, 4])
        #expect(s.list.selectedId == 1)
    }

    @Test func theFilterIsCaseAndYoInsensitiveOverNameEmailPhoneAndGroup() {
        var s = Self.loaded()
        _ = keys(&s, [.char("/")])
        #expect(s.mode == .filtering)
        _ = type(&s, "ива")
        #expect(s.list.visible.map(\.id) == [1, 3])
        _ = keys(&s, [.backspace, .backspace, .backspace])
        _ = type(&s, "елк")  // е finds ё
        #expect(s.list.visible.map(\.id) == [2])
        s.list.filter.clear()
        _ = type(&s, "ielts")
        #expect(s.list.visible.map(\.id) == [2])
        s.list.filter.clear()
        _ = type(&s, "1112233")
        #expect(s.list.visible.map(\.id) == [1])
        _ = keys(&s, [.escape])
        #expect(s.mode != .filtering && s.list.filter.text.isEmpty && s.list.visible.count == 5)
    }

    @Test func theSelectionStaysOnItsStudentAcrossALiveRefresh() {
        var s = Self.loaded()
        let effects = keys(&s, [.down, .down])
        #expect(s.list.selectedId == 3)
        #expect(effects == [.loadDetail(2), .loadDetail(3)])
        // A sync pass: new risks reorder the list; Пётр is still selected, wherever he now is.
        var refreshed = Self.students
        refreshed[2].risk = 0.9
        _ = Dashboard.update(&s, .studentsLoaded(refreshed))
        #expect(s.list.selectedId == 3)
        #expect(s.list.selectedIndex == 0)
    }

    @Test func sortAndLevelKeysAndTheRussianLayout() {
        var s = Self.loaded()
        _ = keys(&s, [.char("ы")])  // ы is s on a Russian keyboard
        #expect(s.list.sort == .name)
        // Folded names in code-point order: Latin before Cyrillic.
        #expect(s.list.visible.first?.name == "Zoe Smith")
        _ = keys(&s, [.char("S")])
        #expect(s.list.reversed)
        _ = keys(&s, [.char("l")])
        #expect(s.list.levelFilter == .high && s.list.visible.map(\.id) == [1, 4])
        _ = keys(&s, [.char("о")])  // о is j
        _ = keys(&s, [.char(",")])  // , is ? on a Russian keyboard
        #expect(s.mode.showsHelp)
        _ = keys(&s, [.escape])
        _ = keys(&s, [.char("й")])  // й is q
        #expect(s.quit)
    }

    @Test func staleResultsAreDropped() {
        var s = Self.loaded()
        _ = keys(&s, [.down])
        _ = Dashboard.update(&s, .detailLoaded(StudentDetail(summary: Self.students[0]), progress: nil, alerts: []))
        #expect(s.detail.student == nil, "a detail for a student no longer selected")
        _ = keys(&s, [.char("c")])
        #expect(s.focus == .chat)
        _ = type(&s, "как оплатить?")
        #expect(keys(&s, [.enter]) == [.ask(tag: 1, question: "как оплатить?")])
        _ = Dashboard.update(&s, .chatText(tag: 0, "старый ответ"))
        _ = Dashboard.update(&s, .chatText(tag: 1, "Картой"))
        _ = Dashboard.update(&s, .chatText(tag: 1, " или СБП."))
        #expect(s.chat.entries.last?.text == "Картой или СБП.")
        #expect(keys(&s, [.escape]) == [.cancelAsk(tag: 1)])
        _ = Dashboard.update(&s, .chatDone(tag: 1, ChatAnswer(text: "поздно", label: "ответ", sources: [], note: nil, keepsStreamedText: false)))
        #expect(s.chat.entries.last?.text == "Картой или СБП." && s.chat.entries.last?.label == "отменено")
    }

    @Test func aMultiLinePasteIsOneMessageAndChatKeysAreText() {
        var s = Self.loaded()
        _ = keys(&s, [.tab, .tab, .tab])
        #expect(s.focus == .chat)
        _ = Dashboard.update(&s, .paste("первая строка\r\nвторая строка"))
        _ = type(&s, " q") // q is text here, not quit
        #expect(!s.quit)
        #expect(keys(&s, [.enter]) == [.ask(tag: 1, question: "первая строка\nвторая строка q")])
        #expect(keys(&s, [.ctrl("c")]).isEmpty && s.quit)
    }

    @Test func aFloodOfAlertsIsOneToastAFewAreNamed() {
        var s = Self.loaded()
        let one = AlertNotice(alertId: 1, studentId: 2, rule: .inactive5, severity: .warning, detail: "не заходит 5 дней")
        _ = Dashboard.update(&s, .alertsRaised([one]))
        #expect(s.toasts.last?.text == "Анна Ёлкина: не заходит 5 дней")
        let many = (1...40).map { AlertNotice(alertId: Int64($0), studentId: 1, rule: .riskHigh, severity: .high, detail: "риск") }
        _ = Dashboard.update(&s, .alertsRaised(many))
        #expect(s.toasts.last?.text.hasPrefix("Новых алертов: 40, важных: 40") == true)
        #expect(s.focus == .students, "alerts never take the focus")
        _ = Dashboard.update(&s, .tick(s.now.addingTimeInterval(Dashboard.toastSeconds + 1)))
        #expect(s.toasts.isEmpty)
    }

    @Test func aHandOffOpensInTheChatWithTheSuggestedReplyToSendOrEdit() {
        var s = Self.loaded()
        let now = Date()
        let alert = Alert(id: 9, studentId: 2, rule: .handoff, value: 1, openedAt: now, changedAt: now, notifiedAt: now)
        _ = Dashboard.update(&s, .alertsLoaded([AlertLine(alert: alert, studentName: "Анна Ёлкина")], counts: StatusCounts()))
        _ = keys(&s, [.char("a")])
        #expect(s.focus == .alerts)
        #expect(keys(&s, [.enter]) == [.loadDetail(2), .loadHandoff(studentId: 2)])
        #expect(s.focus == .chat && s.list.selectedId == 2)

        // Two waiting messages of one dialog (newest first) and an older one of another dialog.
        let lines = [
            StudentQuestionLine(messageId: 31, dialogId: 7, studentId: 2, studentName: "Анна Ёлкина", text: "и деньги верните", action: .handoff,
                                reason: "refund", suggested: "Анна, передаю вопрос о возврате…"),
            StudentQuestionLine(messageId: 30, dialogId: 7, studentId: 2, studentName: "Анна Ёлкина", text: "Урок не открылся", action: .handoff, reason: "refund"),
            StudentQuestionLine(messageId: 12, dialogId: 3, studentId: 2, studentName: "Анна Ёлкина", text: "старое", action: .clarify),
        ]
        #expect(Dashboard.update(&s, .handoffLoaded(studentId: 2, lines)).isEmpty)
        #expect(s.chat.entries.contains { $0.role == .student && $0.text == "Анна Ёлкина: Урок не открылся\nи деньги верните" })
        #expect(s.chat.entries.last?.text.contains("возврат денег") == true)
        #expect(s.chat.input.text == "Анна, передаю вопрос о возврате…")
        #expect(s.chat.replying?.messageId == 31)

        // The curator edits the suggestion; Enter queues it (once, even if pressed twice).
        _ = type(&s, " Деньги вернём за 5 дней.")
        let reply = "Анна, передаю вопрос о возврате… Деньги вернём за 5 дней."
        #expect(keys(&s, [.enter]) == [.sendReply(messageId: 31, text: reply)])
        #expect(keys(&s, [.enter]).isEmpty)
        // An answer for another draft is stale; a failure keeps the draft to try again.
        #expect(Dashboard.update(&s, .replyQueued(messageId: 5, problem: nil)).isEmpty)
        _ = Dashboard.update(&s, .replyQueued(messageId: 31, problem: "на вопрос уже ответили"))
        #expect(s.chat.entries.last?.text == "Ответ не поставлен в очередь: на вопрос уже ответили")
        #expect(s.chat.replying?.sending == nil && s.chat.input.text == reply)
        #expect(keys(&s, [.enter]) == [.sendReply(messageId: 31, text: reply)])
        #expect(Dashboard.update(&s, .replyQueued(messageId: 31, problem: nil)) == [.syncNow])
        #expect(s.chat.replying == nil && s.chat.input.text.isEmpty && s.chat.entries.last?.text == reply && s.sync.running)
        // What waits to be sent is counted by the store (the outbox write's observation reloads it), not guessed here.
        var counts = StatusCounts()
        counts.outboxWaiting = 1
        _ = Dashboard.update(&s, .alertsLoaded(s.alerts.lines, counts: counts))
        #expect(Dashboard.view(s).grid.text.contains("к отправке: 1"))
        // The input is the assistant's again.
        _ = type(&s, "как оплатить?")
        #expect(keys(&s, [.enter]) == [.ask(tag: 1, question: "как оплатить?")])
    }

    /// After the curator answers, the student's question can be added to the article the assistant
    /// thought of (Ctrl-A on an empty input): the FAQ learns the students' words.
    @Test func anAnsweredQuestionCanTeachItsArticle() {
        var s = Self.loaded()
        _ = keys(&s, [.char("c")])
        _ = Dashboard.update(&s, .handoffLoaded(studentId: 2, [
            StudentQuestionLine(messageId: 31, dialogId: 7, studentId: 2, studentName: "Анна Ёлкина", text: "уезжаю на месяц, что с уроками?",
                                action: .handoff, reason: "escalation", suggested: "Заморозка — до 30 дней.", sources: ["kb-063"]),
        ]))
        #expect(keys(&s, [.ctrl("a")]).isEmpty && s.chat.teaching == nil)  // nothing to teach before the reply
        _ = keys(&s, [.enter])
        _ = Dashboard.update(&s, .replyQueued(messageId: 31, problem: nil))
        #expect(s.chat.entries.last?.text.contains("Ctrl-A — добавить вопрос ученика к примерам статьи kb-063") == true)
        // Typing a question to the assistant: Ctrl-A moves the cursor as usual.
        _ = type(&s, "ок")
        #expect(keys(&s, [.ctrl("a")]).isEmpty && s.chat.input.cursor == 0)
        _ = keys(&s, [.end, .ctrl("u")])
        #expect(s.chat.input.text.isEmpty)
        #expect(keys(&s, [.ctrl("a")]) == [.addQuestion(text: "уезжаю на месяц, что с уроками?", article: "kb-063")])
        #expect(keys(&s, [.ctrl("a")]).isEmpty)  // once
        _ = Dashboard.update(&s, .questionAdded(article: "kb-063", problem: nil))
        #expect(s.chat.entries.last?.text == "Вопрос добавлен к примерам статьи kb-063: ассистент уже отвечает по нему.")
    }

    @Test func escLeavesAHandOffUnansweredAndNothingWaitingSaysSo() {
        var s = Self.loaded()
        _ = keys(&s, [.char("c")])
        _ = Dashboard.update(&s, .handoffLoaded(studentId: 2, [
            StudentQuestionLine(messageId: 31, dialogId: 7, studentId: 2, studentName: "Анна Ёлкина", text: "позовите человека", action: .handoff, reason: "human"),
        ]))
        #expect(s.chat.input.text.isEmpty && s.chat.entries.last?.text.contains("Напишите ответ") == true)
        #expect(keys(&s, [.escape]).isEmpty)
        #expect(s.chat.replying == nil && s.focus == .chat && s.chat.entries.last?.text.contains("не отправлен") == true)
        _ = Dashboard.update(&s, .handoffLoaded(studentId: 2, []))
        #expect(s.chat.replying == nil && s.chat.entries.last?.text.hasPrefix("У ученика нет вопросов") == true)
    }

    @Test func lineEditingKeysWorkOnCyrillicAndEmoji() {
        var f = TextField(text: "Привет, Ёжик 👍🏽 как дела")
        #expect(f.edit(.ctrl("w")) && f.text == "Привет, Ёжик 👍🏽 как " && f.cursor == 19)
        _ = f.edit(.ctrl("w"))
        #expect(f.text == "Привет, Ёжик 👍🏽 ")
        _ = f.edit(.left); _ = f.edit(.left); _ = f.edit(.left)  // 👍🏽 is one grapheme
        #expect(f.edit(.ctrl("k")) && f.text == "Привет, Ёжик")
        _ = f.edit(.ctrl("a")); _ = f.edit(.right)
        #expect(f.edit(.ctrl("u")) && f.text == "ривет, Ёжик" && f.cursor == 0)
        _ = f.edit(.ctrl("e")); _ = f.edit(.char("!"))
        #expect(f.text == "ривет, Ёжик!")
        #expect(!f.edit(.tab) && !f.edit(.ctrl("x")))
        // In the chat: Ctrl-U clears a suggested reply to write one's own.
        var s = Self.loaded()
        _ = keys(&s, [.char("c")])
        _ = type(&s, "вопрос")
        _ = keys(&s, [.ctrl("u")])
        #expect(s.chat.input.text.isEmpty && !s.quit)
    }

    @Test func filterWordsAllMatchWithinOneStudentAndSortingByNameFoldsYo() {
        var s = Self.loaded()
        _ = keys(&s, [.char("/")])
        _ = type(&s, "иванов ежик")
        #expect(s.list.visible.map(\.id) == [1])
        s.list.filter.clear()
        // The end of one student's text and the start of the next never make a match together.
        _ = type(&s, "a2анна")
        #expect(s.list.visible.isEmpty)
        _ = keys(&s, [.escape, .char("s")])
        #expect(s.list.sort == .name)
        // Latin before Cyrillic, then анна елкина, иванов ежик, петр иванов; the departed last either way.
        #expect(s.list.visible.map(\.id) == [5, 2, 1, 3, 4])
        _ = keys(&s, [.char("S")])
        #expect(s.list.visible.map(\.id) == [3, 1, 2, 5, 4])
    }

    @Test func theFirstPageShowsAtOnceAndTheWholeListReplacesIt() {
        var s = AppState()
        s.size = TermSize(width: 120, height: 40)
        #expect(Dashboard.update(&s, .studentsLoaded([Self.students[0]], complete: false)) == [.loadDetail(1)])
        #expect(!s.list.complete && s.list.visible.map(\.id) == [1])
        #expect(Dashboard.view(s).grid.text.contains("1 Ученики 1 · загрузка…"))
        _ = keys(&s, [.char("/")])
        _ = type(&s, "ива")
        _ = Dashboard.update(&s, .studentsLoaded(Self.students))
        // The whole list, filtered as typed, the selection kept; a late first page changes nothing.
        #expect(s.list.complete && s.list.visible.map(\.id) == [1, 3] && s.list.selectedId == 1)
        #expect(Dashboard.update(&s, .studentsLoaded([Self.students[4]], complete: false)).isEmpty)
        #expect(s.list.students.count == 5 && !Dashboard.view(s).grid.text.contains("загрузка"))
    }

    /// Remembered and narrowed results (backspace, a word typed further, a second word) must equal a
    /// fresh search: checked against a plain substring test after every key of a long edit session.
    @Test func everyKeystrokeOfALongEditMatchesAFreshSearch() {
        let first = ["Иван", "Ирина", "Пётр", "Ольга", "Анна", "Фёдор", "Zoe", "Иветта"]
        let last = ["Иванов", "Смирнова", "Ёлкин", "Петрова", "Кузнецов", "Smith"]
        let students = (1...400).map { i in
            StudentSummary(id: Int64(i), name: "\(first[i % first.count]) \(last[(i / 8) % last.count])", email: "u\(i)@x.ru",
                           groups: ["Поток \(i % 7)"], risk: Double(i % 10) / 10, level: .low)
        }
        var s = AppState()
        s.size = TermSize(width: 120, height: 40)
        _ = Dashboard.update(&s, .studentsLoaded(students))
        let texts = Dictionary(uniqueKeysWithValues: students.map { ($0.id, TextFold.key("\($0.name) \($0.email) \($0.phone) \($0.groups.joined(separator: " "))")) })
        func expected() -> Set<Int64> {
            let words = s.list.filter.text.split(separator: " ").map { TextFold.key(String($0)) }
            return Set(students.map(\.id).filter { id in words.allSatisfy { texts[id]!.contains($0) } })
        }
        _ = keys(&s, [.char("/")])
        let script: [Key] = "ив".map { .char($0) } + [.backspace] + "ван ".map { .char($0) } + "смир".map { .char($0) }
            + Array(repeating: .backspace, count: 5) + " ёл".map { .char($0) } + [.home] + "поток 3 ".map { .char($0) }
            + [.end, .backspace, .backspace, .backspace] + "u1".map { .char($0) } + Array(repeating: .backspace, count: 20)
        for k in script {
            _ = keys(&s, [k])
            #expect(Set(s.list.visible.map(\.id)) == expected(), "after «\(s.list.filter.text)»")
        }
        #expect(s.list.filter.text.isEmpty && s.list.visible.count == 400)
    }

    static func homeworkItems() -> [HomeworkQueueItem] {
        let lesson = TestSupport.catalog.allLessons.first { $0.id == 81010201 }!
        let check = HomeworkChecker().check("1) b 2) visit 3) He has already finished his report 4) I have already done my homework", lesson: lesson)
        return [
            HomeworkQueueItem(answerId: 11, studentId: 1, studentName: "Иванов Ёжик", lessonId: lesson.id, lessonName: lesson.title,
                              answerText: "1) b 2) visit", checkedAt: Date(), check: check, outcome: .review, reason: "75% — между порогами", comment: ""),
            HomeworkQueueItem(answerId: 12, studentId: 2, studentName: "Анна Ёлкина", lessonId: lesson.id, lessonName: lesson.title,
                              answerText: "b", checkedAt: Date(), check: check, outcome: .accept, comment: "ok", decision: .accepted, decidedBy: .checker,
                              status: .accepted),
        ]
    }

    @Test func aHomeworkIsDecidedFromItsPaneWithTheCuratorsWords() {
        var s = Self.loaded()
        #expect(keys(&s, [.char("р")]) == [.loadHomework])  // h on a Russian layout
        #expect(s.focus == .homework && s.lowerPane == .homework)
        _ = Dashboard.update(&s, .homeworkLoaded(Self.homeworkItems()))
        // A decided answer opens to be read; the verdict keys do nothing there.
        _ = keys(&s, [.down, .enter])
        #expect(s.homework.openId == 12)
        #expect(keys(&s, [.char("y")]).isEmpty && keys(&s, [.char("e")]).isEmpty && s.mode != .editingNote)
        _ = keys(&s, [.escape, .up, .enter])
        #expect(s.homework.openId == 11 && s.focus == .homework)
        #expect(Dashboard.view(s).grid.text.contains("Автопроверка: 3 из 4 (75%)."))
        // Editing starts from the checker's feedback; Cyrillic typed at the start (y, d, e are text
        // while it is edited), Enter to finish.
        _ = keys(&s, [.char("e")])
        #expect(s.mode == .editingNote && s.homework.note.text.hasPrefix("Автопроверка: 3 из 4 (75%).\n1. ✓ верно"))
        _ = keys(&s, [.home])
        _ = type(&s, "Молодец, проверь 2-е: day. ")
        _ = keys(&s, [.enter])
        #expect(s.mode != .editingNote)
        let effects = keys(&s, [.char("d")])
        guard case .decideHomework(11, .declined, let comment)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(comment.hasPrefix("Молодец, проверь 2-е: day. Автопроверка: 3 из 4 (75%)."))
        #expect(comment.hasSuffix("Попробуйте ещё раз: исправьте задание 2 и отправьте ответ заново."))
        // A second key press while it is being saved sends nothing; a stale answer changes nothing.
        #expect(keys(&s, [.char("y")]).isEmpty)
        #expect(Dashboard.update(&s, .homeworkDecided(answerId: 99, problem: nil)).isEmpty && s.homework.deciding == 11)
        #expect(Dashboard.update(&s, .homeworkDecided(answerId: 11, problem: nil)) == [.syncNow])
        #expect(s.homework.openId == nil && s.homework.note.text.isEmpty && s.homework.notice?.contains("уйдёт в GetCourse") == true)
    }

    /// Esc while editing goes back to the comment as it was before that edit, kept words and all.
    @Test func escDropsOnlyTheEditUnderWay() {
        var s = Self.loaded()
        _ = keys(&s, [.char("h")])
        _ = Dashboard.update(&s, .homeworkLoaded(Self.homeworkItems()))
        _ = keys(&s, [.enter, .char("e"), .end])
        _ = type(&s, " Молодец, ёжик!")
        _ = keys(&s, [.enter])
        let kept = s.homework.note.text
        #expect(kept.hasSuffix("Молодец, ёжик!"))
        _ = keys(&s, [.char("e"), .end])
        _ = type(&s, " ЛИШНЕЕ")
        _ = keys(&s, [.escape])
        #expect(s.homework.note.text == kept && s.mode == .panes && s.homework.openId == 11)
    }

    @Test func aFailedHomeworkDecisionKeepsTheAnswerOpenAndEscClearsTheNote() {
        var s = Self.loaded()
        _ = keys(&s, [.char("h")])
        _ = Dashboard.update(&s, .homeworkLoaded(Self.homeworkItems()))
        _ = keys(&s, [.enter, .char("e"), .ctrl("u")])
        _ = type(&s, "черновик")
        _ = keys(&s, [.escape])
        #expect(s.homework.note.text.isEmpty && s.mode != .editingNote && s.homework.openId == 11)
        // Untouched, the checker's feedback goes as it is, closed for the verdict.
        guard case .decideHomework(11, .accepted, let comment)? = keys(&s, [.char("y")]).first else { Issue.record("no decision"); return }
        #expect(comment == HomeworkFeedback.comment(Self.homeworkItems()[0].check, outcome: .accept))
        _ = Dashboard.update(&s, .homeworkDecided(answerId: 11, problem: "answer 11 was reviewed in GetCourse meanwhile"))
        #expect(s.homework.openId == 11 && s.homework.deciding == nil && s.homework.notice?.contains("reviewed in GetCourse") == true)
        #expect(Dashboard.view(s).grid.text.contains("Не сохранено"))
        _ = keys(&s, [.escape])
        #expect(s.homework.openId == nil)
        _ = keys(&s, [.escape])
        #expect(s.focus == .students)
    }
}
