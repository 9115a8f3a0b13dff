import Domain

/// The selected student as the progress pane shows them, once loaded.
public struct DetailState: Sendable {
    public var student: StudentDetail?
    public var progress: StudentProgress?
    public var alerts: [AlertLine] = []

    public init(student: StudentDetail? = nil, progress: StudentProgress? = nil, alerts: [AlertLine] = []) {
        self.student = student
        self.progress = progress
        self.alerts = alerts
    }
}
