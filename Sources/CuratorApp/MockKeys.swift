/// Keys for a mock GetCourse: random, so a mock left running is not open to a guessed key.
public enum MockKeys {
    /// `prefix` and 24 characters that cannot be misread (no 0/o, 1/l).
    public static func random(_ prefix: String) -> String {
        var g = SystemRandomNumberGenerator()
        return prefix + (0..<24).map { _ in String("abcdefghijkmnpqrstuvwxyz23456789".randomElement(using: &g)!) }.joined()
    }
}
