/// Whether a message needs a person before any article is looked for: the rules (refunds,
/// complaints, a person asked for, anger), then the school's hand-off examples by nearness in
/// meaning, so that "куратор третий день не отвечает, я крайне недовольна" is a complaint without
/// the word.
public enum HandoffClassifier {
    /// The nearest hand-off example is at least this near...
    public static let nearAt: Float = 0.88
    /// ...and nearer than the nearest example that needs no person by this much.
    public static let clearBy: Float = 0.02

    /// A message this near an article's example question is one the school said the article
    /// answers (the curator added it): the examples do not overrule that, the rules still do.
    public static let taughtAt: Float = 0.97

    public static func reason(_ text: String, embedding: [Float]?, semantic: SemanticIndex?) -> AssistantReply.HandoffReason? {
        if let trigger = HandoffTrigger.find(in: text) { return AssistantReply.HandoffReason(rawValue: trigger.rawValue) }
        guard let embedding, let semantic, semantic.nearestExampleQuestion(embedding) < taughtAt else { return nil }
        let nearest = semantic.nearestExamples(embedding, limit: 10)
        guard let person = nearest.first(where: { $0.reason != nil }), let reason = person.reason, person.similarity >= nearAt else { return nil }
        let none = nearest.first(where: { $0.reason == nil })?.similarity ?? -1
        return person.similarity - none >= clearBy ? reason : nil
    }
}
