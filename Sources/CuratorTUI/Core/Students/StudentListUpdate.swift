import Domain

/// The student list's part of `update`: loads, the filter, the sort, the selection.
extension Dashboard {
    static func studentsLoaded(_ list: [StudentSummary], complete: Bool, _ s: inout AppState) -> [Effect] {
        // A first page never replaces a whole list (a later load that lost the race).
        if !complete && s.list.complete { return [] }
        let before = s.list.selectedId
        s.list.setStudents(list)
        s.list.complete = complete
        keepSelectionVisible(&s)
        return s.list.selectedId != before || s.detail.student == nil ? s.list.selectedId.map { [.loadDetail($0)] } ?? [] : []
    }

    static func listCommand(_ command: Command, _ s: inout AppState) -> [Effect] {
        switch command {
        case .levelFilter:
            s.list.levelFilter = switch s.list.levelFilter { case nil: .high; case .high: .medium; case .medium: .low; case .low: nil }
        case .sort:
            let all = StudentSortKey.allCases
            s.list.sort = all[(all.firstIndex(of: s.list.sort)! + 1) % all.count]
            s.list.reversed = false
        case .reverseSort: s.list.reversed.toggle()
        default: return []
        }
        return refreshed(&s)
    }

    static func moveStudent(_ delta: Int, _ s: inout AppState) -> [Effect] {
        guard !s.list.visible.isEmpty else { return [] }
        let i = max(0, min(s.list.visible.count - 1, (s.list.selectedIndex ?? 0) + delta))
        return select(s.list.visible[i].id, &s)
    }

    /// Selects a student on the list (when they are on it) and asks for their detail.
    static func select(_ id: Int64, _ s: inout AppState) -> [Effect] {
        guard id != s.list.selectedId, s.list.visible.position(of: id) != nil else { return [] }
        s.list.selectedId = id
        keepSelectionVisible(&s)
        return [.loadDetail(id)]
    }

    /// The rows again after the filter or the order changed; a new selection loads its detail.
    static func refreshed(_ s: inout AppState) -> [Effect] {
        let before = s.list.selectedId
        s.list.refreshVisible()
        keepSelectionVisible(&s)
        return s.list.selectedId != before ? s.list.selectedId.map { [.loadDetail($0)] } ?? [] : []
    }

    /// The selected row within the list's rows on screen at the terminal's size.
    static func keepSelectionVisible(_ s: inout AppState) { s.list.keepSelectionVisible(rows: Layout(s.size).studentRows) }

    static func filterKey(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            s.list.filter.clear()
            s.mode = .panes
        case .enter: s.mode = .panes
        case .up: return moveStudent(-1, &s)
        case .down: return moveStudent(1, &s)
        case .f(10): s.quit = true
        default: guard s.list.filter.edit(key) else { return [] }
        }
        return refreshed(&s)
    }
}
