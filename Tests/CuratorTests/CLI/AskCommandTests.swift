import Domain
import Foundation
import Testing

/// `curator ask` through the real binary, over the school's own knowledge base.
@Suite struct AskCommandTests {
    func ask(_ question: String) async throws -> [String: Any] {
        let dir = TestSupport.TempDir()
        let r = try await CuratorProcess.runAsync(["ask", question, "--json"], env: CuratorProcess.environment(home: dir.path))
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func answersFromTheKnowledgeBaseWithItsSource() async throws {
        let a = try await ask("как отключить автопродление абонемента?")
        #expect(a["action"] as? String == "answer")
        #expect(a["sources"] as? [String] == ["kb-050"])
        #expect((a["answer"] as? String)?.contains("Отключить автопродление") == true)
        #expect(((a["confidence"] as? Double) ?? 0) >= 0.4)
    }

    @Test func handsOffARefundWithTheRulesAndRefusesWhatIsNotTheSchools() async throws {
        let refund = try await ask("хочу вернуть деньги за курс")
        #expect(refund["action"] as? String == "handoff" && refund["handoff_reason"] as? String == "refund")
        let borscht = try await ask("как сварить борщ со свёклой")
        #expect(borscht["action"] as? String == "handoff" && borscht["handoff_reason"] as? String == "out_of_scope")
        #expect((borscht["sources"] as? [String])?.isEmpty == true)
    }

    /// With OPENAI_API_KEY set the model answers as it streams; a refused key falls back to the
    /// knowledge base with a note that names the problem and never the key.
    @Test func answersThroughTheModelAndFallsBackWhenItFails() async throws {
        let server = FakeOpenAI([
            FakeOpenAI.answer("Оплатить можно «Долями» — четыре части. [kb-052]"),
            FakeOpenAI.error(.unauthorized, message: "Incorrect API key provided: sk-cli-***cret", type: "invalid_request_error", code: "invalid_api_key"),
            FakeOpenAI.answer("Частями — через «Долями». [kb-052]"),
        ])
        try await server.start()
        defer { server.stop() }
        let dir = TestSupport.TempDir()
        let env = CuratorProcess.environment(home: dir.path, ["OPENAI_API_KEY": "sk-cli-secret", "OPENAI_BASE_URL": server.baseURL.absoluteString,
                                                               "OPENAI_MODEL": "test-model"])
        let streamed = try await CuratorProcess.runAsync(["ask", "как оплатить по частям?"], env: env)
        #expect(streamed.status == 0, "\(streamed.stderr)")
        #expect(streamed.stdout.contains("Оплатить можно «Долями» — четыре части. [kb-052]"))
        #expect(streamed.stdout.contains("Ответ модели"))
        #expect(streamed.stdout.contains("Статьи: kb-052"))

        let refused = try await CuratorProcess.runAsync(["ask", "как оплатить по частям?"], env: env)
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.stdout.contains("401"))
        #expect(refused.stdout.contains("ответ из базы знаний"))
        #expect(!(refused.stdout + refused.stderr).contains("sk-cli"))

        let json = try await CuratorProcess.runAsync(["ask", "как оплатить по частям?", "--json"], env: env)
        let a = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(a["from"] as? String == "model")
        #expect(a["sources"] as? [String] == ["kb-052"])
        #expect((a["usage"] as? [String: Any])?["total_tokens"] as? Int == 25)

        let offline = try await CuratorProcess.runAsync(["ask", "как оплатить по частям?", "--offline", "--json"], env: env)
        #expect((try JSONSerialization.jsonObject(with: Data(offline.stdout.utf8)) as? [String: Any])?["from"] as? String == "knowledge_base")
        #expect(server.requests.count == 3)
    }
}

/// `curator assistant evaluate` through the real binary.
@Suite struct AssistantEvaluateCommandTests {
    @Test func meetsItsTargetsOnTheLabelledSetAndPrintsTheFigures() async throws {
        let dir = TestSupport.TempDir()
        let r = try await CuratorProcess.runAsync(["assistant", "evaluate"], env: CuratorProcess.environment(home: dir.path, TestSupport.semanticSearch),
                                                  timeout: 600)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        for figure in ["by meaning and words", "resolution rate", "precision", "hand-off recall", "out-of-scope refusal", "✓ resolution ≥ 85%",
                       "✓ precision ≥ 97%", "✓ out-of-scope refusal ≥ 95%"] {
            #expect(r.stdout.contains(figure), "\(figure)")
        }
    }

    @Test func benchmarkPrintsBothBasesAgainstFTS5() async throws {
        let dir = TestSupport.TempDir()
        let r = try await CuratorProcess.runAsync(["assistant", "--articles", "200", "--rounds", "1", "--json"],
                                                  env: CuratorProcess.environment(home: dir.path, TestSupport.semanticSearch), timeout: 600,
                                                  binary: TestSupport.benchBinary)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["base"] as? String } == ["school", "generated"])
        #expect(rows.map { $0["articles"] as? Int } == [90, 200])
        #expect(rows.map { $0["ranking"] as? String } == ["meaning and words", "meaning and words"])
        for row in rows {
            for key in ["curator_p50_ms", "curator_p99_ms", "fts5_p50_ms", "fts5_p99_ms", "p99_ratio"] {
                #expect(((row[key] as? Double) ?? 0) > 0, "\(key)")
            }
        }
    }

    @Test func aBrokenSetIsOneLineNamingTheLine() async throws {
        let dir = TestSupport.TempDir()
        let file = dir.path + "/set.tsv"
        try "answer\tkb-001\tгде тест\nanswer\tkb-999\tчто-то\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try await CuratorProcess.runAsync(["assistant", "evaluate", "--questions", file], env: CuratorProcess.environment(home: dir.path))
        #expect(r.status != 0)
        #expect(r.stderr == "curator: error: --questions: \(file): line 2: no article kb-999 in the knowledge base\n")
        let missing = try await CuratorProcess.runAsync(["assistant", "evaluate", "--questions", dir.path + "/nope.tsv"],
                                                        env: CuratorProcess.environment(home: dir.path))
        #expect(missing.status != 0 && missing.stderr.contains("cannot read"))
    }
}

/// The curator's questions about the school, answered from a mirror synced in demo mode, checked
/// against what `curator students` lists from the same mirror.
@Suite struct AskMirrorTests {
    func json(_ s: String) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]) }

    @Test func answersFromTheMirrorAndAStudentSeesOnlyTheirOwn() async throws {
        let dir = TestSupport.TempDir()
        let env = CuratorProcess.environment(home: dir.path)
        let sync = try await CuratorProcess.runAsync(["sync", "--once", "--students", "60"], env: env)
        #expect(sync.status == 0, "\(sync.stderr)")
        func ask(_ args: [String]) async throws -> [String: Any] {
            let r = try await CuratorProcess.runAsync(["ask", "--json"] + args, env: env)
            #expect(r.status == 0, "\(r.stderr)")
            return try json(r.stdout)
        }
        let students = try #require(try JSONSerialization.jsonObject(
            with: Data(try await CuratorProcess.runAsync(["students", "--sort", "risk", "--json"], env: env).stdout.utf8)) as? [[String: Any]])

        let risk = try await ask(["кто в зоне риска?"])
        #expect(risk["from"] as? String == "mirror" && risk["action"] as? String == "answer")
        let high = students.filter { $0["level"] as? String == "high" && $0["left"] as? Bool == false }
        let riskText = try #require(risk["answer"] as? String)
        if high.isEmpty {
            #expect(riskText.contains("высоким риском нет"), "\(riskText)")
        } else {
            #expect(riskText.contains("Высокий риск ухода — \(high.count) "), "\(riskText) vs \(high.count)")
            #expect(riskText.contains(try #require(high.first?["name"] as? String)))
        }

        // Inactive for a week: students not known to be gone, last seen before a week ago.
        let weekAgo = Date().addingTimeInterval(-7 * 86400)
        let quiet = students.filter { s in
            guard s["left"] as? Bool == false else { return false }
            guard let seen = (s["last_active"] as? String).flatMap({ ISO8601DateFormatter().date(from: $0) }) else { return true }
            return seen < weekAgo
        }
        let inactive = try #require(try await ask(["кто не заходил неделю?"])["answer"] as? String)
        #expect(quiet.isEmpty ? inactive.contains("Все ученики заходили") : inactive.contains("и дольше — \(quiet.count) "), "\(inactive) vs \(quiet.count)")

        // A student's progress by an inflected surname.
        // A surname no other student's starts like, so the answer is their progress, not a question back.
        let surnames = students.compactMap { ($0["name"] as? String)?.split(separator: " ").dropFirst().first.map { $0.lowercased() } }
        let someone = try #require(students.first { student in
            let parts = (student["name"] as? String)?.split(separator: " ") ?? []
            guard parts.count == 2 else { return false }
            let stem = parts[1].lowercased().prefix(4)
            return surnames.filter { $0.hasPrefix(stem) }.count == 1
        })
        let name = try #require(someone["name"] as? String)
        let progress = try await ask(["прогресс " + String(name.split(separator: " ")[1])])
        let progressText = try #require(progress["answer"] as? String)
        #expect(progressText.contains(name) && progressText.contains("Уроков просмотрено"), "\(progressText)")

        let homework = try await ask(["непроверенные домашки"])
        #expect(homework["from"] as? String == "mirror")
        let alerts = try await ask(["open alerts"])
        #expect((alerts["answer"] as? String)?.contains("предупреждени") == true)

        // As a student: their own progress, and no other student's data.
        let id = try #require(someone["id"] as? String)
        let own = try await ask(["--student", id, "мой прогресс"])
        #expect(own["from"] as? String == "mirror" && (own["answer"] as? String)?.hasPrefix(name) == true, "\(own)")
        let nosy = try await ask(["--student", id, "кто в зоне риска?"])
        #expect(nosy["from"] as? String == "knowledge_base", "\(nosy)")
        let unknown = try await CuratorProcess.runAsync(["ask", "--student", "987654321", "мой прогресс"], env: env)
        #expect(unknown.status != 0 && unknown.stderr.hasPrefix("curator: error: --student: no student with id 987654321"), "\(unknown.stderr)")
    }
}

/// `curator questions reply --add-to-article`: the curator's answer teaches the article, and the
/// assistant answers the same question itself afterwards.
@Suite struct QuestionsReplyCommandTests {
    @Test func aRepliedQuestionIsAddedToItsArticleAndAnsweredNextTime() async throws {
        let dir = TestSupport.TempDir()
        let data = dir.file("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestSupport.dataDir + "/knowledge-base", toPath: data + "/knowledge-base")
        for folder in ["assistant", "demo-school"] {
            try FileManager.default.createSymbolicLink(atPath: data + "/" + folder, withDestinationPath: TestSupport.dataDir + "/" + folder)
        }
        var env = CuratorProcess.environment(home: dir.path, TestSupport.semanticSearch)
        env["CURATOR_DATA"] = data
        let db = dir.file("m.sqlite")
        let sync = try await CuratorProcess.runAsync(["sync", "--db", db, "--once", "--students", "60", "--seed", "2"], env: env, timeout: 600)
        #expect(sync.status == 0, "\(sync.stderr)")
        let listed = try await CuratorProcess.runAsync(["questions", "--db", db, "--waiting", "--json"], env: env)
        let waiting = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let question = try #require(waiting.first { ($0["action"] as? String) == "handoff" }, "\(listed.stdout)")
        let id = try #require(question["message_id"] as? String)
        let text = try #require(question["text"] as? String)

        let wrong = try await CuratorProcess.runAsync(["questions", "reply", id, "--db", db, "--add-to-article", "kb-999"], env: env)
        #expect(wrong.status != 0 && wrong.stderr.contains("no article with id kb-999"), "\(wrong.stderr)")
        let reply = try await CuratorProcess.runAsync(["questions", "reply", id, "--db", db, "--text", "Напишите номер задания — разберём.",
                                                       "--add-to-article", "kb-034"], env: env)
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(reply.stdout.contains("Вопрос добавлен к статье kb-034") && reply.stdout.contains("Ответ поставлен в очередь"), "\(reply.stdout)")
        let file = try String(contentsOfFile: data + "/knowledge-base/034-homework-checking.md", encoding: .utf8)
        #expect(try KnowledgeArticle.parse(file).questions.last == text.split(whereSeparator: \.isWhitespace).joined(separator: " "))

        let again = try await CuratorProcess.runAsync(["ask", text, "--offline", "--json"], env: env, timeout: 600)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], "\(again.stderr)")
        #expect(answer["action"] as? String == "answer" && answer["sources"] as? [String] == ["kb-034"], "\(again.stdout)")
    }
}
