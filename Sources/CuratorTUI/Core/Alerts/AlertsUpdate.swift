import Domain

/// The alerts pane's part of `update`: open an alert, mark it.
extension Dashboard {
    /// A hand-off opens in the chat, to answer; any other alert opens the student's progress.
    static func openAlert(_ s: inout AppState) -> [Effect] {
        guard let alert = s.alerts.selected?.alert else { return [] }
        let id = alert.studentId
        _ = select(id, &s)
        if alert.rule == .handoff {
            _ = focus(.chat, &s)
            return [.loadDetail(id), .loadHandoff(studentId: id)]
        }
        s.focus = .progress
        return [.loadDetail(id)]
    }

    static func markAlert(_ command: Command, _ s: inout AppState) -> [Effect] {
        guard s.focus == .alerts, let id = s.alerts.selected?.alert.id else { return [] }
        return [command == .acknowledge ? .acknowledge(alertId: id) : .markNotUseful(alertId: id)]
    }
}
