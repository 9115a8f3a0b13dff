import Domain
import Foundation
import GRDB

/// Ingests GetCourse data into the mirror. Each call is one write transaction, so a reader never
/// sees half of an export.
public struct MirrorWriter: Sendable {
    let pool: DatabasePool
    let floor: LastActiveFloor

    public init(_ store: MirrorStore) {
        pool = store.pool
        floor = store.lastActiveFloor
    }

    private static let users = Upsert(UserRecord.self, key: [.id], columns: [
        .email, .firstName, .lastName, .phone, .createdAt, .lastActivityAt, .city, .country, .customJSON, .searchKey,
    ], insertOnly: [.lastActiveAt])
    private static let groups = Upsert(GroupRecord.self, key: [.id], columns: [.name, .lastAddedAt, .lessonNumber])
    private static let members = Upsert(GroupMemberRecord.self, key: [.groupId, .userId], columns: [.addedAt])
    private static let deals = Upsert(DealRecord.self, key: [.id], columns: [
        .number, .userId, .createdAt, .paidAt, .title, .status, .costKopecks, .paidKopecks, .currency, .tagsJSON, .offerTagsJSON, .customJSON,
    ], indexed: [.userId])
    private static let trainings = Upsert(TrainingRecord.self, key: [.id], columns: [.title, .description, .createdAt, .status, .lessonCount])
    private static let answers = Upsert(LessonAnswerRecord.self, key: [.id], columns: [
        .lessonId, .lessonName, .userId, .answerText, .createdAt, .updatedAt, .status, .type, .reviewerUserId, .reviewedAt, .reviewText,
        .trainingId, .trainingName, .needTeacherReaction,
    ], indexed: [.lessonId, .userId])
    private static let dialogs = Upsert(DialogRecord.self, key: [.id], columns: [.userId, .title, .createdAt, .updatedAt], indexed: [.userId])
    private static let messages = Upsert(MessageRecord.self, key: [.id], columns: [.dialogId, .authorUserId, .text, .createdAt, .fromStudent],
                                         indexed: [.dialogId])

    @discardableResult
    public func upsert(students: some Sequence<Student>) throws -> UpsertCount {
        try pool.write { db in
            var c = UpsertCount()
            var added: [Int64] = [], started: [(user: Int64, at: Double)] = []
            var signals: [(Int64, Date)] = []
            let users = try Self.users.prepared(db)
            for s in students {
                let key = TextFold.key([s.firstName, s.lastName, s.email, s.phone, digits(s.phone)].joined(separator: " "))
                // A new row starts at GetCourse's own stamp; a known one is raised to it if newer.
                let activity = SQLValue(s.lastActivityAt)
                if try users.run([.init(s.id), .init(s.email), .init(s.firstName), .init(s.lastName), .init(s.phone), .init(s.createdAt),
                                  activity, .init(s.city), .init(s.country), .init(StoredJSON.object(s.customFields)), .init(key), activity], into: &c) {
                    added.append(s.id)
                    if let at = s.lastActivityAt { started.append((s.id, at.timeIntervalSince1970)) }
                } else if let at = s.lastActivityAt {
                    signals.append((s.id, at))
                }
            }
            floor.record(started, whenCommitted: db)
            try raiseLastActive(db, signals)
            // Signals mirrored before the user row existed (an answer seen before the users export).
            // A first sync brings the users before anything else: then there is nothing to look at.
            if !added.isEmpty, try Bool.fetchOne(db, sql: Self.anySignalMirrored) == true {
                let recompute = try db.cachedStatement(sql: Self.recomputeLastActive)
                for id in added { try Upsert.step(db, recompute, [.int(id)]) }
            }
            return c
        }
    }

    @discardableResult
    public func upsert(groups: [StudyGroup]) throws -> UpsertCount {
        try pool.write { db in
            var c = UpsertCount()
            let upsert = try Self.groups.prepared(db)
            for g in groups {
                try upsert.run([.init(g.id), .init(g.name), .init(g.lastAddedAt), .init(g.viewedLessonNumber)], into: &c)
            }
            return c
        }
    }

    @discardableResult
    public func upsert(memberships: some Sequence<GroupMembership>) throws -> UpsertCount {
        try pool.write { db in try write(memberships, db).count }
    }

    /// A group's complete member list (a full export): upserts it and removes members who left the
    /// group, in one transaction. `removed` counts the memberships deleted.
    @discardableResult
    public func replace(membersOf groupId: Int64, with memberships: some Sequence<GroupMembership>) throws -> (UpsertCount, removed: Int) {
        try pool.write { db in
            let (c, members) = try write(memberships.lazy.filter { $0.groupId == groupId }, db)
            try db.execute(sql: "DELETE FROM group_members WHERE group_id = ? AND user_id NOT IN (SELECT value FROM json_each(?))",
                           arguments: [groupId, "[" + members.map(String.init).joined(separator: ",") + "]"])
            return (c, Int(db.changesCount))
        }
    }

    /// Writes memberships and moves "last active" for lesson views; returns the user ids written.
    private func write(_ memberships: some Sequence<GroupMembership>, _ db: Database) throws -> (count: UpsertCount, users: [Int64]) {
        var c = UpsertCount()
        var users: [Int64] = []
        var dated: [GroupMembership] = []
        let upsert = try Self.members.prepared(db)
        for m in memberships {
            try upsert.run([.init(m.groupId), .init(m.userId), .init(m.addedAt)], into: &c)
            users.append(m.userId)
            if m.addedAt != nil { dated.append(m) }
        }
        // Only lesson-view groups are activity; joining a study group is not.
        let viewGroups = Set(try Int64.fetchAll(db, sql: "SELECT id FROM groups WHERE lesson_number IS NOT NULL"))
        try raiseLastActive(db, dated.compactMap { m in viewGroups.contains(m.groupId) ? (m.userId, m.addedAt!) : nil })
        return (c, users)
    }

    @discardableResult
    public func upsert(deals: some Sequence<Deal>) throws -> UpsertCount {
        try pool.write { db in
            var c = UpsertCount()
            let upsert = try Self.deals.prepared(db)
            for d in deals {
                try upsert.run([.init(d.id), .init(d.number), .init(d.userId), .init(d.createdAt), .init(d.paidAt),
                                        .init(d.title), .init(d.status.rawValue), .init(d.costKopecks), .init(d.paidKopecks), .init(d.currency),
                                        .init(StoredJSON.array(d.tags)), .init(StoredJSON.array(d.offerTags)), .init(StoredJSON.object(d.customFields))], into: &c)
            }
            return c
        }
    }

    @discardableResult
    public func upsert(trainings: [Training]) throws -> UpsertCount {
        try pool.write { db in
            var c = UpsertCount()
            let upsert = try Self.trainings.prepared(db)
            for t in trainings {
                try upsert.run([.init(t.id), .init(t.title), .init(t.description), .init(t.createdAt), .init(t.status), .init(t.lessonCount)], into: &c)
            }
            return c
        }
    }

    @discardableResult
    public func upsert(answers: some Sequence<LessonAnswer>) throws -> UpsertCount {
        try pool.write { db in
            var c = UpsertCount()
            var signals: [(Int64, Date)] = []
            let upsert = try Self.answers.prepared(db)
            for a in answers {
                if let at = a.createdAt { signals.append((a.userId, at)) }
                try upsert.run([.init(a.id), .init(a.lessonId), .init(a.lessonName), .init(a.userId), .init(a.answerText), .init(a.createdAt),
                                          .init(a.updatedAt), .init(a.status), .init(a.type), .init(a.reviewerUserId),
                                          .init(a.reviewedAt), .init(a.reviewText), .init(a.trainingId), .init(a.trainingName),
                                          .init(a.needTeacherReaction)], into: &c)
            }
            try raiseLastActive(db, signals)
            return c
        }
    }

    /// A user's dialogs and their messages, and the time they were fetched, in one transaction.
    @discardableResult
    public func upsert(dialogs: [Dialog], messages: [DialogMessage], forUser userId: Int64, syncedAt: Date) throws -> (dialogs: UpsertCount, messages: UpsertCount) {
        try pool.write { db in
            var dc = UpsertCount(), mc = UpsertCount()
            let dialogUpsert = try Self.dialogs.prepared(db), messageUpsert = try Self.messages.prepared(db)
            for d in dialogs {
                try dialogUpsert.run([.init(d.id), .init(d.userId), .init(d.title), .init(d.createdAt), .init(d.updatedAt)], into: &dc)
            }
            for m in messages {
                try messageUpsert.run([.init(m.id), .init(m.dialogId), .init(m.authorUserId), .init(m.text), .init(m.createdAt), .init(m.fromStudent)], into: &mc)
            }
            try db.execute(sql: """
                INSERT INTO user_sync (user_id, dialogs_synced_at) VALUES (?, ?)
                ON CONFLICT(user_id) DO UPDATE SET dialogs_synced_at = excluded.dialogs_synced_at
                """, arguments: [userId, syncedAt.timeIntervalSince1970])
            try raiseLastActive(db, messages.compactMap { m in m.fromStudent ? m.createdAt.map { (userId, $0) } : nil })
            return (dc, mc)
        }
    }

    /// Moves `last_active_at` forward to the newest signal of this batch, per user. Activity only
    /// ever moves forward, so a running maximum equals the maximum over everything ever mirrored
    /// (GetCourse's own stamp, homework, lesson views, the student's messages) at O(1) per user.
    /// Signals this process already knows to be covered are skipped (`LastActiveFloor`).
    private func raiseLastActive(_ db: Database, _ signals: [(Int64, Date)]) throws {
        var newest: [Int64: Double] = [:]
        for (user, at) in signals { newest[user] = max(newest[user] ?? 0, at.timeIntervalSince1970) }
        let pending = floor.uncovered(newest)
        guard !pending.isEmpty else { return }
        let raise = try db.cachedStatement(sql: "UPDATE users SET last_active_at = ?2 WHERE id = ?1 AND (last_active_at IS NULL OR last_active_at < ?2)")
        for (user, at) in pending {
            try Upsert.step(db, raise, [.int(user), .double(at)])
        }
        floor.record(pending, whenCommitted: db)
    }

    private static let anySignalMirrored = """
        SELECT EXISTS (SELECT 1 FROM lesson_answers) OR EXISTS (SELECT 1 FROM group_members) OR EXISTS (SELECT 1 FROM messages)
        """

    private static let recomputeLastActive = """
        UPDATE users SET last_active_at = NULLIF(max(
            coalesce(last_active_at, 0),
            coalesce((SELECT max(created_at) FROM lesson_answers WHERE user_id = users.id), 0),
            coalesce((SELECT max(gm.added_at) FROM group_members gm JOIN groups g ON g.id = gm.group_id
                      WHERE gm.user_id = users.id AND g.lesson_number IS NOT NULL), 0),
            coalesce((SELECT max(m.created_at) FROM messages m JOIN dialogs d ON d.id = m.dialog_id
                      WHERE d.user_id = users.id AND m.from_student = 1), 0)), 0)
        WHERE id = ?
        """
}

/// JSON text for the mirror's list and map columns (tags, custom fields): sorted keys, so an
/// unchanged value is byte-identical and the upsert sees no change. Hot in big ingests, hence by hand.
public enum StoredJSON {
    /// Any Codable value (for small, rare rows: model choices).
    public static func encode(_ v: some Encodable) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(v), as: UTF8.self)
    }

    /// A stored JSON column read back; nil when absent or unreadable.
    static func decode<T: Decodable>(_ type: T.Type, _ json: String?) -> T? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// Objects of string and number fields, written by hand: scores are stored for every student
    /// on every pass, where JSONEncoder would cost seconds at 100k students.
    public static func objects(_ rows: [[(String, Field)]]) -> String {
        var out = "["
        for (i, row) in rows.enumerated() {
            out += i > 0 ? ",{" : "{"
            for (j, (k, v)) in row.enumerated() {
                if j > 0 { out += "," }
                string(k, into: &out)
                out += ":"
                switch v {
                case .text(let t): string(t, into: &out)
                case .number(let n): out += n.isFinite ? String(n) : "null"
                }
            }
            out += "}"
        }
        return out + "]"
    }

    public enum Field {
        case text(String), number(Double)
    }

    public static func array(_ a: [String]) -> String {
        var out = "["
        for (i, s) in a.enumerated() {
            if i > 0 { out += "," }
            string(s, into: &out)
        }
        return out + "]"
    }

    public static func object(_ d: [String: String]) -> String {
        var out = "{"
        for (i, k) in d.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            string(k, into: &out)
            out += ":"
            string(d[k]!, into: &out)
        }
        return out + "}"
    }

    public static func string(_ s: String, into out: inout String) {
        out += "\""
        // Nearly every value needs no escape: appended whole instead of scalar by scalar.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += "\\u00"
                    out += String(u.value >> 4, radix: 16)
                    out += String(u.value & 0xF, radix: 16)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

func digits(_ s: String) -> String {
    // Phones are ASCII: filtered as bytes, without a Unicode property lookup per character.
    if s.utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: s.utf8.filter { (0x30...0x39).contains($0) }, as: UTF8.self) }
    return String(s.unicodeScalars.filter { $0.properties.numericType != nil }.map(Character.init))
}
