import Domain
import Foundation

/// Columns padded by display width (Cyrillic is one column, emoji two), clipped to keep lines short.
public func printTable(header: [String], rows: [[String]], maxColumn: Int = 40) {
    for line in alignedLines([header] + rows, maxColumn: maxColumn) { print(line) }
}

/// Rows as lines of columns padded by display width: left-aligned, or right-aligned (figures) where
/// a column is not in `textColumns` (nil: every column is text).
public func alignedLines(_ rows: [[String]], textColumns: Set<Int>? = nil, maxColumn: Int = .max) -> [String] {
    let clipped = rows.map { $0.map { DisplayWidth.clip($0, to: maxColumn) } }
    var widths = Array(repeating: 0, count: clipped.map(\.count).max() ?? 0)
    for r in clipped { for (i, c) in r.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
    return clipped.map { r in
        r.enumerated().map { i, c in
            let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
            return textColumns?.contains(i) ?? true ? c + pad : pad + c
        }.joined(separator: "  ").trimmingSuffix(while: { $0 == " " })
    }
}

extension String {
    /// Without the trailing characters that match (the padding after a row's last column; a blank
    /// first column keeps its place).
    func trimmingSuffix(while matches: (Character) -> Bool) -> String {
        var s = self
        while let last = s.last, matches(last) { s.removeLast() }
        return s
    }
}
