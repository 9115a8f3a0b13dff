import Domain
import Foundation
import GRDB

/// Answers a curator's questions about the school from the mirror, with no model: who is at risk,
/// who has been inactive, a student's progress, homework waiting for review, open alerts. The
/// words are `MirrorAnswer`'s; names and texts are the mirror's as stored: the caller sanitises
/// before printing.
public struct MirrorAnswers: Sendable {
    let store: MirrorStore

    public init(_ store: MirrorStore) { self.store = store }

    /// The answer, or nil when the mirror has nothing to say and the knowledge base should answer:
    /// a student (`asStudent`) may ask only about their own progress, and a progress question naming
    /// no known student is about progress in general.
    public func answer(_ question: MirrorQuestion, asStudent: StudentDetail? = nil, now: Date = Date()) throws -> String? {
        try facts(question, asStudent: asStudent, now: now)?.text(now: now)
    }

    func facts(_ question: MirrorQuestion, asStudent: StudentDetail?, now: Date) throws -> MirrorAnswer? {
        let queries = StudentQueries(store)
        if let asStudent {
            guard case .progress = question else { return nil }
            return .progress(asStudent)
        }
        switch question {
        case .atRisk:
            return .atRisk(high: try queries.students(level: .high, sort: .risk), medium: try queries.students(level: .medium, sort: .risk).count)
        case .inactive(let days):
            return .inactive(days: days, students: try queries.students(inactiveSince: now.addingTimeInterval(-Double(days) * 86400), sort: .risk))
        case .progress(let name):
            let found = try studentsNamed(name, queries: queries)
            // No student by that name: a question about progress in general, for the knowledge base.
            if found.isEmpty { return nil }
            if found.count > 1 { return .sameName(found) }
            return try queries.student(id: found[0].id).map(MirrorAnswer.progress)
        case .uncheckedHomework:
            return .uncheckedHomework(try uncheckedHomework())
        case .openAlerts:
            return .openAlerts(try AlertStore(store).list(openOnly: true))
        }
    }

    /// Homework answers nobody has reviewed, in GetCourse or here, oldest first.
    func uncheckedHomework() throws -> [MirrorAnswer.WaitingHomework] {
        typealias A = LessonAnswerRecord.Columns
        return try store.pool.read { db in
            try SQLRequest<Row>(literal: """
                SELECT a.lesson_name, a.created_at, trim(u.first_name || ' ' || u.last_name) AS student_name FROM lesson_answers a
                JOIN users u ON u.id = a.user_id
                WHERE a.type = \(LessonAnswer.homeworkType) AND a.status IN (\(AnswerStatus.new), \(AnswerStatus.viewed))
                ORDER BY a.created_at, a.id
                """).fetchAll(db).map { row in
                MirrorAnswer.WaitingHomework(studentName: row[Waiting.studentName], lessonName: row[A.lessonName], submittedAt: date(row[A.createdAt]))
            }
        }
    }

    /// The student's name beside the answer's own columns in `uncheckedHomework`.
    private enum Waiting: String, ColumnExpression {
        case studentName = "student_name"
    }

    /// Students whose name words all match the typed ones by stem, so an inflected surname (the
    /// genitive of Ivanova) finds Ivanova, and Petrova finds Petrov.
    func studentsNamed(_ name: String, queries: StudentQueries) throws -> [StudentSummary] {
        let typed = SearchTerms.tokens(name).map { RussianStemmer.stem($0) }
        guard let first = typed.max(by: { $0.count < $1.count }) else { return [] }
        return try queries.students(search: first, sort: .name).filter { s in
            let parts = Set(SearchTerms.tokens(s.name).map { RussianStemmer.stem($0) })
            return typed.allSatisfy(parts.contains)
        }
    }
}
