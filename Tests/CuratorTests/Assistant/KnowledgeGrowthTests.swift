import Domain
import Foundation
import Integrations
import Storage
import Testing

/// The FAQ grows from real traffic: a student's question the curator answered is added to an
/// article's example questions, and the running assistant uses it for the next such question.
@Suite struct KnowledgeGrowthTests {
    static let article = "---\nid: kb-pay\ntitle: Способы оплаты\ntags: [оплата, карта]\nlang: ru\nescalate: false\n---\n\nОплатить курс можно картой или через СБП."

    @Test func aQuestionIsAddedToTheFrontMatterOnceOnOneLine() throws {
        let added = try #require(try KnowledgeArticle.adding(question: "а <b>можно</b>\nкартой?", to: Self.article))
        #expect(try KnowledgeArticle.parse(added).questions == ["а можно картой?"])
        #expect(added.hasSuffix("Оплатить курс можно картой или через СБП."))
        let twice = try #require(try KnowledgeArticle.adding(question: "через сбп можно?", to: added))
        #expect(try KnowledgeArticle.parse(twice).questions == ["а можно картой?", "через сбп можно?"])
        #expect(try KnowledgeArticle.adding(question: "а можно картой?", to: twice) == nil)
        #expect(throws: KnowledgeArticle.ParseError(field: "questions", problem: "the question is empty")) {
            try KnowledgeArticle.adding(question: " \n ", to: Self.article)
        }
    }

    @Test func theRunningAssistantAnswersWhatTheCuratorTaughtIt() throws {
        let dir = TestSupport.TempDir()
        let kb = dir.file("knowledge-base")
        try FileManager.default.createDirectory(atPath: kb, withIntermediateDirectories: true)
        try Self.article.write(toFile: kb + "/001-pay.md", atomically: true, encoding: .utf8)
        try "---\nid: kb-mic\ntitle: Не работает микрофон\ntags: [микрофон, звук]\nlang: ru\nescalate: false\n---\n\nПроверьте разрешения браузера."
            .write(toFile: kb + "/002-mic.md", atomically: true, encoding: .utf8)
        let path = dir.path
        let knowledge = try KnowledgeBase(directory: path) {
            KnowledgeBase.Loaded(index: try KnowledgeBaseFiles.index(directory: path), semantic: nil)
        }
        let service = AssistantService(knowledge: knowledge, store: nil, model: nil)
        let question = "рассчитаться долларами с зарубежного счёта реально?"
        #expect(service.offlineReply(to: question).action != .answer)
        #expect(try KnowledgeBaseFiles.addQuestion(question, toArticle: "kb-pay", directory: dir.path))
        #expect(try !KnowledgeBaseFiles.addQuestion(question, toArticle: "kb-pay", directory: dir.path))
        let taught = service.offlineReply(to: "можно ли рассчитаться долларами с зарубежного счёта?")
        #expect(taught.action == .answer && taught.sources == ["kb-pay"], "\(taught)")
        #expect(throws: SchoolDataError(file: kb, field: "", problem: "no article with id kb-none")) {
            try KnowledgeBaseFiles.addQuestion(question, toArticle: "kb-none", directory: dir.path)
        }
        // A broken edit keeps the articles loaded before it.
        try "---\nid: kb-x\n---\n".write(toFile: kb + "/003-broken.md", atomically: true, encoding: .utf8)
        #expect(service.offlineReply(to: "можно ли рассчитаться долларами с зарубежного счёта?").sources == ["kb-pay"])
        #expect(knowledge.reloadFailure?.contains("003-broken.md") == true)
    }
}
