import Foundation

/// What the assistant does with a question.
public struct AssistantReply: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case answer, clarify, handoff }

    /// Why a question went to the curator.
    public enum HandoffReason: String, Sendable, Codable {
        case refund, complaint, human, anger
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
/// between, hand off to the curator when not (and always for refunds, complaints, "call a human",
/// anger and escalating articles).
public struct Assistant: Sendable {
    public let index: KnowledgeIndex

    /// Answer at this confidence or above; offer a choice between it and `clarifyAt`.
    public static let answerAt = 0.4
    public static let clarifyAt = 0.2
    /// Below this share of the question's weight, no article is about the question at all.
    public static let outOfScopeBelow = 0.2
    /// An answer matches at least one distinctive word (a common one weighs about 1, a rare one 3–5):
    /// "как дела" or "2+2" matching a stray word is not a question the articles answer.
    public static let answerNeedsWeight = 2.5

    public init(index: KnowledgeIndex) { self.index = index }

    /// Confidence: the share of the question's IDF weight the best article matches, scaled by its
    /// lead over the second (full at a 25% lead, 0.3 at a tie): a clear winner is surer than a tie,
    /// and no lead makes up for an article that is about a small part of the question.
    public static func confidence(_ hits: [KnowledgeIndex.Hit]) -> Double {
        guard let best = hits.first else { return 0 }
        let second = hits.count > 1 ? hits[1].score : 0
        let margin = best.score > 0 ? (best.score - second) / best.score : 0
        return best.coverage * (0.3 + 0.7 * min(1, 4 * margin))
    }

    public func reply(to question: String) -> AssistantReply {
        let terms = index.queryTerms(question)
        let hits = index.search(terms)
        let confidence = Self.confidence(hits)
        let best = hits.first.map { (hit: $0, article: index.articles[$0.article]) }
        func handoff(_ reason: AssistantReply.HandoffReason, citing number: Int? = nil) -> AssistantReply {
            guard let number else { return AssistantReply(action: .handoff, text: Self.handoffText, sources: [], confidence: confidence, handoffReason: reason) }
            return AssistantReply(action: .handoff, text: answerText(number, terms: terms) + "\n\n" + Self.escalationText,
                                  sources: [index.articles[number].id], confidence: confidence, handoffReason: reason)
        }
        // An escalating article is given with the hand-off when it clearly answers (the refund rules).
        let escalating = best.flatMap { $0.article.escalate && confidence >= Self.answerAt ? $0.hit.article : nil }
        if let trigger = HandoffTrigger.find(in: question) {
            return handoff(AssistantReply.HandoffReason(rawValue: trigger.rawValue)!, citing: escalating)
        }
        if Gratitude.isThanksOnly(question) {
            return AssistantReply(action: .answer, text: Gratitude.reply, sources: [], confidence: 1, handoffReason: nil)
        }
        guard let best, best.hit.coverage >= Self.outOfScopeBelow else { return handoff(.outOfScope) }
        if let escalating { return handoff(.escalation, citing: escalating) }
        if confidence >= Self.answerAt && best.hit.matched >= Self.answerNeedsWeight {
            return AssistantReply(action: .answer, text: answerText(best.hit.article, terms: terms), sources: [best.article.id], confidence: confidence,
                                  handoffReason: nil)
        }
        let options = hits.prefix(3).filter { $0.coverage >= Self.outOfScopeBelow }
        // A near tie with an article that needs a person: the person sees it.
        if options.contains(where: { index.articles[$0.article].escalate && $0.score >= 0.8 * best.hit.score }) { return handoff(.escalation) }
        if confidence >= Self.clarifyAt && options.count >= 2 {
            let titles = options.enumerated().map { "\($0.offset + 1). \(index.articles[$0.element.article].title)" }
            return AssistantReply(action: .clarify, text: "Уточните, пожалуйста, о чём вопрос:\n" + titles.joined(separator: "\n"),
                                  sources: options.map { index.articles[$0.article].id }, confidence: confidence, handoffReason: nil)
        }
        return handoff(.unsure)
    }

    /// The best article's answer whatever the confidence (a draft for the curator), if any article
    /// is about the question at all.
    public func closestAnswer(to question: String) -> String? {
        let terms = index.queryTerms(question)
        guard let best = index.search(terms, limit: 1).first, best.coverage >= Self.outOfScopeBelow else { return nil }
        return answerText(best.article, terms: terms)
    }

    public static let handoffText = "Передаю ваш вопрос куратору — он ответит в ближайшее время."
    static let escalationText = "Этот вопрос решает куратор: я передал ему ваше сообщение, он свяжется с вами."

    /// The article's paragraphs that match the question best (in their order), or all of a short one.
    func answerText(_ number: Int, terms: [String]) -> String {
        let article = index.articles[number]
        let paragraphs = article.paragraphs
        let source = "Источник: «\(article.title)»"
        guard article.body.count > 900, paragraphs.count > 2 else { return article.body + "\n\n" + source }
        let wanted = Set(terms)
        let terms = index.paragraphTerms[number]
        let scored = paragraphs.indices.map { i in
            (i, terms[i].intersection(wanted).reduce(0.0) { $0 + index.idf($1) })
        }
        let keep = Set(scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(2).map(\.0))
        return paragraphs.indices.filter { keep.contains($0) }.map { paragraphs[$0] }.joined(separator: "\n\n") + "\n\n" + source
    }
}
