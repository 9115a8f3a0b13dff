import Foundation

/// Maps Tech API `data` objects to models. Field names of dialogs and messages are not published,
/// so each field accepts the spellings seen in open-source clients.
public struct TechRecordMapper: Sendable {
    public var time: AccountTime

    public init(time: AccountTime = .moscow) { self.time = time }

    private func date(_ v: Any?) -> Date? {
        if let n = v as? NSNumber, !(v is String), n.doubleValue > 1e9 { return Date(timeIntervalSince1970: n.doubleValue) }
        return time.parse(LooseJSON.string(v))
    }

    private func first(_ o: [String: Any], _ keys: String...) -> Any? {
        for k in keys { if let v = o[k], !(v is NSNull) { return v } }
        return nil
    }

    public func training(_ o: [String: Any]) -> Training? {
        guard let id = LooseJSON.int64(o["id"]) else { return nil }
        return Training(id: id, title: LooseJSON.string(o["title"]), description: LooseJSON.string(o["description"]),
                        createdAt: date(o["created_at"]), status: LooseJSON.string(o["status"]),
                        lessonCount: LooseJSON.int64(o["lesson_count"]).map { Int($0) })
    }

    public func lessonAnswer(_ o: [String: Any]) -> LessonAnswer? {
        guard let id = LooseJSON.int64(o["id"]), let lesson = LooseJSON.int64(o["lesson_id"]),
              let user = LooseJSON.int64(o["user_id"]) else { return nil }
        return LessonAnswer(
            id: id, lessonId: lesson, lessonName: LooseJSON.string(o["lesson_name"]),
            answerText: LooseJSON.string(o["answer_text"]), userId: user,
            createdAt: date(o["created_at"]), updatedAt: date(o["updated_at"]),
            status: LooseJSON.string(o["status"]), type: LooseJSON.string(o["type"]),
            reviewerUserId: LooseJSON.int64(o["reviewer_user_id"]), reviewedAt: date(o["reviewed_at"]),
            reviewText: LooseJSON.string(o["review_text"]), trainingId: LooseJSON.int64(o["training_id"]),
            trainingName: LooseJSON.string(o["training_name"]),
            needTeacherReaction: LooseJSON.bool(o["need_teacher_reaction"]) ?? false
        )
    }

    public func dialog(_ o: [String: Any], userId: Int64) -> Dialog? {
        guard let id = LooseJSON.int64(first(o, "id", "dialog_id")) else { return nil }
        return Dialog(id: id, userId: LooseJSON.int64(first(o, "user_id", "userId")) ?? userId,
                      title: LooseJSON.string(first(o, "title", "subject", "name")),
                      createdAt: date(first(o, "created_at", "createdAt")),
                      updatedAt: date(first(o, "updated_at", "updatedAt", "last_message_at")))
    }

    public func message(_ o: [String: Any], dialogId: Int64, studentId: Int64) -> DialogMessage? {
        guard let id = LooseJSON.int64(first(o, "id", "message_id", "comment_id")) else { return nil }
        let author = LooseJSON.int64(first(o, "user_id", "author_id", "userId", "from_user_id"))
        return DialogMessage(id: id, dialogId: dialogId, authorUserId: author,
                             text: LooseJSON.string(first(o, "text", "message", "comment", "body")),
                             createdAt: date(first(o, "created_at", "createdAt", "date")),
                             fromStudent: author == studentId)
    }
}
