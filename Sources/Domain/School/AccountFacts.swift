import Foundation

/// What the mirror holds that shows the school's shape: the raw material `SchoolLearner` reads.
public struct AccountFacts: Sendable {
    /// A lesson some answer names (GetCourse has no lesson list: answers are how ids become known).
    public struct AnsweredLesson: Sendable, Equatable {
        public var lessonId: Int64
        public var name: String
        public var trainingId: Int64?
        public var trainingName: String
        /// Homework (`mission_answer`) answers to it; comments alone do not make homework.
        public var homeworkAnswers: Int
        public var firstAnswerAt: Double?

        public init(lessonId: Int64, name: String, trainingId: Int64?, trainingName: String, homeworkAnswers: Int, firstAnswerAt: Double?) {
            self.lessonId = lessonId
            self.name = name
            self.trainingId = trainingId
            self.trainingName = trainingName
            self.homeworkAnswers = homeworkAnswers
            self.firstAnswerAt = firstAnswerAt
        }
    }

    public var trainings: [Training]
    public var groups: [StudyGroup]
    public var memberships: [GroupMembership]
    public var lessons: [AnsweredLesson]
    /// Homework answers (lesson, user and time are what is read).
    public var answers: [LessonAnswer]
    public var deals: [Deal]

    public init(trainings: [Training], groups: [StudyGroup], memberships: [GroupMembership], lessons: [AnsweredLesson],
                answers: [LessonAnswer], deals: [Deal]) {
        self.trainings = trainings
        self.groups = groups
        self.memberships = memberships
        self.lessons = lessons
        self.answers = answers
        self.deals = deals
    }

    /// The lessons a list of answers names (as the mirror's aggregate query gives them).
    public static func answeredLessons(_ answers: [LessonAnswer]) -> [AnsweredLesson] {
        var out: [Int64: AnsweredLesson] = [:]
        for a in answers {
            var l = out[a.lessonId] ?? AnsweredLesson(lessonId: a.lessonId, name: a.lessonName, trainingId: a.trainingId, trainingName: a.trainingName,
                                                      homeworkAnswers: 0, firstAnswerAt: nil)
            if a.isHomework { l.homeworkAnswers += 1 }
            if let at = a.createdAt?.timeIntervalSince1970 { l.firstAnswerAt = min(l.firstAnswerAt ?? at, at) }
            out[a.lessonId] = l
        }
        return out.keys.sorted().map { out[$0]! }
    }
}
