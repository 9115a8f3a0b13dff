import Foundation

/// The school's own files (data/school): what the account cannot say — homework keys, the opening
/// schedule, nicer titles, offers — as overrides over what Curator learns from the account
/// (`SchoolLearner`). Every file is optional. The mock's simulated schools are catalogs too, complete.
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

    /// No files at all: Curator learns everything from the account.
    public static let empty = SchoolCatalog(school: .default, trainings: [], products: [], names: .empty)

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

    public init(name: String, timeZone: String, utcOffsetHours: Int, currency: String, staff: [StaffMember]) {
        self.name = name
        self.timeZone = timeZone
        self.utcOffsetHours = utcOffsetHours
        self.currency = currency
        self.staff = staff
    }

    /// Without school.json: a GetCourse account's usual settings (Moscow time, roubles).
    public static let `default` = SchoolInfo(name: "", timeZone: "Europe/Moscow", utcOffsetHours: 3, currency: "RUB", staff: [])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? Self.default.timeZone
        utcOffsetHours = try c.decodeIfPresent(Int.self, forKey: .utcOffsetHours) ?? Self.default.utcOffsetHours
        currency = try c.decodeIfPresent(String.self, forKey: .currency) ?? Self.default.currency
        staff = try c.decodeIfPresent([StaffMember].self, forKey: .staff) ?? []
    }
}

public struct StaffMember: Sendable, Equatable, Codable {
    public var id: Int64
    public var firstName: String
    public var lastName: String
    public var email: String
    public var role: String

    enum CodingKeys: String, CodingKey { case id, firstName = "first_name", lastName = "last_name", email, role }

    public init(id: Int64, firstName: String, lastName: String, email: String, role: String) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.role = role
    }
}

/// A training as data/school states it. Only `id` and `title` are required; what is left out is learned.
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
        /// When the stream started, in weeks before the simulation's "now" (the mock's schools only).
        public var startedWeeksAgo: Int

        enum CodingKeys: String, CodingKey { case groupId = "group_id", name, startedWeeksAgo = "started_weeks_ago" }

        public init(groupId: Int64, name: String, startedWeeksAgo: Int) {
            self.groupId = groupId
            self.name = name
            self.startedWeeksAgo = startedWeeksAgo
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            groupId = try c.decode(Int64.self, forKey: .groupId)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            startedWeeksAgo = try c.decodeIfPresent(Int.self, forKey: .startedWeeksAgo) ?? 0
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, slug, title, level, description, homeworkRequired = "homework_required", streams, lessons
    }

    public init(id: Int64, slug: String, title: String, level: String, description: String, homeworkRequired: Bool, streams: [Stream],
                lessons: [CurriculumLesson]) {
        self.id = id
        self.slug = slug
        self.title = title
        self.level = level
        self.description = description
        self.homeworkRequired = homeworkRequired
        self.streams = streams
        self.lessons = lessons
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        slug = try c.decodeIfPresent(String.self, forKey: .slug) ?? "training-\(id)"
        level = try c.decodeIfPresent(String.self, forKey: .level) ?? ""
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        homeworkRequired = try c.decodeIfPresent(Bool.self, forKey: .homeworkRequired) ?? true
        streams = try c.decodeIfPresent([Stream].self, forKey: .streams) ?? []
        lessons = try c.decodeIfPresent([CurriculumLesson].self, forKey: .lessons) ?? []
    }
}

/// A lesson as data/school states it: `id` and `number` are required; a schedule, a view group and
/// homework keys only where the school gives them.
public struct CurriculumLesson: Sendable, Equatable, Codable {
    public var id: Int64
    public var number: Int
    public var title: String
    /// Opening schedule: days after the stream start when the lesson opens (nil: inferred).
    public var opensAfterDays: Int?
    /// Days after opening when the homework is due (nil: a week).
    public var deadlineDays: Int?
    /// GetCourse group that marks "lesson viewed" («… Урок NN просмотрен»); nil: found by its name.
    public var viewGroupId: Int64?
    public var homework: [Exercise]

    enum CodingKeys: String, CodingKey {
        case id, number, title, opensAfterDays = "opens_after_days", deadlineDays = "deadline_days"
        case viewGroupId = "view_group_id", homework
    }

    public init(id: Int64, number: Int, title: String, opensAfterDays: Int?, deadlineDays: Int?, viewGroupId: Int64?, homework: [Exercise]) {
        self.id = id
        self.number = number
        self.title = title
        self.opensAfterDays = opensAfterDays
        self.deadlineDays = deadlineDays
        self.viewGroupId = viewGroupId
        self.homework = homework
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        number = try c.decode(Int.self, forKey: .number)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        opensAfterDays = try c.decodeIfPresent(Int.self, forKey: .opensAfterDays)
        deadlineDays = try c.decodeIfPresent(Int.self, forKey: .deadlineDays)
        viewGroupId = try c.decodeIfPresent(Int64.self, forKey: .viewGroupId)
        homework = try c.decodeIfPresent([Exercise].self, forKey: .homework) ?? []
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

    public init(id: String, title: String, trainingSlugs: [String], durationDays: Int, lessonCount: Int, priceRub: Int, renewal: Renewal) {
        self.id = id
        self.title = title
        self.trainingSlugs = trainingSlugs
        self.durationDays = durationDays
        self.lessonCount = lessonCount
        self.priceRub = priceRub
        self.renewal = renewal
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

    public init(femaleFirst: [String], maleFirst: [String], surnames: [Surname], cities: [String], hostile: [String]) {
        self.femaleFirst = femaleFirst
        self.maleFirst = maleFirst
        self.surnames = surnames
        self.cities = cities
        self.hostile = hostile
    }

    public static let empty = NamePools(femaleFirst: [], maleFirst: [], surnames: [], cities: [], hostile: [])
}
