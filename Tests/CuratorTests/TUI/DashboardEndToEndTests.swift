import Domain
import Foundation
import GRDB
import Storage
import Testing

/// The real binary in tmux on the demo school: what a curator sees and types.
@Suite(.serialized) struct DashboardEndToEndTests {
    final class TmuxSession {
        let socket = "curator-test-" + UUID().uuidString.prefix(8)
        let name = "dash"

        let output = NSTemporaryDirectory() + "curator-tmux-" + UUID().uuidString

        /// Runs tmux through the shell and waits for it. (Foundation's Process would wait on the
        /// server that `new-session` forks, which keeps its descriptors.)
        @discardableResult
        func tmux(_ args: [String]) -> String {
            let line = (["tmux", "-L", socket] + args).map(TestSupport.shellQuote).joined(separator: " ")
            _ = system(line + " > '\(output)' 2>/dev/null < /dev/null")
            return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        }

        var screen: String { tmux(["capture-pane", "-p", "-t", name]) }

        /// Polls the screen until the condition holds (never a fixed sleep); false on timeout.
        func waitFor(_ timeout: TimeInterval = 60, _ condition: (String) -> Bool) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if condition(screen) { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return condition(screen)
        }

        /// The command in a detached session of this size; when it exits, CURATOR-EXITED shows on screen.
        func start(_ command: String, width: Int, height: Int) {
            tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command + "; echo CURATOR-EXITED; sleep 60"])
        }

        func keys(_ k: String...) { tmux(["send-keys", "-t", name] + k) }
        func text(_ t: String) { tmux(["send-keys", "-t", name, "-l", t]) }

        deinit {
            tmux(["kill-server"])
            try? FileManager.default.removeItem(atPath: output)
        }
    }

    /// The demo dashboard on its own mirror, as a shell line for tmux.
    static func command(_ dir: TestSupport.TempDir, _ args: [String], db: String? = nil, _ extra: [String: String] = [:]) -> String {
        let env = CuratorProcess.environment(home: dir.path, extra)
            .filter { ["HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "CURATOR_DATA", "CURATOR_SEMANTIC", "PATH"].contains($0.key) }
        // Under a time limit: if the test process dies, nothing tears the tmux server down, and the
        // dashboard (and its mock) would otherwise run on. --foreground keeps it on the terminal.
        let command = ["timeout", "--foreground", "900", "/usr/bin/env"] + env.map { "\($0.key)=\($0.value)" } + ["TERM=xterm-256color", "LANG=C.UTF-8",
                      TestSupport.binary, "--db", db ?? dir.file("m.sqlite")] + args
        return command.map(TestSupport.shellQuote).joined(separator: " ")
    }

    @Test func aCuratorsSession() async throws {
        let dir = TestSupport.TempDir()
        let quoted = Self.command(dir, ["--students", "60"])
        try await CuratorProcess.offPool {
            let t = TmuxSession()
            t.start(quoted, width: 120, height: 40)
            // The list fills after the first sync, students with their risk, and the alerts it raised
            // arrive as a toast while the list keeps the focus.
            #expect(t.waitFor(90) { $0.contains("▲") && $0.contains("✓ синхр.") && $0.contains("Новых алертов:") }, "\(t.screen)")

            // The list pane's title says "N из M" while a filter narrows it.
            let listTitle = { (s: String) in String(s.split(separator: "\n").dropFirst().first ?? "").components(separatedBy: "┐").first ?? "" }
            t.text("/Ива")
            // The keys arrive one by one: wait for the frame that shows the whole filter, not one of
            // the frames before it (after «И» alone, nearly every name still matches).
            let names = { (s: String) in s.split(separator: "\n").compactMap { line -> String? in
                let cells = line.split(separator: "│", omittingEmptySubsequences: false)
                guard cells.count > 1, let first = cells[1].first, "▲●○×".contains(first) else { return nil }
                return String(cells[1])
            } }
            #expect(t.waitFor { screen in
                let shown = names(screen)
                return screen.contains("/ Ива") && listTitle(screen).contains(" из ")
                    && !shown.isEmpty && shown.allSatisfy { $0.lowercased().contains("ива") }
            }, "\(t.screen)")
            t.keys("Escape")
            #expect(t.waitFor { !listTitle($0).contains(" из ") }, "\(t.screen)")

            // Moving down moves the progress pane to the next student.
            let title = { (s: String) in s.split(separator: "\n")[1].components(separatedBy: "┌─ 2 ").last ?? "" }
            let before = title(t.screen)
            t.keys("j")
            #expect(t.waitFor { title($0) != before && !title($0).hasPrefix("Прогресс") }, "\(t.screen)")

            // A question in the chat gets its answer from the mirror.
            t.keys("c")
            #expect(t.waitFor { $0.contains("Спросите о школе") })
            t.text("кто не заходил неделю?")
            t.keys("Enter")
            #expect(t.waitFor { $0.contains("[из данных школы]") }, "\(t.screen)")

            // Too small, then back.
            t.tmux(["resize-window", "-t", t.name, "-x", "50", "-y", "15"])
            #expect(t.waitFor { $0.contains("Терминал слишком мал: 50×15") }, "\(t.screen)")
            t.tmux(["resize-window", "-t", t.name, "-x", "120", "-y", "40"])
            #expect(t.waitFor { $0.contains("1 Ученики") && $0.contains("4 Ассистент") }, "\(t.screen)")

            // q quits (the chat has focus: Esc leaves it first) and the shell gets its screen back.
            t.keys("Escape")
            t.keys("q")
            #expect(t.waitFor(30) { $0.contains("CURATOR-EXITED") && !$0.contains("1 Ученики") }, "\(t.screen)")
        }
    }

    /// Esc and a resize at once (one tmux command line, no pause between): the resize read while
    /// looking past the Esc is not lost; the new layout shows without waiting for another resize.
    @Test func aResizeRightAfterEscIsNotLost() async throws {
        let dir = TestSupport.TempDir()
        let quoted = Self.command(dir, ["--students", "20"])
        try await CuratorProcess.offPool {
            let t = TmuxSession()
            t.start(quoted, width: 140, height: 40)
            #expect(t.waitFor(90) { $0.contains("1 Ученики") }, "\(t.screen)")
            for _ in 0..<3 {
                t.tmux(["send-keys", "-t", t.name, "Escape", ";", "resize-window", "-t", t.name, "-x", "40", "-y", "10"])
                #expect(t.waitFor(10) { $0.contains("Терминал слишком мал: 40×10") }, "\(t.screen)")
                t.tmux(["send-keys", "-t", t.name, "Escape", ";", "resize-window", "-t", t.name, "-x", "140", "-y", "40"])
                #expect(t.waitFor(10) { $0.contains("1 Ученики") && !$0.contains("Терминал слишком мал") }, "\(t.screen)")
            }
            t.keys("q")
            #expect(t.waitFor(30) { $0.contains("CURATOR-EXITED") }, "\(t.screen)")
        }
    }

    /// A question the assistant handed over: opened from the alerts, answered in the chat, sent once through the outbox.
    @Test func aHandOffIsAnsweredFromTheChat() async throws {
        let dir = TestSupport.TempDir()
        // Seed 2's 60 students include a hand-off in the first pass (the shipped assistant, by meaning and words).
        let quoted = Self.command(dir, ["--students", "60", "--seed", "2"], TestSupport.semanticSearch)
        let reply = "Здравствуйте! Разберёмся сегодня — куратор Ёлка 🎄"
        try await CuratorProcess.offPool {
            let t = TmuxSession()
            t.start(quoted, width: 140, height: 40)
            // A hand-off alert line («Имя — вопрос ученика ждёт куратора», cut to the pane's width by a long name).
            #expect(t.waitFor(300) { $0.contains("✓ синхр.") && $0.split(separator: "\n").contains { $0.contains("▲") && $0.contains("— вопро") } },
                    "\(t.screen)")
            // Hand-offs lead the alerts: Enter on the first opens it in the chat.
            t.keys("a")
            t.keys("Enter")
            #expect(t.waitFor { $0.contains("Передано куратору") && $0.contains("Enter — отправить ученику") }, "\(t.screen)")
            // Replace whatever was suggested with the curator's own words (Ctrl-U clears the line).
            t.keys("C-u")
            t.text(reply)
            t.keys("Enter")
            #expect(t.waitFor { $0.contains("уйдёт в GetCourse") }, "\(t.screen)")
            // A pass posts it and finishes (its risk pass closes the answered hand-off): nothing waits to be sent.
            #expect(t.waitFor(150) { !$0.contains("к отправке:") && $0.contains("✓ синхр.") }, "\(t.screen)")
            t.keys("Escape")
            t.keys("q")
            #expect(t.waitFor(30) { $0.contains("CURATOR-EXITED") }, "\(t.screen)")
        }
        // The reply went out once, and the answered student's hand-off alert is closed.
        let (rows, stillOpen) = try DatabaseQueue(path: dir.file("m.sqlite")).read { db in
            (try Row.fetchAll(db, sql: "SELECT kind, status FROM outbox WHERE payload_json LIKE ?", arguments: ["%куратор Ёлка%"]),
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM alerts WHERE rule = 'assistant_handoff' AND closed_at IS NULL
                AND user_id IN (SELECT user_id FROM student_questions WHERE answered_by = 'curator')
                """) ?? -1)
        }
        #expect(rows.map { "\($0["kind"] as String) \($0["status"] as String)" } == ["dialog.add-comment sent"], "\(rows)")
        #expect(stillOpen == 0)
    }

    /// A homework the checker left to the curator: opened from the queue, its comment edited (the
    /// curator's words before the checker's feedback), declined; comment and status go out once each.
    @Test func aHomeworkIsDecidedFromTheQueue() async throws {
        let dir = TestSupport.TempDir()
        // Seed 5's 120 students have answers the checker cannot decide in the first pass.
        let quoted = Self.command(dir, ["--students", "120", "--seed", "5"])
        let note = "Почти получилось — перепиши 2-е, Ёжик 🦔"
        try await CuratorProcess.offPool {
            let t = TmuxSession()
            t.start(quoted, width: 140, height: 42)
            #expect(t.waitFor(120) { $0.contains("✓ синхр.") && $0.contains("домашки: ") }, "\(t.screen)")
            t.keys("h")
            // A queue row ("│ ● 75%  Name — Lesson"), not the title's count or an alert line in the progress pane.
            #expect(t.waitFor { $0.range(of: #"│ ● \d+% "#, options: .regularExpression) != nil }, "\(t.screen)")
            t.keys("Enter")
            #expect(t.waitFor { $0.contains("Ответ ученика:") && $0.contains("Автопроверка:") && $0.contains("Комментарий (e — править)") }, "\(t.screen)")
            // The curator's words before the checker's feedback.
            t.keys("e")
            t.keys("Home")
            t.text(note + " ")
            t.keys("Enter")
            t.keys("d")
            #expect(t.waitFor { $0.contains("Решение сохранено") }, "\(t.screen)")
            // A pass sends it: nothing is left to send.
            #expect(t.waitFor(150) { !$0.contains("к отправке:") && $0.contains("✓ синхр.") }, "\(t.screen)")
            t.keys("q")
            #expect(t.waitFor(30) { $0.contains("CURATOR-EXITED") }, "\(t.screen)")
        }
        let (rows, decided) = try DatabaseQueue(path: dir.file("m.sqlite")).read { db in
            (try Row.fetchAll(db, sql: "SELECT kind, status, payload_json FROM outbox WHERE payload_json LIKE ? ORDER BY id", arguments: ["%Ёжик%"]),
             try Row.fetchAll(db, sql: "SELECT decision, decided_by, comment FROM homework_checks WHERE comment LIKE ?", arguments: ["%Ёжик%"]))
        }
        #expect(rows.map { "\($0["kind"] as String) \($0["status"] as String)" } == ["lesson.add-comment sent"], "\(rows)")
        #expect(decided.map { "\($0[0] as String) \($0[1] as String)" } == ["declined curator"], "\(decided)")
        // The curator's words, then the checker's feedback they edited.
        let comment: String = decided.first?[2] ?? ""
        #expect(comment.hasPrefix(note + " Автопроверка:") && comment.contains("Попробуйте ещё раз"), "\(comment)")
        // Its status went with it, once, for the same answer.
        let answer = try #require(try JSONSerialization.jsonObject(with: Data((rows.first?["payload_json"] as String? ?? "").utf8)) as? [String: Any])["answerId"]
        let statuses = try DatabaseQueue(path: dir.file("m.sqlite")).read { db in
            try Row.fetchAll(db, sql: "SELECT status FROM outbox WHERE kind = 'lesson.change-status' AND payload_json LIKE ? AND payload_json LIKE '%declined%'",
                             arguments: ["%\"answerId\":\(answer ?? 0)%"])
        }
        #expect(statuses.map { $0[0] as String } == ["sent"])
    }

    /// The metrics screen on the demo school: its figures come from the mirror and move as the
    /// simulation runs (students come back this month, the assistant and the checker take work).
    @Test func theMetricsScreenShowsLiveFigures() async throws {
        let dir = TestSupport.TempDir()
        let quoted = Self.command(dir, ["--students", "120", "--seed", "7"])
        try await CuratorProcess.offPool {
            let t = TmuxSession()
            t.start(quoted, width: 140, height: 42)
            #expect(t.waitFor(120) { $0.contains("✓ синхр.") }, "\(t.screen)")
            t.keys("m")
            #expect(t.waitFor { $0.contains("[месяц]") && $0.contains("Деньги за") && $0.contains("Время куратора") }, "\(t.screen)")
            func live(_ screen: String) -> [String] {
                screen.split(separator: "\n").map(String.init).filter { ($0.contains("(идёт)") && $0.contains("удерж.")) || $0.contains("Время куратора") }
            }
            let before = live(t.screen)
            #expect(before.count == 2, "\(t.screen)")
            // Later passes bring new activity: the running month's count or the work done changes.
            #expect(t.waitFor(180) { let now = live($0); return now.count == 2 && now != before }, "\(before)\n\(t.screen)")
            t.keys("p")
            #expect(t.waitFor { $0.contains("[квартал]") && $0.contains(" кв. 20") }, "\(t.screen)")
            t.keys("Escape")
            #expect(t.waitFor { $0.contains("1 Ученики") && $0.contains("сорт.: риск") }, "\(t.screen)")
            t.keys("q")
            #expect(t.waitFor(30) { $0.contains("CURATOR-EXITED") }, "\(t.screen)")
        }
    }

    /// Hostile text from every source the dashboard draws, and the raw bytes it writes to its tty
    /// (captured with `script`): the school's names (an SGR escape, a bidi override, an OSC 8 link),
    /// a student of our own with OSC 52, a C1 CSI, zero-width and ZWJ characters, invalid UTF-8 and
    /// a 10k-character surname, that student's homework answer and message, and the model's replies.
    /// None of the data's control bytes reaches the terminal, the output is valid UTF-8, and the panes stay aligned.
    @Test func noControlByteFromDataReachesTheTerminal() async throws {
        let dir = TestSupport.TempDir()
        let db = dir.file("m.sqlite")
        let esc = "\u{1B}"
        let payload = "\(esc)]52;c;ZXZpbA==\u{07}\(esc)[31;1;4m\u{9B}31;1;4m\u{202E}\u{200B}👩‍👩‍👧\(esc)]8;;http://x.invalid\(esc)\\"
        // The model answers everything with hostile text (the chat, and the notes on essays).
        let reply = "ОТВЕТ-МОДЕЛИ " + payload + " " + String(repeating: "Ж", count: 600) + " конец"
        let model = FakeOpenAI(Array(repeating: FakeOpenAI.answer(reply), count: 200))
        try await model.start()
        defer { model.stop() }

        // A first pass on the demo school, then our hostile student beside its students.
        let env = CuratorProcess.environment(home: dir.path)
        let first = try await CuratorProcess.runAsync(["sync", "--once", "--students", "60", "--db", db], env: env)
        #expect(first.status == 0, "\(first.stderr)")
        let store = try MirrorStore.open(path: db)
        let now = Date(), id: Int64 = 990_000_001
        let lesson = TestSupport.catalog.allLessons.first { $0.id == 81010201 }!
        let w = MirrorWriter(store)
        _ = try w.upsert(students: [Student(id: id, email: "hacker@example.invalid", firstName: "Хакер" + payload,
                                            lastName: String(repeating: "Длинный", count: 1430), createdAt: now.addingTimeInterval(-40 * 86400),
                                            lastActivityAt: now.addingTimeInterval(-9 * 86400))])
        _ = try w.upsert(deals: [Deal(id: id, number: "1", userId: id, createdAt: now.addingTimeInterval(-40 * 86400), title: "B1" + payload, status: .payed)])
        _ = try w.upsert(answers: [LessonAnswer(id: id, lessonId: lesson.id, lessonName: lesson.title, answerText: "1) b " + payload + "\n2) visited",
                                                userId: id, createdAt: now.addingTimeInterval(-30 * 86400), status: "new")])
        _ = try w.upsert(dialogs: [Dialog(id: id, userId: id, createdAt: now.addingTimeInterval(-86400))],
                         messages: [DialogMessage(id: id, dialogId: id, authorUserId: id, text: "Помогите " + payload, createdAt: now.addingTimeInterval(-3600), fromStudent: true)],
                         forUser: id, syncedAt: now)
        // Invalid UTF-8 in the mirror itself (a file written by some other tool).
        try await store.pool.write { try $0.execute(sql: "UPDATE users SET first_name = first_name || CAST(x'fffec0af' AS TEXT) WHERE id = ?", arguments: [id]) }
        try store.pool.close()

        let raw = dir.file("tty.raw")
        var dashboard = Self.command(dir, ["--students", "60"])
        dashboard = "OPENAI_API_KEY=sk-test OPENAI_BASE_URL='\(model.baseURL.absoluteString)' " + dashboard
        let quoted = "script -qfec \"\(dashboard.replacingOccurrences(of: "\"", with: "\\\""))\" '\(raw)'"
        let width = 140
        try await CuratorProcess.offPool {
            let t = TmuxSession()
            t.start(quoted, width: width, height: 40)
            #expect(t.waitFor(90) { $0.contains("✓ синхр.") }, "\(t.screen)")
            // Each hostile name in turn through the filter, ours last: the panes keep their borders.
            // (Ours may not be scored yet: the dashboard's first pass is still running.)
            for name in ["Максим", "нидорог", "Тимур", "Хакер"] {
                t.text("/" + name)
                #expect(t.waitFor { $0.split(separator: "\n").contains { $0.hasPrefix("│") && $0.contains(name) && ($0.contains("%") || name == "Хакер") } }, "\(t.screen)")
                #expect(Self.aligned(t.screen, width: width), "\(t.screen)")
                t.keys("Escape")
            }
            // SQL in a search is only text: nothing matches.
            t.text("/' OR 1=1 --")
            #expect(t.waitFor { $0.contains("0 из ") }, "\(t.screen)")
            t.keys("Escape")
            // Our student's answer in the homework queue (the oldest waiting), opened.
            t.keys("h")
            #expect(t.waitFor { $0.contains("Хакер") && $0.range(of: #"│ ● "#) != nil }, "\(t.screen)")
            t.keys("Enter")
            #expect(t.waitFor { $0.contains("Ответ ученика:") && $0.contains("Хакер") }, "\(t.screen)")
            #expect(Self.aligned(t.screen, width: width), "\(t.screen)")
            t.keys("Escape")
            // The model's reply in the chat.
            t.keys("c")
            #expect(t.waitFor { $0.contains("Спросите о школе") })
            t.text("как дела у группы B1?")
            t.keys("Enter")
            #expect(t.waitFor { $0.contains("ОТВЕТ-МОДЕЛИ") && $0.contains("конец") }, "\(t.screen)")
            #expect(Self.aligned(t.screen, width: width), "\(t.screen)")
            t.keys("Escape")
            t.keys("q")
            #expect(t.waitFor(30) { $0.contains("CURATOR-EXITED") }, "\(t.screen)")
        }
        // The same search through the command line: SQL is text, and our student is found by name.
        for (search, count) in [("' OR 1=1 --", 0), ("\" OR \"\"=\"", 0), ("%", 0), ("хакер", 1)] {
            let r = try await CuratorProcess.runAsync(["students", "--search", search, "--json", "--db", db], env: env)
            let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
            #expect(r.status == 0 && rows?.count == count, "\(search): \(r.stdout.prefix(300)) \(r.stderr)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: raw))
        #expect(bytes.count > 10_000)
        // Valid UTF-8 throughout: no stray byte from the data (a raw C1 or the invalid sequence).
        #expect(String(validating: bytes, as: UTF8.self) != nil, "the tty output is not valid UTF-8")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("␛[31mМаксим␛[0m"), "the escape is shown as a symbol")
        // (ncurses writes only the cells that change, so what it draws arrives in pieces.)
        #expect(text.contains("ОТВЕТ-МОДЕЛИ") && text.contains("␛]52;c;ZXZpbA=="))
        func has(_ needle: [UInt8]) -> Bool { bytes.range(of: Data(needle)) != nil }
        #expect(!has([0x1B] + Array("[31mМаксим".utf8)) && !has([0x1B] + Array("[31;1;4m".utf8)))
        #expect(!has([0x1B, 0x5D]), "an OSC sequence (]52 clipboard, ]8 link) reached the tty")
        #expect(!bytes.contains(0x07))
        #expect(!text.unicodeScalars.contains { [0x202E, 0x202C, 0x202D, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200D].contains($0.value) })
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
    }

    /// Every line of the frame is at most `width` columns, and the right edges of the panes (the ┐
    /// of the first pane line) stay in their columns on every line of the body: a glyph counted at
    /// the wrong width, or text run past its box, would shift them.
    static func aligned(_ screen: String, width: Int) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        func columns(_ line: [Character]) -> [Int] {
            var at = 0
            return line.map { c in defer { at += DisplayWidth.of(c) }; return at }
        }
        guard lines.allSatisfy({ DisplayWidth.of(String($0)) <= width }) else { return false }
        guard let top = lines.first(where: { $0.contains("┌") }) else { return false }
        let edges = zip(top, columns(top)).filter { $0.0 == "┐" }.map(\.1)
        for line in lines where line.first == "│" {
            let cols = columns(line)
            for edge in edges where !zip(line, cols).contains(where: { $0.1 == edge && "│┐┘".contains($0.0) }) { return false }
        }
        return !edges.isEmpty
    }
}
