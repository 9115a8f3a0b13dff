import Domain
import Foundation
import GRDB
import Storage

/// A small mirror written by hand, row by row, whose metrics were worked out on paper (see
/// MetricsTests). "Now" is 2026-11-15 12:00 Moscow time; the months are September–November 2026.
///
/// Students, all in General English A2 | Поток 1:
/// - 1 Анна: enrolled 5 Sep; active 10 Sep, 25 Sep, 12 Oct, 30 Oct, 10–11 Nov; pays 5 Sep, 5 Oct, 4 Nov.
/// - 2 Борис: enrolled 20 Sep; active 21 Sep, 10 Oct, then silent (dropout dated 10 Oct).
/// - 3 Вера: enrolled 1 Oct; active 2 Oct, 20 Oct, 5 Nov; pays 1 Oct.
/// - 4 Глеб: enrolled 1 Nov; never active.
enum KnownMirror {
    static let now = t("2026-11-15 12:00")
    static let stream: Int64 = 4_510_101
    static let lesson: Int64 = 81_010_101
    static let monthly = "General English — абонемент на месяц (8 уроков)"

    static func t(_ s: String) -> Double { AccountTime.moscow.parse(s)!.timeIntervalSince1970 }

    static func write(to path: String) throws -> MirrorStore {
        let store = try MirrorStore.open(path: path)
        try store.pool.write { db in
            for (id, name, enrolled) in [(1, "Анна", "2026-09-05 10:00"), (2, "Борис", "2026-09-20 10:00"), (3, "Вера", "2026-10-01 10:00"),
                                         (4, "Глеб", "2026-11-01 10:00")] {
                try db.execute(sql: "INSERT INTO users (id, first_name, email) VALUES (?, ?, ?)", arguments: [id, name, "s\(id)@example.com"])
                try db.execute(sql: "INSERT INTO group_members (group_id, user_id, added_at) VALUES (?, ?, ?)", arguments: [stream, id, t(enrolled)])
            }
            for (user, at) in [(1, "2026-09-10 12:00"), (1, "2026-09-25 12:00"), (1, "2026-10-30 12:00"), (2, "2026-09-21 12:00"),
                               (2, "2026-10-10 12:00"), (3, "2026-10-20 12:00")] {
                try db.execute(sql: "INSERT INTO user_activity (user_id, at) VALUES (?, ?)", arguments: [user, t(at)])
            }
            for (id, user, paid, status) in [(1, 1, "2026-09-05 10:00", "payed"), (2, 1, "2026-10-05 10:00", "payed"), (3, 3, "2026-10-01 10:00", "payed"),
                                             (4, 1, "2026-11-04 10:00", "payed"), (5, 3, "2026-11-01 10:00", "cancelled")] {
                try db.execute(sql: """
                    INSERT INTO deals (id, user_id, created_at, paid_at, title, status, cost_kopecks, paid_kopecks) VALUES (?, ?, ?, ?, ?, ?, 499000, ?)
                    """, arguments: [id, user, t(paid), status == "payed" ? t(paid) : nil, monthly, status, status == "payed" ? 499_000 : 0])
            }
            // Homework: checked by the checker in 30 s; by a teacher in GetCourse in 6 h; sent to review
            // and declined by the curator after 4 h; one still waiting.
            for (id, user, submitted, status, reviewed) in [(1, 1, "2026-10-12 10:00", "accepted", "2026-10-12 10:00:30"),
                                                            (2, 3, "2026-10-20 09:00", "accepted", "2026-10-20 15:00"),
                                                            (3, 1, "2026-11-10 08:00", "declined", "2026-11-10 12:00"),
                                                            (4, 3, "2026-11-05 12:00", "new", nil)] {
                try db.execute(sql: """
                    INSERT INTO lesson_answers (id, lesson_id, user_id, answer_text, created_at, status, type, reviewed_at)
                    VALUES (?, ?, ?, '1) goes', ?, ?, 'mission_answer', ?)
                    """, arguments: [id, lesson, user, t(submitted), status, reviewed.map(t)])
            }
            for (answer, user, checked, outcome, decision, by, at) in [(1, 1, "2026-10-12 10:00:05", "accept", "accepted", "checker", "2026-10-12 10:00:05"),
                                                                       (3, 1, "2026-11-10 08:00:05", "review", "declined", "curator", "2026-11-10 11:59")] {
                try db.execute(sql: """
                    INSERT INTO homework_checks (answer_id, user_id, lesson_id, checked_text, checked_at, score, check_json, outcome, comment,
                                                 decision, decided_by, decided_at)
                    VALUES (?, ?, ?, '1) goes', ?, 0.7, '{}', ?, '', ?, ?, ?)
                    """, arguments: [answer, user, lesson, t(checked), outcome, decision, by, t(at)])
            }
            // Dialogs: Анна's (1) and Вера's (2).
            try db.execute(sql: "INSERT INTO dialogs (id, user_id) VALUES (1, 1), (2, 3)")
            for (id, dialog, text, at, student) in [
                (1, 1, "Как перенести занятие?", "2026-10-12 11:00", true), (2, 1, "Напишите за сутки.", "2026-10-12 13:00", false),
                (3, 1, "Где найти запись урока?", "2026-11-10 09:00", true), (4, 1, "В разделе «Записи».", "2026-11-10 09:00:20", false),
                (5, 1, "Запись урока не открывается, не работает", "2026-11-11 10:00", true),
                (9, 2, "Как оплатить курс?", "2026-10-02 10:00", true), (10, 2, "Картой на сайте.", "2026-10-02 14:00", false),
                (6, 2, "Когда следующий урок?", "2026-11-05 13:00", true), (7, 2, "В четверг в 19:00.", "2026-11-05 13:00:10", false),
                (8, 2, "Спасибо!", "2026-11-05 14:00", true),
            ] {
                try db.execute(sql: "INSERT INTO messages (id, dialog_id, text, created_at, from_student) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, dialog, text, t(at), student])
            }
            for (message, dialog, user, action, by, at) in [(3, 1, 1, "answer", "assistant", "2026-11-10 09:00:20"), (5, 1, 1, "handoff", nil, nil),
                                                            (6, 2, 3, "answer", "assistant", "2026-11-05 13:00:10")] {
                try db.execute(sql: """
                    INSERT INTO student_questions (message_id, dialog_id, user_id, arrived_at, seen_at, action, answered_by, answered_at)
                    SELECT id, dialog_id, ?, created_at, created_at + 5, ?, ?, ? FROM messages WHERE id = ?
                    """, arguments: [user, action, by, at.map(t), message])
            }
            for (user, rule, opened) in [(2, "inactive_5d", "2026-10-15 09:00"), (2, "inactive_11d", "2026-11-03 09:00"), (1, "assistant_handoff", "2026-11-12 09:00")] {
                try db.execute(sql: """
                    INSERT INTO alerts (user_id, rule, severity, detail, opened_at, changed_at, notified_at) VALUES (?, ?, 'warning', '', ?, ?, ?)
                    """, arguments: [user, rule, t(opened), t(opened), t(opened)])
            }
            try db.execute(sql: "INSERT INTO model_usage (at, model, purpose, prompt_tokens, completion_tokens) VALUES (?, 'm', 'reply', 1000000, 100000)",
                           arguments: [t("2026-11-10 09:00:10")])
        }
        try SchoolStore(store).relearn(overrides: TestSupport.catalog)
        return store
    }
}
