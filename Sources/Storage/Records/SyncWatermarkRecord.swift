import Foundation
import GRDB

/// A row of `sync_watermarks`: how far the sync has read something (an export, a group's members).
struct SyncWatermarkRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "sync_watermarks"

    enum Columns: String, ColumnExpression {
        case name, value
    }

    var name: String
    var value: Double

    init(row: Row) {
        name = row[Columns.name]
        value = row[Columns.value]
    }

    init(name: String, value: Date) {
        self.name = name
        self.value = value.timeIntervalSince1970
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.name] = name
        container[Columns.value] = value
    }
}
