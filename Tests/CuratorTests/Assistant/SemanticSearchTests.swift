import Domain
import Foundation
import Integrations
import Storage
import Testing

/// Semantic search over a small knowledge base: passages, their vectors kept in the mirror, the
/// nearest article by the mean of its nearest passages, and the hand-off examples.
@Suite struct SemanticSearchTests {
    static let articles = [
        KnowledgeArticle(id: "kb-a", title: "Вступительное тестирование", tags: ["тест на уровень"], lang: "ru", escalate: false,
                         questions: ["с чего начать если не знаю свой уровень"], body: "Перед обучением ученик проходит письменный тест и собеседование с методистом.\n\nПересдать можно через 30 дней."),
        KnowledgeArticle(id: "kb-b", title: "Двойное списание оплаты", tags: ["списали дважды"], lang: "ru", escalate: true,
                         body: "Если банк провёл платёж дважды, излишек возвращается на карту за 3–10 рабочих дней."),
        KnowledgeArticle(id: "kb-c", title: "Перенос урока", tags: ["перенести занятие"], lang: "ru", escalate: false,
                         body: "Урок переносится бесплатно, если предупредить за 8 часов."),
    ]

    @Test func passagesAreTheTitleTheTagsEachParagraphUnderItsTitleAndEachExampleQuestion() {
        let passages = KnowledgePassage.of(Self.articles)
        #expect(passages.filter { $0.article == 0 }.map(\.text) == [
            "Вступительное тестирование", "Вступительное тестирование. тест на уровень",
            "Вступительное тестирование. Перед обучением ученик проходит письменный тест и собеседование с методистом.",
            "Вступительное тестирование. Пересдать можно через 30 дней.",
            "с чего начать если не знаю свой уровень",
        ])
        #expect(passages.filter { $0.article == 0 }.map(\.kind) == [.text, .text, .text, .text, .question])
        // A question is embedded as a query: its stored vector is not the same text's passage vector.
        #expect(KnowledgePassage(article: 0, text: "x", kind: .question).key != KnowledgePassage(article: 0, text: "x").key)
        #expect(TextFingerprint.of("") == "cbf29ce484222325" && TextFingerprint.of("a") == "af63dc4c8601ec8c")
    }

    @Test func anArticleIsAsNearAsTheMeanOfItsNearestPassages() {
        let index = DenseIndex(items: [0, 1, 1], vectors: [[1, 0], [0, 1], [0.8, 0.6]], dimension: 2)
        let hits = index.search([0.6, 0.8])
        #expect(hits.map(\.article) == [1, 0] && hits.map(\.nearest) == [2, 0])
        #expect(abs(hits[0].similarity - 0.96) < 1e-6 && abs(hits[1].similarity - 0.6) < 1e-6)
        // Two passages: the mean of 0.96 and 0.8.
        let two = index.search([0.6, 0.8], nearest: 2)
        #expect(abs(two[0].similarity - 0.88) < 1e-6 && two[0].nearest == 2 && abs(two[1].similarity - 0.6) < 1e-6)
        #expect(index.search([1, 0, 0]).isEmpty)
    }

    @Test func vectorsAreKeptInTheMirrorAndAParaphraseFindsItsArticle() throws {
        let dir = TestSupport.TempDir()
        let store = try MirrorStore.open(path: dir.file("m.sqlite"))
        let engine = E5EngineTests.engine
        let examples = [HandoffExample(reason: .refund, text: "верните мне деньги за курс"), HandoffExample(reason: nil, text: "как оплатить курс")]
        let first = try SemanticSearch(engine: engine, articles: Self.articles, examples: examples, store: store)
        #expect(first.embedded == KnowledgePassage.of(Self.articles).count + examples.count)
        let again = try SemanticSearch(engine: engine, articles: Self.articles, examples: examples, store: store)
        #expect(again.embedded == 0)
        // No word in common with its article.
        #expect(try again.search("с меня два раза сняли деньги").first?.article == 1)
        #expect(try again.search("хочу сдвинуть завтрашнее занятие на другое время").first?.article == 2)
        #expect(again.index.nearestExamples(try again.embed("хочу назад свои деньги, курс не подошёл"), limit: 1).first?.reason == .refund)
    }

    @Test func storedVectorsComeBackExactly() throws {
        let dir = TestSupport.TempDir()
        let embeddings = EmbeddingStore(try MirrorStore.open(path: dir.file("m.sqlite")))
        let vector: [Float] = [0.25, -1e-7, .pi, -0]
        try embeddings.save(model: "m", vectors: ["k": vector])
        try embeddings.save(model: "m", vectors: ["k": vector])
        #expect(try embeddings.vectors(model: "m") == ["k": vector])
        #expect(try embeddings.vectors(model: "other").isEmpty)
    }
}
