// The legacy export answer (`/pl/api/account/exports/ID`), then every row mapper over its table:
// whatever the body, a table, an API error or a one-line "malformed", never a crash; and the
// rows iterated are exactly the rows counted while validating.
import Domain
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func exportAnswerFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(bytes(data, size))
    guard case .table(let table) = ExportTable.read(exportAnswer: body) else { return 0 }
    var rows = 0
    table.forEachRow { row in
        rows += 1
        _ = row.cells
    }
    require(rows == table.rowCount, "iterated \(rows) rows, counted \(table.rowCount)")
    let mapper = ExportRowMapper()
    for s in mapper.students(table) { _ = s.firstName }
    for d in mapper.deals(table) { _ = d.costKopecks }
    for m in mapper.memberships(table, groupId: 1) { _ = m.userId }
    return 0
}
