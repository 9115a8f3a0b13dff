/// A message that only thanks ("Спасибо за урок, было очень полезно! 🙌"): it asks nothing, so no
/// article answers it — matching "полезно" to some article would be a wrong answer, not a polite one.
public enum Gratitude {
    static let thanks: Set<String> = ["спасибо", "спасибочки", "спс", "благодарю", "благодарим", "thanks", "thank", "thx", "ty"]
    static let asking: Set<String> = [
        "как", "где", "когда", "почему", "зачем", "сколько", "какой", "какая", "какие", "какое", "можно", "нужно", "подскажите",
        "скажите", "что", "кто", "ли", "но", "однако", "how", "where", "when", "why", "what", "can", "could", "which", "but",
    ]

    public static func isThanksOnly(_ text: String) -> Bool {
        guard !text.contains("?") else { return false }
        let tokens = SearchTerms.foldedTokens(text)
        return tokens.contains(where: thanks.contains) && !tokens.contains(where: asking.contains)
    }

    public static let reply = "Спасибо, что написали! Если появятся вопросы — пишите, я на связи 🙂"
}
