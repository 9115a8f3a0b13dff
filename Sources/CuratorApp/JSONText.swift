import Foundation

/// A value as the commands print JSON: pretty, keys sorted, slashes as they are. Throws when the
/// value cannot be written (a figure that is not a finite number).
public func jsonText(_ value: some Encodable, snakeCase: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    guard let data = try? encoder.encode(value) else { throw CuratorFailure(message: "cannot encode JSON output") }
    return String(decoding: data, as: UTF8.self)
}
