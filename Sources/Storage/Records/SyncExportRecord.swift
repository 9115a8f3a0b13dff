import Foundation
import GRDB

/// A row of `sync_exports`: an export started and not yet collected, so a restart resumes its poll.
struct SyncExportRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "sync_exports"

    enum Columns: String, ColumnExpression {
        case slot, exportId = "export_id", paramsJSON = "params_json", startedAt = "started_at"
    }

    var slot: String
    var exportId: String
    var paramsJSON: String
    var startedAt: Double

    init(row: Row) {
        slot = row[Columns.slot]
        exportId = row[Columns.exportId]
        paramsJSON = row[Columns.paramsJSON]
        startedAt = row[Columns.startedAt]
    }

    init(_ e: SyncStateStore.InFlightExport) {
        slot = e.slot
        exportId = e.exportId
        paramsJSON = e.paramsJSON
        startedAt = e.startedAt.timeIntervalSince1970
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.slot] = slot
        container[Columns.exportId] = exportId
        container[Columns.paramsJSON] = paramsJSON
        container[Columns.startedAt] = startedAt
    }

    var export: SyncStateStore.InFlightExport {
        SyncStateStore.InFlightExport(slot: slot, exportId: exportId, paramsJSON: paramsJSON, startedAt: Date(timeIntervalSince1970: startedAt))
    }
}
