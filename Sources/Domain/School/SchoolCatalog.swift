import Foundation

/// The school's own data (data/school): curriculum, offers, name pools. GetCourse has no endpoint
/// listing lessons, so lesson ids, order, schedule and homework keys live here.
public struct SchoolCatalog: Sendable, Equatable {
    public var school: SchoolInfo
    public var trainings: [CurriculumTraining]
    public var products: [Product]
    public var names: NamePools

    public init(school: SchoolInfo, trainings: [CurriculumTraining], products: [Product], names: NamePools) {
        self.school = school
        self.trainings = trainings
        self.products = products
        self.names = names
    }

    public func training(id: Int64) -> CurriculumTraining? { trainings.first { $0.id == id } }

    public var allLessons: [CurriculumLesson] { trainings.flatMap(\.lessons) }
}

public struct SchoolInfo: Sendable, Equatable, Codable {
    public var name: String
    public var timeZone: String
    public var utcOffsetHours: Int
    public var currency: String
    public var staff: [StaffMember]

    enum CodingKeys: String, CodingKey {
        case name, timeZone = "time_zone", utcOffsetHours = "utc_offset_hours", currency, staff
    }
}

public struct StaffMember: Sendable, Equatable, Codable {
    public var id: Int64
    public var firstName: String
    public var lastName: String
    public var email: String
    public var role: String

    enum CodingKeys: String, CodingKey { case id, firstName = "first_name", lastName = "last_name", email, role }
}

public struct CurriculumTraining: Sendable, Equatable, Codable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var level: String
    public var description: String
    /// False for Speaking Club: its self-check is optional and must not count as missed homework.
    public var homeworkRequired: Bool
    /// Study groups ("потоки") of this training as GetCourse groups.
    public var streams: [Stream]
    public var lessons: [CurriculumLesson]

    public struct Stream: Sendable, Equatable, Codable {
        public var groupId: Int64
        public var name: String
        /// When the stream started, in weeks before the simulation's "now" (demo data only).
        public var startedWeeksAgo: Int

        enum CodingKeys: String, CodingKey { case groupId = "group_id", name, startedWeeksAgo = "started_weeks_ago" }
    }

    enum CodingKeys: String, CodingKey {
        case id, slug, title, level, description, homeworkRequired = "homework_required", streams, lessons
    }
}

public struct CurriculumLesson: Sendable, Equatable, Codable {
    public var id: Int64
    public var number: Int
    public var title: String
    /// Opening schedule: days after the stream start when the lesson opens.
    public var opensAfterDays: Int
    /// Days after opening when the homework is due.
    public var deadlineDays: Int
    /// GetCourse group that marks "lesson viewed" («… Урок NN просмотрен»).
    public var viewGroupId: Int64
    public var homework: [Exercise]

    enum CodingKeys: String, CodingKey {
        case id, number, title, opensAfterDays = "opens_after_days", deadlineDays = "deadline_days"
        case viewGroupId = "view_group_id", homework
    }
}

public struct Exercise: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case multipleChoice = "multiple_choice", gapFill = "gap_fill", wordOrder = "word_order"
        case translation, essay
    }

    public var number: Int
    public var kind: Kind
    public var prompt: String
    /// Multiple choice options, as shown to the student ("a) went").
    public var options: [String]?
    /// Accepted answers; the first is the canonical one. Empty for essays.
    public var answers: [String]
    /// The grammar or vocabulary rule the feedback cites.
    public var rule: String
    public var minWords: Int?

    public init(number: Int, kind: Kind, prompt: String, options: [String]? = nil, answers: [String], rule: String, minWords: Int? = nil) {
        self.number = number
        self.kind = kind
        self.prompt = prompt
        self.options = options
        self.answers = answers
        self.rule = rule
        self.minWords = minWords
    }

    enum CodingKeys: String, CodingKey { case number, kind, prompt, options, answers, rule, minWords = "min_words" }
}

public struct Product: Sendable, Equatable, Codable {
    public enum Renewal: String, Sendable, Codable { case none, manual, auto }

    public var id: String
    public var title: String
    public var trainingSlugs: [String]
    public var durationDays: Int
    public var lessonCount: Int
    public var priceRub: Int
    public var renewal: Renewal

    enum CodingKeys: String, CodingKey {
        case id, title, trainingSlugs = "training_slugs", durationDays = "duration_days"
        case lessonCount = "lesson_count", priceRub = "price_rub", renewal
    }
}

public struct NamePools: Sendable, Equatable, Codable {
    public struct Surname: Sendable, Equatable, Codable {
        public var male: String
        public var female: String
    }

    public var femaleFirst: [String]
    public var maleFirst: [String]
    public var surnames: [Surname]
    public var cities: [String]
    /// Names that must survive the whole pipeline: ё, hyphens, emoji, an ANSI escape, a bidi override.
    public var hostile: [String]

    enum CodingKeys: String, CodingKey {
        case femaleFirst = "female_first", maleFirst = "male_first", surnames, cities, hostile
    }
}
