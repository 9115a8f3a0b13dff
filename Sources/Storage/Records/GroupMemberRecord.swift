import Domain
import Foundation
import GRDB

/// A row of `group_members`.
struct GroupMemberRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "group_members"

    enum Columns: String, ColumnExpression {
        case groupId = "group_id", userId = "user_id", addedAt = "added_at"
    }

    var groupId: Int64
    var userId: Int64
    var addedAt: Double?

    init(row: Row) {
        groupId = row[Columns.groupId]
        userId = row[Columns.userId]
        addedAt = row[Columns.addedAt]
    }

    var membership: GroupMembership { GroupMembership(groupId: groupId, userId: userId, addedAt: date(addedAt)) }
}
