import Domain
import Foundation
import GRDB
import MockGetCourse
import Storage
import Testing

/// Everything the mirror holds about the school, as Domain values, to compare with the truth file.
struct MirrorSnapshot: Equatable {
    var users: [Student]
    var groups: [StudyGroup]
    var memberships: [GroupMembership]
    var deals: [Deal]
    var trainings: [Training]
    var answers: [LessonAnswer]
    var dialogs: [Dialog]
    var messages: [DialogMessage]

    init(truth t: SimulationTruth) {
        users = t.users; groups = t.groups; memberships = t.memberships; deals = t.deals
        trainings = t.trainings.sorted { $0.id < $1.id }; answers = t.answers; dialogs = t.dialogs; messages = t.messages
    }

    init(_ store: MirrorStore) throws {
        func date(_ v: Double?) -> Date? { v.map(Date.init(timeIntervalSince1970:)) }
        func decode<T: Decodable>(_ s: String, _ t: T.Type) -> T { try! JSONDecoder().decode(T.self, from: Data(s.utf8)) }
        (users, groups, memberships, deals, trainings, answers, dialogs, messages) = try store.pool.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY id").map {
                Student(id: $0["id"], email: $0["email"], firstName: $0["first_name"], lastName: $0["last_name"], phone: $0["phone"],
                        createdAt: date($0["created_at"]), lastActivityAt: date($0["last_activity_at"]), city: $0["city"], country: $0["country"],
                        customFields: decode($0["custom_json"], [String: String].self))
            },
             try Row.fetchAll(db, sql: "SELECT * FROM groups ORDER BY id").map { StudyGroup(id: $0["id"], name: $0["name"], lastAddedAt: date($0["last_added_at"])) },
             try Row.fetchAll(db, sql: "SELECT * FROM group_members ORDER BY group_id, user_id").map {
                 GroupMembership(groupId: $0["group_id"], userId: $0["user_id"], addedAt: date($0["added_at"]))
             },
             try Row.fetchAll(db, sql: "SELECT * FROM deals ORDER BY id").map {
                 Deal(id: $0["id"], number: $0["number"], userId: $0["user_id"], createdAt: date($0["created_at"]), paidAt: date($0["paid_at"]),
                      title: $0["title"], status: DealStatus(rawValue: $0["status"])!, costKopecks: $0["cost_kopecks"], paidKopecks: $0["paid_kopecks"],
                      currency: $0["currency"], tags: decode($0["tags_json"], [String].self), offerTags: decode($0["offer_tags_json"], [String].self),
                      customFields: decode($0["custom_json"], [String: String].self))
             },
             try Row.fetchAll(db, sql: "SELECT * FROM trainings WHERE created_at IS NOT NULL ORDER BY id").map {
                 Training(id: $0["id"], title: $0["title"], description: $0["description"], createdAt: date($0["created_at"]),
                          status: $0["status"], lessonCount: $0["lesson_count"])
             },
             try Row.fetchAll(db, sql: "SELECT * FROM lesson_answers ORDER BY id").map {
                 LessonAnswer(id: $0["id"], lessonId: $0["lesson_id"], lessonName: $0["lesson_name"], answerText: $0["answer_text"],
                              userId: $0["user_id"], createdAt: date($0["created_at"]), updatedAt: date($0["updated_at"]), status: $0["status"],
                              type: $0["type"], reviewerUserId: $0["reviewer_user_id"], reviewedAt: date($0["reviewed_at"]),
                              reviewText: $0["review_text"], trainingId: $0["training_id"], trainingName: $0["training_name"],
                              needTeacherReaction: $0["need_teacher_reaction"])
             },
             try Row.fetchAll(db, sql: "SELECT * FROM dialogs ORDER BY id").map {
                 Dialog(id: $0["id"], userId: $0["user_id"], title: $0["title"], createdAt: date($0["created_at"]), updatedAt: date($0["updated_at"]))
             },
             try Row.fetchAll(db, sql: "SELECT * FROM messages ORDER BY id").map {
                 DialogMessage(id: $0["id"], dialogId: $0["dialog_id"], authorUserId: $0["author_user_id"], text: $0["text"],
                               createdAt: date($0["created_at"]), fromStudent: $0["from_student"])
             })
        }
    }

    /// Records one issue per differing entity, with the first differing row, instead of one huge diff.
    static func expectEqual(_ mirror: MirrorSnapshot, _ truth: MirrorSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        func check<T: Equatable>(_ name: String, _ a: [T], _ b: [T]) {
            if a == b { return }
            let firstDiff = zip(a, b).first { $0 != $1 }
            Issue.record("\(name): mirror has \(a.count), truth \(b.count); first difference: \(firstDiff.map { "mirror \($0.0) vs truth \($0.1)" } ?? "in length")",
                         sourceLocation: sourceLocation)
        }
        check("users", mirror.users, truth.users)
        check("groups", mirror.groups, truth.groups)
        check("memberships", mirror.memberships, truth.memberships)
        check("deals", mirror.deals, truth.deals)
        check("trainings", mirror.trainings, truth.trainings)
        check("answers", mirror.answers, truth.answers)
        check("dialogs", mirror.dialogs, truth.dialogs)
        check("messages", mirror.messages, truth.messages)
    }
}
