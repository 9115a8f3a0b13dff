import Domain
import Foundation
import Storage
import Testing

@Suite struct SearchTermsTests {
    @Test func foldsCaseYoAndLookAlikesButNeverDiacritics() {
        #expect(SearchTerms.tokens("Ёлка, ЁЖ-123!") == ["елка", "еж", "123"])
        // й is not и.
        #expect(SearchTerms.tokens("Йод ЙОГА") == ["йод", "йога"])
        // A Latin o inside a Cyrillic word, a Cyrillic е inside a Latin one.
        #expect(SearchTerms.terms("урoк") == SearchTerms.terms("урок"))
        #expect(SearchTerms.terms("lеsson") == SearchTerms.terms("lesson"))
        #expect(SearchTerms.terms("домашние задания") == SearchTerms.terms("домашнее задание"))
        #expect(SearchTerms.terms("и в на the of") == [])
    }

    @Test func levelCodesAreLatinWhicheverKeyboardTypedThem() {
        #expect(SearchTerms.terms("а1 в2 с1") == SearchTerms.terms("A1 B2 C1"))
        // A word of look-alike letters stays Russian.
        #expect(SearchTerms.words("как") == [])
        #expect(SearchTerms.words("сова").map(\.script) == [.cyrillic])
    }

    @Test func readsRussianTypedInLatinLetters() {
        #expect(SearchTerms.cyrillicReading("oplatit").text == "оплатит")
        #expect(SearchTerms.cyrillicReading("podgotovka").text == "подготовка")
        #expect(SearchTerms.cyrillicReading("zhurnal").text == "журнал")
        #expect(SearchTerms.cyrillicReading("shchuka").text == "щука")
        #expect(SearchTerms.cyrillicReading("kakoy").text == "какой")
        #expect(SearchTerms.cyrillicReading("vyhod").text == "выход")
    }
}

@Suite struct QuerySynonymsTests {
    @Test func aColloquialWordStandsForTheArticlesWordsInEveryInflection() throws {
        let articles = [KnowledgeArticle(id: "kb-hw", title: "Где найти домашнее задание", tags: [], lang: "ru", escalate: false, body: "В уроке.")]
        let synonyms = try QuerySynonyms.parse("# comment\nдомашка: домашнее задание\n\nhomework: домашнее задание\n")
        let index = KnowledgeIndex(articles, synonyms: synonyms)
        #expect(index.queryTerms("где домашку найти") == SearchTerms.terms("домашнее задание найти"))
        #expect(index.queryTerms("homework") == SearchTerms.terms("домашнее задание"))
        // Russian in Latin letters is read back when the articles know the word; function words go.
        #expect(index.queryTerms("kak nayti zadanie") == SearchTerms.terms("найти задание"))
    }

    @Test func aBrokenLineIsNamed() {
        #expect(throws: QuerySynonyms.ParseError(line: 2, problem: "expected \"word: the words it stands for\"")) {
            try QuerySynonyms.parse("дз: домашнее задание\nдомашка")
        }
        #expect(throws: QuerySynonyms.ParseError(line: 1, problem: "\"домашнее задание\" must be one word that is not a stop word")) {
            try QuerySynonyms.parse("домашнее задание: урок")
        }
        #expect(throws: QuerySynonyms.ParseError(line: 2, problem: "\"домашку\" is listed twice")) {
            try QuerySynonyms.parse("домашка: задание\nдомашку: задание")
        }
        #expect(throws: QuerySynonyms.ParseError(line: 1, problem: "\"и в\" holds no searchable word")) {
            try QuerySynonyms.parse("дз: и в")
        }
    }

    @Test func theSchoolsSynonymsLoad() throws {
        let index = try KnowledgeBaseFiles.index(directory: TestSupport.dataDir)
        #expect(index.queryTerms("дз") == SearchTerms.terms("домашнее задание"))
    }
}

@Suite struct AssistantEvaluationTests {
    @Test func parsesTheLabelledSetAndNamesABrokenLine() throws {
        let set = try LabelledQuestion.parse("# c\nanswer\tkb-1, kb-2\tгде дз\r\nhandoff\t\tверните деньги\nout\t\tборщ\n")
        #expect(set == [LabelledQuestion(expected: .answer(["kb-1", "kb-2"]), text: "где дз", line: 2),
                        LabelledQuestion(expected: .handoff, text: "верните деньги", line: 3),
                        LabelledQuestion(expected: .outOfScope, text: "борщ", line: 4)])
        #expect(throws: LabelledQuestion.ParseError(line: 1, problem: "expected 3 tab-separated fields, found 2")) {
            try LabelledQuestion.parse("answer\tгде дз")
        }
        #expect(throws: LabelledQuestion.ParseError(line: 1, problem: "an answer needs at least one article id")) {
            try LabelledQuestion.parse("answer\t\tгде дз")
        }
        #expect(throws: LabelledQuestion.ParseError(line: 1, problem: "unknown expected action \"maybe\" (answer, handoff or out)")) {
            try LabelledQuestion.parse("maybe\t\tгде дз")
        }
    }

    @Test func countsResolutionPrecisionRecallAndRefusal() {
        func reply(_ action: AssistantReply.Action, _ sources: [String] = [], _ reason: AssistantReply.HandoffReason? = nil) -> AssistantReply {
            AssistantReply(action: action, text: "", sources: sources, confidence: 0.5, handoffReason: reason)
        }
        let replies: [String: AssistantReply] = [
            "right": reply(.answer, ["kb-1"]), "wrong": reply(.answer, ["kb-9"]), "clarified": reply(.clarify, ["kb-1", "kb-2"]),
            "refund": reply(.handoff, [], .refund), "missed": reply(.answer, ["kb-3"]),
            "borscht": reply(.handoff, [], .outOfScope), "weather": reply(.answer, ["kb-4"]),
        ]
        let set = [
            LabelledQuestion(expected: .answer(["kb-1"]), text: "right", line: 1),
            LabelledQuestion(expected: .answer(["kb-1"]), text: "wrong", line: 2),
            LabelledQuestion(expected: .answer(["kb-1"]), text: "clarified", line: 3),
            LabelledQuestion(expected: .handoff, text: "refund", line: 4),
            LabelledQuestion(expected: .handoff, text: "missed", line: 5),
            LabelledQuestion(expected: .outOfScope, text: "borscht", line: 6),
            LabelledQuestion(expected: .outOfScope, text: "weather", line: 7),
        ]
        let e = AssistantEvaluation.evaluate(set) { replies[$0]! }
        #expect(e.resolutionRate == 1.0 / 3 && e.precision == 1.0 / 4 && e.handoffRecall == 0.5 && e.outOfScopeRefusal == 0.5)
        #expect(e.clarified == 1 && e.misses.map(\.line) == [2, 3, 5, 7])
    }
}

@Suite struct KnowledgeArticleTests {
    @Test func parsesFrontMatterAndNamesTheBrokenField() throws {
        let a = try KnowledgeArticle.parse("---\nid: kb-1\ntitle: Оплата\ntags: [оплата, карта]\nlang: ru\nescalate: true\n---\n\nТекст.\n\nЕщё абзац.")
        #expect(a.id == "kb-1" && a.tags == ["оплата", "карта"] && a.escalate && a.paragraphs == ["Текст.", "Ещё абзац."])
        #expect(throws: KnowledgeArticle.ParseError(field: "title", problem: "is missing")) {
            try KnowledgeArticle.parse("---\nid: kb-1\ntags: [a]\nlang: ru\n---\nТекст")
        }
        #expect(throws: KnowledgeArticle.ParseError(field: "escalate", problem: "must be true or false")) {
            try KnowledgeArticle.parse("---\nid: kb-1\ntitle: T\ntags: [a]\nlang: ru\nescalate: maybe\n---\nТекст")
        }
        #expect(throws: KnowledgeArticle.ParseError(field: "front matter", problem: "must start and end with a line of ---")) {
            try KnowledgeArticle.parse("id: kb-1\nТекст")
        }
    }

    @Test func theSchoolsKnowledgeBaseLoadsAndABrokenFileIsNamed() throws {
        let articles = try KnowledgeBaseFiles.load(directory: TestSupport.dataDir)
        #expect(articles.count >= 90)
        #expect(articles.contains { $0.escalate })
        let dir = TestSupport.TempDir()
        let kb = dir.path + "/knowledge-base"
        try FileManager.default.createDirectory(atPath: kb, withIntermediateDirectories: true)
        try "---\nid: kb-1\ntitle: T\ntags: [a]\nlang: ru\n---\n".write(toFile: kb + "/001-x.md", atomically: true, encoding: .utf8)
        #expect(throws: SchoolDataError(file: kb + "/001-x.md", field: "body", problem: "is empty")) {
            try KnowledgeBaseFiles.load(directory: dir.path)
        }
    }
}

@Suite struct AssistantTests {
    static let articles = [
        KnowledgeArticle(id: "kb-pay", title: "Способы оплаты", tags: ["оплата", "карта", "рассрочка"], lang: "ru", escalate: false,
                         body: "Оплатить курс можно картой любого банка, через СБП или в рассрочку на 6 месяцев."),
        KnowledgeArticle(id: "kb-mic", title: "Не работает микрофон или камера", tags: ["микрофон", "камера", "звук"], lang: "ru", escalate: false,
                         body: "Проверьте разрешения браузера и выберите нужный микрофон в настройках Zoom."),
        KnowledgeArticle(id: "kb-refund", title: "Возврат денег", tags: ["возврат", "деньги"], lang: "ru", escalate: true,
                         body: "Вернуть деньги можно за неиспользованные уроки по заявлению в течение 14 дней."),
        KnowledgeArticle(id: "kb-freeze", title: "Заморозка обучения", tags: ["заморозка", "пауза", "заморозить"], lang: "ru", escalate: true,
                         body: "Обучение можно заморозить один раз до 30 дней по заявлению куратору."),
        KnowledgeArticle(id: "kb-hw", title: "Сроки сдачи домашних заданий", tags: ["домашка", "дедлайн"], lang: "ru", escalate: false,
                         body: "Домашнее задание нужно сдать до начала следующего урока."),
        KnowledgeArticle(id: "kb-hw2", title: "Повторная сдача домашнего задания", tags: ["пересдача", "домашка"], lang: "ru", escalate: false,
                         body: "Отклонённое домашнее задание можно сдать повторно в течение недели."),
    ]
    let assistant = Assistant(index: KnowledgeIndex(articles))

    @Test func answersWhenSureAndCitesTheArticle() {
        let r = assistant.reply(to: "не работает микрафон на уроке")  // a typo in the key word
        #expect(r.action == .answer)
        #expect(r.sources == ["kb-mic"])
        #expect(r.text.contains("Zoom") && r.text.contains("«Не работает микрофон или камера»"))
        #expect(r.confidence >= Assistant.answerAt)
    }

    @Test func handsOffRefundsComplaintsPeopleAndAnger() {
        for (q, reason) in [("верните деньги за курс", AssistantReply.HandoffReason.refund), ("хочу оставить жалобу на преподавателя", .complaint),
                            ("позовите человека", .human), ("можно поговорить с куратором?", .human), ("это просто обман!!!", .anger),
                            ("I want a refund", .refund), ("ПОЧЕМУ НИКТО НЕ ОТВЕЧАЕТ", .anger)] {
            let r = assistant.reply(to: q)
            #expect(r.action == .handoff && r.handoffReason == reason, "\(q): \(r.action) \(String(describing: r.handoffReason))")
        }
        // Polite words alone are no complaint.
        #expect(assistant.reply(to: "подскажите пожалуйста способы оплаты").action == .answer)
    }

    /// Thanks asks nothing: no article is sent for "полезно"; thanks with a question is a question.
    @Test func thanksGetsThanksNotAnArticle() {
        for q in ["Спасибо за урок, было очень полезно! 🙌", "спс", "Thanks a lot!"] {
            let r = assistant.reply(to: q)
            #expect(r.action == .answer && r.sources.isEmpty && r.text == Gratitude.reply, "\(q)")
        }
        #expect(assistant.reply(to: "спасибо, а как оплатить в рассрочку").sources == ["kb-pay"])
        #expect(assistant.reply(to: "спасибо, но это обман!!!").handoffReason == .anger)
    }

    @Test func escalatingArticlesGiveTheRuleAndHandOff() {
        let r = assistant.reply(to: "можно ли заморозить обучение на месяц")
        #expect(r.action == .handoff && r.handoffReason == .escalation, "\(r)")
        #expect(r.sources == ["kb-freeze"] && r.text.contains("до 30 дней") && r.text.contains("куратор"))
        // A refund is handed off, with the refund rules when an escalating article gives them.
        let refund = assistant.reply(to: "какие условия возврата денег за неиспользованные уроки")
        #expect(refund.action == .handoff && refund.handoffReason == .refund)
        #expect(refund.sources == ["kb-refund"] && refund.text.contains("14 дней"))
    }

    @Test func outOfScopeIsNeverAnsweredWithARandomArticle() {
        for q in ["как приготовить борщ", "какая погода завтра в москве", "кто выиграл чемпионат мира"] {
            let r = assistant.reply(to: q)
            #expect(r.action == .handoff && r.handoffReason == .outOfScope && r.sources.isEmpty, "\(q)")
        }
    }

    @Test func offersTheClosestArticlesWhenBetweenTwo() {
        let r = assistant.reply(to: "домашнее задание сдача")
        #expect(r.action == .clarify, "\(r)")
        #expect(Set(r.sources) == ["kb-hw", "kb-hw2"])
        #expect(r.text.contains("Сроки сдачи домашних заданий") && r.text.contains("Повторная сдача домашнего задания"))
    }
}
