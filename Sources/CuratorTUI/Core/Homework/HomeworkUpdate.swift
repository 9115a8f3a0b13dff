import Domain

/// The homework pane's part of `update`: open an answer, edit the comment, decide.
extension Dashboard {
    static func openHomework(_ s: inout AppState) {
        guard s.homework.openId == nil, s.homework.items.indices.contains(s.homework.selection) else { return }
        s.homework.openId = s.homework.items[s.homework.selection].answerId
        s.homework.note.clear()
        s.homework.notice = nil
    }

    /// The first edit starts from the checker's feedback; the verdict's closing line is added on y or d.
    static func editNote(_ s: inout AppState) {
        guard s.focus == .homework, let item = s.homework.opened, item.waitsForReview else { return }
        s.homework.noteBeforeEdit = s.homework.note
        if s.homework.note.text.isEmpty { s.homework.note = TextField(text: HomeworkFeedback.body(item.check)) }
        s.mode = .editingNote
    }

    /// The comment being typed: Enter keeps it, Esc goes back to it as it was before this edit.
    static func noteKey(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .enter: s.mode = .panes
        case .escape:
            s.mode = .panes
            s.homework.note = s.homework.noteBeforeEdit
        default: _ = s.homework.note.edit(key)
        }
        return []
    }

    /// Keys the pane takes itself: Esc back to the list; nil passes the key on.
    static func homeworkKey(_ key: Key, _ s: inout AppState) -> [Effect]? {
        guard key == .escape, s.homework.openId != nil else { return nil }
        s.homework.openId = nil
        s.homework.note.clear()
        return []
    }

    /// The curator's verdict on the open answer: the comment as they edited it (else the checker's
    /// feedback), closed for the verdict.
    static func decideHomework(_ outcome: HomeworkPolicy.Outcome, _ s: inout AppState) -> [Effect] {
        guard s.focus == .homework, s.homework.deciding == nil, let item = s.homework.opened, item.waitsForReview,
              let status = outcome.status else { return [] }
        let edited = s.homework.note.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let comment = HomeworkFeedback.comment(item.check, outcome: outcome, body: edited.isEmpty ? nil : edited)
        s.homework.deciding = item.answerId
        s.homework.notice = nil
        return [.decideHomework(answerId: item.answerId, status: status, comment: comment)]
    }

    static func homeworkDecided(_ id: Int64, problem: String?, _ s: inout AppState) -> [Effect] {
        guard s.homework.deciding == id else { return [] }
        s.homework.deciding = nil
        if let problem {
            s.homework.notice = "Не сохранено: \(problem)"
            return []
        }
        s.homework.notice = "Решение сохранено: уйдёт в GetCourse с синхронизацией."
        s.homework.openId = nil
        s.homework.note.clear()
        // The verdict leaves with the next pass: start it now.
        s.sync.running = true
        return [.syncNow]
    }
}
