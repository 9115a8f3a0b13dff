import Domain
import Foundation

func printJSON(_ value: some Encodable, snakeCase: Bool = false) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    guard let data = try? encoder.encode(value) else { fail("cannot encode JSON output") }
    print(String(decoding: data, as: UTF8.self))
}

/// Columns padded by display width (Cyrillic is one column, emoji two), clipped to keep lines short.
func printTable(header: [String], rows: [[String]], maxColumn: Int = 40) {
    let all = [header] + rows
    let clipped = all.map { $0.map { DisplayWidth.clip($0, to: maxColumn) } }
    var widths = Array(repeating: 0, count: header.count)
    for r in clipped { for (i, c) in r.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
    for r in clipped {
        let line = r.enumerated().map { i, c in i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - DisplayWidth.of(c)) }
        print(line.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
}

