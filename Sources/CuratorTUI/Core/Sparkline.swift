/// Values as a row of block glyphs (▁ to █), one per value: readable without colour.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `maximum` is the value drawn as a full block; 0 and below draw the lowest block, any value above 0 at least the second.
    public static func of(_ values: [Int], maximum: Int) -> String {
        guard maximum > 0 else { return String(repeating: blocks[0], count: values.count) }
        let top = blocks.count - 1
        // Integer ceiling, so the same value always gets the same block.
        return String(values.map { blocks[(max(0, min($0, maximum)) * top + maximum - 1) / maximum] })
    }
}
