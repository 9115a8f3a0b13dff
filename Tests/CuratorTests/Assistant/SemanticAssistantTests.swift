import Domain
import Foundation
import Integrations
import Storage
import Testing

/// The assistant with meaning: the hand-off examples, the mixed ranking and its confidence, the
/// replies it writes, and a choice answered with a digit.
@Suite struct SemanticAssistantTests {
    @Test func articlesListTheirExampleQuestionsAndABrokenOneIsNamed() throws {
        let a = try KnowledgeArticle.parse("---\nid: kb-1\ntitle: Оплата\ntags: [оплата]\nlang: ru\nquestions:\n  - как заплатить частями?\n  - можно картой: visa\nescalate: false\n---\nТекст.")
        #expect(a.questions == ["как заплатить частями?", "можно картой: visa"] && !a.escalate)
        #expect(throws: KnowledgeArticle.ParseError(field: "questions", problem: "each question is a line `  - question`")) {
            try KnowledgeArticle.parse("---\nid: kb-1\ntitle: T\ntags: [a]\nlang: ru\nquestions:\n  как заплатить\n---\nТекст")
        }
        let shipped = try KnowledgeBaseFiles.load(directory: TestSupport.dataDir)
        #expect(shipped.allSatisfy { $0.questions.count >= 3 })
    }

    @Test func handOffExamplesParseAndABrokenLineIsNamed() throws {
        let examples = try HandoffExample.parse("# comment\nrefund\tверните деньги\nnone\tкак оплатить\n")
        #expect(examples == [HandoffExample(reason: .refund, text: "верните деньги"), HandoffExample(reason: nil, text: "как оплатить")])
        #expect(throws: LineError(line: 2, problem: "unknown reason \"unsure\" (refund, complaint, human, anger, threat, privacy, safety, none)")) {
            try HandoffExample.parse("refund\tx\nunsure\ty")
        }
        #expect(throws: LineError(line: 1, problem: "expected `reason<TAB>message`, found 1 fields")) { try HandoffExample.parse("refund верните") }
        let shipped = try KnowledgeBaseFiles.handoffExamples(directory: TestSupport.dataDir)
        for reason in HandoffExample.reasons { #expect(shipped.filter { $0.reason == reason }.count >= 20, "\(reason)") }
        #expect(shipped.filter { $0.reason == nil }.count >= 50)
    }

    /// Two-dimensional stand-ins for embeddings: the classifier goes by the nearest example and its lead.
    @Test func aMessageNearAHandOffExampleAndClearOfTheOthersGoesToAPerson() {
        let index = SemanticIndex(articles: DenseIndex(items: [], vectors: [], dimension: 2), passages: [],
                                  examples: DenseIndex(items: [0, 1], vectors: [[1, 0], [0.6, 0.8]], dimension: 2), exampleReasons: [.complaint, nil])
        func reason(_ v: [Float]) -> AssistantReply.HandoffReason? { HandoffClassifier.reason("куратор молчит", embedding: v, semantic: index) }
        #expect(reason([1, 0]) == .complaint)
        #expect(reason([0.6, 0.8]) == nil)
        #expect(reason([0.95, 0.32]) == .complaint)  // 0.95 to the complaint, 0.83 to the other
        #expect(reason([0.9, 0.44]) == nil)  // 0.90 to the complaint but 0.89 to the other: too close to call
        #expect(reason([0.8, 0.6]) == nil)  // nearest the complaint, but not near enough
        // The rules come first, and need no embedding.
        #expect(HandoffClassifier.reason("верните деньги", embedding: nil, semantic: nil) == .refund)
    }

    @Test func theRankingMixesMeaningAndWordsAndAClearWinnerIsSurerThanATie() {
        func hit(_ a: Int, _ score: Double, _ coverage: Double) -> KnowledgeIndex.Hit { KnowledgeIndex.Hit(article: a, score: score, coverage: coverage, matched: 5) }
        let dense = [DenseIndex.Hit(article: 1, similarity: 0.90, nearest: 0), DenseIndex.Hit(article: 0, similarity: 0.89, nearest: 1)]
        // Meaning nearly tied: the words decide.
        let mixed = ArticleRanking(lexical: [hit(0, 10, 0.8), hit(1, 2, 0.2)], dense: dense)
        #expect(mixed.candidates.map(\.article) == [0, 1] && !mixed.unanimous)
        let clear = ArticleRanking(lexical: [hit(1, 10, 0.9)], dense: [DenseIndex.Hit(article: 1, similarity: 0.93, nearest: 0),
                                                                       DenseIndex.Hit(article: 0, similarity: 0.82, nearest: 1)])
        #expect(clear.unanimous && clear.candidates.first?.article == 1)
        #expect(clear.confidence > 0.9 && mixed.confidence < clear.confidence)
        #expect(ArticleRanking(lexical: [], dense: []).confidence == 0)
    }

    @Test func aHandOffsSuggestedReplyIsTheSchoolSpeakingAndAsksWhatIsNeeded() {
        for reason in AssistantReply.HandoffReason.allCases where reason != .draft {
            let text = HandoffReply.text(reason, rules: nil, draft: nil)
            #expect(text.hasPrefix("Здравствуйте!") && !text.contains("передал") && !text.contains("куратору"), "\(reason): \(text)")
        }
        #expect(HandoffReply.text(.refund, rules: nil, draft: nil).contains("за какой курс или пакет"))
        let withRules = HandoffReply.text(.escalation, rules: "Заморозка — до 30 дней.", draft: nil)
        #expect(withRules.contains("до 30 дней") && withRules.contains("займусь"))
        #expect(HandoffReply.text(.unsure, rules: nil, draft: "Ближайшая статья.").contains("Ближайшая статья."))
    }

    @Test func markupAndTerminalCodesAreNotSearchedAsWords() {
        let assistant = Assistant(index: KnowledgeIndex(AssistantTests.articles))
        for q in ["<b>не работает микрофон</b>", "<script>alert(1)</script> не работает микрофон", "не работает \u{1B}[31mмикрофон\u{1B}[0m",
                  "\u{1B}]8;;http://x.invalid\u{07}не работает микрофон\u{1B}]8;;\u{07}"] {
            #expect(assistant.reply(to: q).sources == ["kb-mic"], "\(q)")
        }
        #expect(MessageText.plain("a<b>c</b> 2 < 3 > 1") == "a c  2 < 3 > 1")
    }

    @Test func aDigitAnswersTheChoiceOffered() {
        let assistant = Assistant(index: KnowledgeIndex(AssistantTests.articles))
        let choice = assistant.reply(to: "домашнее задание сдача")
        #expect(choice.action == .clarify && choice.text.contains("цифрой") && choice.text.contains("1. "))
        let second = assistant.choice(" 2. ", offered: choice.sources)
        #expect(second?.action == .answer && second?.sources == [choice.sources[1]])
        #expect(second?.text.contains(Assistant.curatorLine) == true)
        #expect(choice.sources.count == 2 && assistant.choice("3", offered: choice.sources) == nil)
        #expect(assistant.choice("а как сдать?", offered: choice.sources) == nil)
        #expect(assistant.choice("12", offered: choice.sources) == nil)
    }

    /// The real model on a small knowledge base: a polite complaint with no rule's word is handed
    /// off by the examples, a paraphrase finds its article, and the reply quotes it.
    @Test func withTheModelAPoliteComplaintIsHandedOffAndAParaphraseAnswered() throws {
        let examples = [
            HandoffExample(reason: .complaint, text: "куратор не отвечает уже несколько дней, я очень недовольна"),
            HandoffExample(reason: .complaint, text: "хочу выразить недовольство качеством обучения"),
            HandoffExample(reason: .refund, text: "верните деньги за курс, он мне не подошёл"),
            HandoffExample(reason: nil, text: "как связаться с куратором"),
            HandoffExample(reason: nil, text: "можно оплатить частями"),
        ]
        let search = try SemanticSearch(engine: E5EngineTests.engine, articles: AssistantTests.articles, examples: examples, store: nil)
        let assistant = Assistant(index: KnowledgeIndex(AssistantTests.articles), semantic: search.index)
        func reply(_ q: String) throws -> AssistantReply { assistant.reply(to: q, embedding: try search.embed(q)) }
        let complaint = try reply("уже третий день жду ответа от куратора, крайне разочарована вашим сервисом")
        #expect(complaint.action == .handoff && complaint.handoffReason == .complaint, "\(complaint)")
        #expect(complaint.text.hasPrefix("Здравствуйте!"))
        let out = try reply("какая завтра погода в Казани")
        #expect(out.action != .answer, "\(out)")
    }
}
