/// Where the panes go at a given terminal size. Shared by `view` (drawing) and `update` (paging),
/// so a page is exactly the rows on screen.
public struct Layout: Equatable, Sendable {
    public struct Rect: Equatable, Sendable {
        public var x, y, width, height: Int
    }

    public static let minWidth = 60
    public static let minHeight = 16

    public var students: Rect?
    public var progress: Rect?
    /// The pane under the progress pane: alerts or chat, whichever was used last.
    public var lower: Rect?
    /// On a narrow screen one pane fills the body.
    public var single: Rect?

    /// Everything between the title bar and the status bar (the metrics screen takes it whole).
    public var body: Rect

    public init(_ size: TermSize) {
        body = Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 2))
        if size.width >= 100 {
            let left = size.width * 11 / 20
            students = Rect(x: 0, y: body.y, width: left, height: body.height)
            let top = body.height * 11 / 20
            progress = Rect(x: left, y: body.y, width: size.width - left, height: top)
            lower = Rect(x: left, y: body.y + top, width: size.width - left, height: body.height - top)
        } else {
            single = body
        }
    }

    public static func tooSmall(_ size: TermSize) -> Bool { size.width < minWidth || size.height < minHeight }

    /// Student rows that fit (the pane has a border and a header line).
    public var studentRows: Int { max(1, ((students ?? single)?.height ?? 3) - 3) }
}
