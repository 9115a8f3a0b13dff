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

/// A horizontal bar of block glyphs, in eighths of a column: readable without colour.
public enum BarChart {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// `width` columns is `maximum`; any value above 0 shows at least a sliver, 0 shows nothing.
    public static func bar(_ value: Double, maximum: Double, width: Int) -> String {
        guard maximum > 0, value > 0, width > 0, value.isFinite else { return "" }
        let units = Int((min(value, maximum) / maximum * Double(width * 8)).rounded())
        var s = String(repeating: "█", count: units / 8)
        if units % 8 > 0 { s.append(eighths[units % 8 - 1]) }
        return s.isEmpty ? "▏" : s
    }
}
