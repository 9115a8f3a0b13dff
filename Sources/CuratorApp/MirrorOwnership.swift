/// Whose school a mirror file holds, and what a sync of `identity` (an account's host, or the demo's
/// `DemoSchool.identity`) may do with it. A mirror holds one school: a demo mirror is made-up data and
/// is emptied for whichever school comes next; a real account's mirror is never mixed with another
/// account's or with the demo.
public enum MirrorOwnership: Equatable, Sendable {
    /// The mirror is this school's already.
    case keep
    /// A new mirror: it becomes this school's.
    case claim
    /// A simulated school's mirror: emptied, then this school's.
    case resetDemo
    /// Another school's real data: the sync must not touch it (another file is needed).
    case refuse(owner: String)

    /// `current`: the owner the mirror records, nil for a new mirror.
    public static func decide(current: String?, identity: String) -> MirrorOwnership {
        guard let current else { return .claim }
        if current == identity { return .keep }
        if current.hasPrefix("demo") { return .resetDemo }
        return .refuse(owner: current)
    }
}
