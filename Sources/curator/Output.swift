import CuratorApp

/// JSON on standard output; a value that cannot be written is a one-line error.
func printJSON(_ value: some Encodable, snakeCase: Bool = false) {
    do { print(try jsonText(value, snakeCase: snakeCase)) } catch { fail("\(error)") }
}
