/// A one-line text field with a cursor (in graphemes): the filter and the chat input.
public struct TextField: Equatable, Sendable {
    public var text = ""
    public var cursor = 0

    public init(text: String = "") {
        self.text = text
        cursor = text.count
    }

    public mutating func insert(_ s: String) {
        let i = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: s, at: i)
        cursor += s.count
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    }

    public mutating func clear() { self = TextField() }

    /// The line-editing keys both fields share (readline's where it has one: Ctrl-A/E/U/K/W).
    /// False: not an editing key.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .backspace: backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            text.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"): text.removeLast(text.count - cursor)
        case .ctrl("w"):
            // The word before the cursor and the spaces after it.
            var start = cursor
            let chars = Array(text)
            while start > 0 && chars[start - 1].isWhitespace { start -= 1 }
            while start > 0 && !chars[start - 1].isWhitespace { start -= 1 }
            text = String(chars[..<start] + chars[cursor...])
            cursor = start
        default: return false
        }
        return true
    }
}
