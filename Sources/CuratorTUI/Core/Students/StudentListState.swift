import Domain
import Foundation

public enum StudentSortKey: String, CaseIterable, Sendable {
    case risk, name, activity, alerts

    public var title: String {
        switch self {
        case .risk: "риск"
        case .name: "имя"
        case .activity: "активность"
        case .alerts: "алерты"
        }
    }
}

/// The student list: every student from the mirror, and the filtered, sorted rows on screen.
public struct StudentListState: Sendable {
    /// Every student from the mirror, as loaded; `visible` is the filtered, sorted view of it.
    public private(set) var students: [StudentSummary] = []
    public private(set) var visible = StudentRows()
    /// False until the whole list is in: before the first load, and while only its first page is (the title says so).
    public var complete = false
    /// Name, email, phone and groups folded (case, ё) once per load, not once per keystroke.
    private var search = StudentSearch()
    /// Positions in `students` in the current order: sorted when the list or the order changes, never per keystroke.
    private var order: [Int] = []
    private var orderedBy: SortOrder?
    /// Students still studying, by level: counted once per load, not once per frame.
    public private(set) var levelCounts: [RiskLevel: Int] = [:]
    public var filter = TextField()
    public var levelFilter: RiskLevel?
    public var sort: StudentSortKey = .risk
    public var reversed = false
    /// The selection is a student, not a row: it stays on them across live refreshes.
    public var selectedId: Int64?
    public var scroll = 0

    public init() {}

    /// Recomputes `visible` from the students, the filter, the level filter and the sort; the
    /// selection stays on its student when they are still visible, else moves to the first row.
    public mutating func setStudents(_ list: [StudentSummary]) {
        students = list
        search = StudentSearch(list.map { TextFold.key(([$0.name, $0.email, $0.phone] + $0.groups).joined(separator: " ")) })
        orderedBy = nil
        levelCounts = [:]
        for s in list where !s.hasLeft { if let level = s.level { levelCounts[level, default: 0] += 1 } }
        refreshVisible()
    }

    public mutating func refreshVisible() {
        let wanted = SortOrder(key: sort, reversed: reversed)
        if orderedBy != wanted {
            order = Self.sorted(students, by: wanted)
            orderedBy = wanted
        }
        let words = filter.text.split(whereSeparator: \.isWhitespace).map { TextFold.key(String($0)) }
        let matching = words.isEmpty ? nil : search.matches(words)
        var rows: [Int] = []
        rows.reserveCapacity(order.count)
        for i in order {
            if let levelFilter, students[i].level != levelFilter { continue }
            if let matching, !matching[i] { continue }
            rows.append(i)
        }
        visible = StudentRows(all: students, rows: rows)
        if let id = selectedId, rows.contains(where: { students[$0].id == id }) { return }
        selectedId = rows.first.map { students[$0].id }
        scroll = 0
    }

    struct SortOrder: Equatable {
        var key: StudentSortKey
        var reversed: Bool
    }

    /// A stable order with the id as the last key: equal rows never swap between refreshes.
    /// Students who have left are history, not work: they go last whatever the order.
    static func sorted(_ students: [StudentSummary], by o: SortOrder) -> [Int] {
        // The keys are taken out first: comparing whole summaries copies them, a second at 100k.
        // Numbers sort descending (most at risk, latest active, most alerts first); names ascending,
        // as folded text (Cyrillic letters are in alphabetical order by code point once ё is е).
        let left = students.map(\.hasLeft), ids = students.map(\.id)
        let names = o.key == .name ? students.map { TextFold.key($0.name) } : []
        let values: [Double] = switch o.key {
        case .risk: students.map { $0.risk ?? -1 }
        case .activity: students.map { $0.lastActiveAt?.timeIntervalSince1970 ?? -.infinity }
        case .alerts: students.map { Double($0.openAlerts) }
        case .name: []
        }
        return students.indices.sorted { i, j in
            if left[i] != left[j] { return left[j] }
            let order: Bool? = o.key == .name ? (names[i] == names[j] ? nil : names[i] < names[j])
                : (values[i] == values[j] ? nil : values[i] > values[j])
            guard let order else { return ids[i] < ids[j] }
            return order != o.reversed
        }
    }

    public var selectedIndex: Int? { selectedId.flatMap(visible.position(of:)) }

    /// Keeps the selected row within the `rows` on screen.
    mutating func keepSelectionVisible(rows: Int) {
        guard let i = selectedIndex else { scroll = 0; return }
        if i < scroll { scroll = i }
        if i >= scroll + rows { scroll = i - rows + 1 }
        scroll = max(0, min(scroll, max(0, visible.count - rows)))
    }
}
