/// A problem on one line of a line-based file (the labelled questions, the synonyms).
public struct LineError: Error, Equatable, CustomStringConvertible, Sendable {
    public var line: Int
    public var problem: String
    public var description: String { "line \(line): \(problem)" }

    public init(line: Int, problem: String) {
        self.line = line
        self.problem = problem
    }
}
