/// Requests that always go to a person, whatever the knowledge base says: refunds, complaints,
/// "call a human", anger. Matched on word beginnings of the folded text, so inflections and most
/// typos at the end of a word still match.
public enum HandoffTrigger: String, Sendable, Codable, CaseIterable {
    case refund, complaint, human, anger

    /// Each rule: every group must match the beginning of some word.
    static let rules: [(HandoffTrigger, [[String]])] = [
        (.refund, [["возврат", "вернут", "вернит", "верни", "вернёт", "вернет", "вернуть"], ["деньг", "денег", "оплат", "средств", "сумм", "плат"]]),
        (.refund, [["возврат"]]),
        (.refund, [["refund", "chargeback"]]),
        (.refund, [["money"], ["back"]]),
        (.complaint, [["жалоб", "пожалова", "пожалуюсь", "претенз", "complain"]]),
        (.human, [["позов", "позва", "соедин", "переключ", "свяжит", "связат", "поговор", "пообща", "дайт", "нужен", "нужна"],
                  ["человек", "куратор", "оператор", "менеджер", "администратор", "руководител", "живого", "живой"]]),
        // "можно куратора?" asks for a person; "можно передать уроки другому человеку" does not.
        (.human, [["можно", "хочу"], ["куратор", "оператор", "менеджер", "администратор", "руководител"]]),
        (.human, [["живой", "живым", "живого"], ["человек", "челове", "оператор"]]),
        (.human, [["human", "person", "operator", "manager", "curator"], ["talk", "speak", "call", "real", "want", "need", "connect"]]),
        (.anger, [["ужас", "отвратител", "безобраз", "обман", "развод", "мошен", "бесит", "бесят", "достал", "позор", "кошмар", "хамств",
                   "хамит", "издева", "беспредел", "идиот", "тупые", "бред", "scam", "disgust", "terrible", "awful", "outrage", "furious"]]),
    ]

    /// The first trigger the text contains, if any.
    public static func find(in text: String) -> HandoffTrigger? {
        let words = SearchTerms.foldedTokens(text)
        for (trigger, groups) in rules where groups.allSatisfy({ g in words.contains { w in g.contains { w.hasPrefix($0) } } }) {
            return trigger
        }
        if shouts(text) { return .anger }
        return nil
    }

    /// Three or more exclamation marks, or a message of several words in capitals.
    static func shouts(_ text: String) -> Bool {
        if text.filter({ $0 == "!" }).count >= 3 { return true }
        let words = text.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 3 }
        return words.count >= 3 && words.allSatisfy { $0 == $0.uppercased() && $0 != $0.lowercased() }
    }
}
