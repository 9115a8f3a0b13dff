/// A share as people read it: whole percent.
public enum Percent {
    /// 0.456 → 46.
    public static func whole(_ share: Double) -> Int { Int((share * 100).rounded()) }

    /// 0.456 → «46%»; a missing or non-finite share → «—».
    public static func text(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "—" }
        return "\(whole(share))%"
    }
}
