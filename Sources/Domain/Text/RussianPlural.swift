/// Russian noun forms after a number: 1 день, 2 дня, 5 дней, 11 дней, 21 день.
public enum RussianPlural {
    public static func form(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let d10 = abs(n) % 10, d100 = abs(n) % 100
        if d10 == 1 && d100 != 11 { return one }
        if (2...4).contains(d10) && !(12...14).contains(d100) { return few }
        return many
    }

    /// "9 дней", "1 день".
    public static func count(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        "\(n) \(form(n, one, few, many))"
    }

    public static func days(_ n: Int) -> String { count(n, "день", "дня", "дней") }
    public static func students(_ n: Int) -> String { form(n, "ученик", "ученика", "учеников") }
}
