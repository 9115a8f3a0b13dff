/// A key as the app sees it, decoded by the backend from ncurses.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case f(Int)

    /// The same physical key on a Russian layout (ЙЦУКЕН), for commands when no text field has
    /// focus: й→q, о→j, л→k, ы→s, ю→. and so on, as the Latin key it sits on.
    public var latinEquivalent: Key {
        guard case .char(let c) = self, let latin = Self.russianToLatin[c] else { return self }
        return .char(latin)
    }

    static let russianToLatin: [Character: Character] = {
        let ru = Array("йцукенгшщзхъфывапролджэячсмитьбю.ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,ё")
        let en = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,./QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?`")
        return Dictionary(uniqueKeysWithValues: zip(ru, en))
    }()
}
