import Foundation

/// What the assistant does with a question.
public struct AssistantReply: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case answer, clarify, handoff }

    /// Why a question went to the curator.
    public enum HandoffReason: String, Sendable, Codable, CaseIterable {
        case refund, complaint, human, anger
        /// Court, regulators, public reviews.
        case threat
        /// Personal data: deletion, someone else in the account.
        case privacy
        /// Health, safety, harassment.
        case safety
        /// The article states the rule, and the case needs a person too.
        case escalation
        /// The knowledge base covers the question too thinly to answer.
        case unsure
        /// Nothing in the knowledge base is about it.
        case outOfScope = "out_of_scope"
        /// A confident answer, kept as a draft: the school has not switched automatic replies on.
        case draft

        public var russian: String {
            switch self {
            case .refund: "возврат денег"
            case .complaint: "жалоба"
            case .human: "просят человека"
            case .anger: "раздражение"
            case .threat: "угроза претензией"
            case .privacy: "личные данные"
            case .safety: "здоровье и безопасность"
            case .escalation: "правило требует куратора"
            case .unsure: "база знаний отвечает неуверенно"
            case .outOfScope: "вне тем школы"
            case .draft: "черновик: автоответы выключены"
            }
        }
    }

    public var action: Action
    public var text: String
    /// Article ids the text is drawn from or offers.
    public var sources: [String]
    public var confidence: Double
    public var handoffReason: HandoffReason?

    public init(action: Action, text: String, sources: [String], confidence: Double, handoffReason: HandoffReason?) {
        self.action = action
        self.text = text
        self.sources = sources
        self.confidence = confidence
        self.handoffReason = handoffReason
    }
}

/// Offline answers from the knowledge base: answer when sure, offer the closest articles when
/// between, hand off to the curator when not, and always when the message needs a person (refunds,
/// complaints, a person asked for, anger, threats, personal data, health and safety; escalating
/// articles). With the question's embedding, articles are ranked by meaning and words together
/// and the hand-off examples are consulted; without it (no embedding model), by words alone.
public struct Assistant: Sendable {
    public let index: KnowledgeIndex
    public let semantic: SemanticIndex?

    /// Words alone: answer at this confidence or above; offer a choice between it and `clarifyAt`.
    public static let answerAt = 0.4
    public static let clarifyAt = 0.2
    /// Below this share of the question's weight, no article is about the question at all.
    public static let outOfScopeBelow = 0.2
    /// An answer matches at least one distinctive word (a common one weighs about 1, a rare one 3–5):
    /// "как дела" or "2+2" matching a stray word is not a question the articles answer.
    public static let answerNeedsWeight = 2.5

    /// Meaning and words: the probability (`ArticleRanking.confidence`) to answer at, to offer a
    /// choice at, and at which an escalating first article is given with the hand-off.
    public static let semanticAnswerAt = 0.85
    public static let semanticClarifyAt = 0.3
    public static let semanticEscalateAt = 0.5

    public init(index: KnowledgeIndex, semantic: SemanticIndex? = nil) {
        self.index = index
        self.semantic = semantic
    }

    /// Confidence: the share of the question's IDF weight the best article matches, scaled by its
    /// lead over the second (full at a 25% lead, 0.3 at a tie): a clear winner is surer than a tie,
    /// and no lead makes up for an article that is about a small part of the question.
    public static func confidence(_ hits: [KnowledgeIndex.Hit]) -> Double {
        guard let best = hits.first else { return 0 }
        let second = hits.count > 1 ? hits[1].score : 0
        let margin = best.score > 0 ? (best.score - second) / best.score : 0
        return best.coverage * (0.3 + 0.7 * min(1, 4 * margin))
    }

    enum Decision: Equatable {
        case answer(Int)
        case clarify([Int])
        case handoff(AssistantReply.HandoffReason, citing: Int?)
        case thanks
    }

    /// `embedding` is the question's (`query: `) embedding by the model `semantic` was built with.
    public func reply(to message: String, embedding: [Float]? = nil) -> AssistantReply {
        let question = MessageText.plain(message)
        let terms = index.queryTerms(question)
        let lexical = index.search(terms, limit: 10)
        let dense = embedding.flatMap { e in semantic.map { $0.nearestArticles(e, limit: 10) } }
        let (decision, confidence) = dense.map { decide(question, embedding: embedding, lexical: lexical, dense: $0) } ?? decide(question, lexical: lexical)
        let nearest = Dictionary((dense ?? []).map { ($0.article, semantic?.passages[$0.nearest].paragraph) }, uniquingKeysWith: { a, _ in a })
        func quote(_ article: Int) -> String { answerText(article, terms: terms, nearestParagraph: nearest[article] ?? nil) }
        switch decision {
        case .thanks:
            return AssistantReply(action: .answer, text: Gratitude.reply, sources: [], confidence: 1, handoffReason: nil)
        case .answer(let article):
            return AssistantReply(action: .answer, text: quote(article) + "\n\n" + Self.curatorLine, sources: [index.articles[article].id],
                                  confidence: confidence, handoffReason: nil)
        case .clarify(let articles):
            let titles = articles.enumerated().map { "\($0.offset + 1). \(index.articles[$0.element].title)" }
            return AssistantReply(action: .clarify, text: Self.clarifyText + "\n" + titles.joined(separator: "\n"),
                                  sources: articles.map { index.articles[$0].id }, confidence: confidence, handoffReason: nil)
        case .handoff(let reason, let article):
            let closest = article ?? (reason == .unsure ? (dense?.first?.article ?? lexical.first?.article) : nil)
            // Sent by the curator as the school: the rules without the assistant's citation.
            func rules(_ a: Int) -> String { answerText(a, terms: terms, nearestParagraph: nearest[a] ?? nil, citing: false) }
            return AssistantReply(action: .handoff, text: HandoffReply.text(reason, rules: article.map(rules), draft: closest.map(rules)),
                                  sources: article.map { [index.articles[$0].id] } ?? [], confidence: confidence, handoffReason: reason)
        }
    }

    /// Words alone.
    private func decide(_ question: String, lexical hits: [KnowledgeIndex.Hit]) -> (Decision, Double) {
        let confidence = Self.confidence(hits)
        let best = hits.first
        // An escalating article is given with the hand-off when it clearly answers (the refund rules).
        let escalating = best.flatMap { index.articles[$0.article].escalate && confidence >= Self.answerAt ? $0.article : nil }
        if let reason = HandoffClassifier.reason(question, embedding: nil, semantic: nil) { return (.handoff(reason, citing: escalating), confidence) }
        if Gratitude.isThanksOnly(question) { return (.thanks, 1) }
        guard let best, best.coverage >= Self.outOfScopeBelow else { return (.handoff(.outOfScope, citing: nil), confidence) }
        if let escalating { return (.handoff(.escalation, citing: escalating), confidence) }
        if confidence >= Self.answerAt && best.matched >= Self.answerNeedsWeight { return (.answer(best.article), confidence) }
        let options = hits.prefix(3).filter { $0.coverage >= Self.outOfScopeBelow }
        // A near tie with an article that needs a person: the person sees it.
        if options.contains(where: { index.articles[$0.article].escalate && $0.score >= 0.8 * best.score }) { return (.handoff(.escalation, citing: nil), confidence) }
        if confidence >= Self.clarifyAt && options.count >= 2 { return (.clarify(options.map(\.article)), confidence) }
        return (.handoff(.unsure, citing: nil), confidence)
    }

    /// Meaning and words.
    private func decide(_ question: String, embedding: [Float]?, lexical: [KnowledgeIndex.Hit], dense: [DenseIndex.Hit]) -> (Decision, Double) {
        let ranking = ArticleRanking(lexical: lexical, dense: dense)
        let confidence = ranking.confidence
        let first = ranking.candidates.first.map(\.article)
        let escalating = first.flatMap { index.articles[$0].escalate && confidence >= Self.semanticEscalateAt ? $0 : nil }
        if let reason = HandoffClassifier.reason(question, embedding: embedding, semantic: semantic) { return (.handoff(reason, citing: escalating), confidence) }
        if Gratitude.isThanksOnly(question) { return (.thanks, 1) }
        if let escalating { return (.handoff(.escalation, citing: escalating), confidence) }
        guard let first, confidence >= Self.semanticClarifyAt else { return (.handoff(.outOfScope, citing: nil), confidence) }
        if confidence >= Self.semanticAnswerAt { return (.answer(first), confidence) }
        let options = ranking.candidates.prefix(3).map(\.article)
        // Between an article that needs a person and another: the person sees it.
        if options.prefix(2).contains(where: { index.articles[$0].escalate }) { return (.handoff(.escalation, citing: nil), confidence) }
        return (.clarify(options), confidence)
    }

    /// The student's answer to a choice of articles: a digit of the offered list (`offered`: their
    /// ids in order) gets that article's answer; anything else is a new question (nil).
    public func choice(_ text: String, offered: [String]) -> AssistantReply? {
        let digits = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        guard let n = Int(digits), digits.count == 1, (1...offered.count).contains(n),
              let article = index.articles.firstIndex(where: { $0.id == offered[n - 1] }) else { return nil }
        let text = answerText(article, terms: index.queryTerms(index.articles[article].title), nearestParagraph: nil)
        return AssistantReply(action: .answer, text: text + "\n\n" + Self.curatorLine, sources: [offered[n - 1]], confidence: 1, handoffReason: nil)
    }

    static let clarifyText = "Уточните, пожалуйста, о чём ваш вопрос — ответьте цифрой:"
    /// How a student reaches a person from any answer (the words `HandoffTrigger` hands off).
    public static let curatorLine = "Если это не ответ на ваш вопрос, напишите «позовите куратора» — куратор ответит сам."

    /// The article's paragraphs nearest the question (in their order): the one nearest in meaning and
    /// the one sharing most of its words, or all of an article of two paragraphs or fewer; then where
    /// it comes from.
    func answerText(_ number: Int, terms: [String], nearestParagraph: Int?, citing: Bool = true) -> String {
        let article = index.articles[number]
        let paragraphs = article.paragraphs
        let source = citing ? "\n\nИсточник: «\(article.title)»" : ""
        guard paragraphs.count > 2 else { return paragraphs.joined(separator: "\n\n") + source }
        let wanted = Set(terms)
        let terms = index.paragraphTerms[number]
        let scored = paragraphs.indices.map { i in
            (i, terms[i].intersection(wanted).reduce(0.0) { $0 + index.idf($1) })
        }
        let byWords = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        let keep = Set(nearestParagraph.map { [$0] + byWords.filter { $0 != nearestParagraph }.prefix(1) } ?? Array(byWords.prefix(2)))
        return paragraphs.indices.filter { keep.contains($0) }.map { paragraphs[$0] }.joined(separator: "\n\n") + source
    }
}
