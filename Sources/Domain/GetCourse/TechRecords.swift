import Foundation

/// Maps Tech API records (flat text, as `TechAnswer` reads them) to models. Field names of dialogs
/// and messages are not published, so each field accepts the spellings seen in open-source clients.
public struct TechRecordMapper: Sendable {
    public var time: AccountTime

    public init(time: AccountTime = .moscow) { self.time = time }

    private func date(_ v: String?) -> Date? {
        guard let v, !v.isEmpty else { return nil }
        // A Unix timestamp instead of a wall-clock date.
        if v.utf8.count >= 9, v.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let n = Double(v) { return Date(timeIntervalSince1970: n) }
        return time.parse(v)
    }

    private func int(_ v: String?) -> Int64? { v.flatMap(LooseJSON.int64(text:)) }

    private func first(_ o: TechRecord, _ keys: String...) -> String? {
        for k in keys { if let v = o[k], !v.isEmpty { return v } }
        return nil
    }

    public func training(_ o: TechRecord) -> Training? {
        guard let id = int(o["id"]) else { return nil }
        return Training(id: id, title: o["title"] ?? "", description: o["description"] ?? "", createdAt: date(o["created_at"]),
                        status: o["status"] ?? "", lessonCount: o["lesson_count"].flatMap { Int($0) })
    }

    public func lessonAnswer(_ o: TechRecord) -> LessonAnswer? {
        guard let id = int(o["id"]), let lesson = int(o["lesson_id"]), let user = int(o["user_id"]) else { return nil }
        return LessonAnswer(
            id: id, lessonId: lesson, lessonName: o["lesson_name"] ?? "", answerText: o["answer_text"] ?? "", userId: user,
            createdAt: date(o["created_at"]), updatedAt: date(o["updated_at"]), status: o["status"] ?? "", type: o["type"] ?? "",
            reviewerUserId: int(o["reviewer_user_id"]), reviewedAt: date(o["reviewed_at"]), reviewText: o["review_text"] ?? "",
            trainingId: int(o["training_id"]), trainingName: o["training_name"] ?? "",
            needTeacherReaction: LooseJSON.bool(text: o["need_teacher_reaction"] ?? "") ?? false
        )
    }

    public func dialog(_ o: TechRecord, userId: Int64) -> Dialog? {
        guard let id = int(first(o, "id", "dialog_id")) else { return nil }
        return Dialog(id: id, userId: int(first(o, "user_id", "userId")) ?? userId, title: first(o, "title", "subject", "name") ?? "",
                      createdAt: date(first(o, "created_at", "createdAt")), updatedAt: date(first(o, "updated_at", "updatedAt", "last_message_at")))
    }

    public func message(_ o: TechRecord, dialogId: Int64, studentId: Int64) -> DialogMessage? {
        guard let id = int(first(o, "id", "message_id", "comment_id")) else { return nil }
        let author = int(first(o, "user_id", "author_id", "userId", "from_user_id"))
        return DialogMessage(id: id, dialogId: dialogId, authorUserId: author, text: first(o, "text", "message", "comment", "body") ?? "",
                             createdAt: date(first(o, "created_at", "createdAt", "date")), fromStudent: author == studentId)
    }
}
