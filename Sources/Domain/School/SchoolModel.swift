import Foundation

/// What Curator knows of the school: trainings, their streams and lessons, the opening schedule and
/// what a purchase buys — learned from the account on every pass, with the school's own files
/// (data/school) overriding what the account cannot say. Every part says where it came from.
public struct SchoolModel: Sendable, Equatable {
    public enum Source: String, Sendable, Codable {
        /// Read from the account (the Tech API's trainings, group names, homework answers).
        case account
        /// Stated in data/school and nowhere in the account.
        case data
        /// In the account, with data/school adding to it or overriding it.
        case both = "account+data"
        /// Inferred from what students did (first views and answers, the first member).
        case inferred
    }

    public struct Training: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var source: Source
        public var streams: [Stream]
        public var lessons: [Lesson]

        public init(id: Int64, title: String, source: Source, streams: [Stream], lessons: [Lesson]) {
            self.id = id
            self.title = title
            self.source = source
            self.streams = streams
            self.lessons = lessons
        }

        /// Some lesson asks for homework (the answers name it, or data/ gives it a key).
        public var hasHomework: Bool { lessons.contains(where: \.hasHomework) }
        /// A lesson-view group marks some lesson's views.
        public var tracksViews: Bool { lessons.contains { $0.viewGroupId != nil } }
    }

    /// A study group ("поток") of a training.
    public struct Stream: Sendable, Equatable {
        public enum Tie: String, Sendable, Codable {
            /// The group's name starts with the training's title.
            case name
            /// Most of its members' homework belongs to the training.
            case answers
            /// data/school lists it.
            case data
        }

        public var groupId: Int64
        public var name: String
        public var trainingId: Int64
        public var tie: Tie
        /// When the stream started: its lesson 1 opened, else its first member joined.
        public var startedAt: Double?
        /// Lesson number → days after the start it opened, as this stream's first views and answers show.
        public var openedAfterDays: [Int: Double]
        public var students: Int

        public init(groupId: Int64, name: String, trainingId: Int64, tie: Tie, startedAt: Double?, openedAfterDays: [Int: Double], students: Int) {
            self.groupId = groupId
            self.name = name
            self.trainingId = trainingId
            self.tie = tie
            self.startedAt = startedAt
            self.openedAfterDays = openedAfterDays
            self.students = students
        }
    }

    public struct Lesson: Sendable, Equatable {
        public var number: Int
        /// GetCourse's lesson id: known once an answer names it (or data/ gives it).
        public var id: Int64?
        public var title: String?
        public var viewGroupId: Int64?
        /// Days after the stream's start that it opens, and where that came from.
        public var opensAfterDays: Double
        public var scheduleSource: Source
        /// Days after opening that its homework is due.
        public var deadlineDays: Double
        public var hasHomework: Bool
        /// The homework's answer keys (data/ only): without them the checker leaves answers to the curator.
        public var exercises: [Exercise]

        public init(number: Int, id: Int64?, title: String?, viewGroupId: Int64?, opensAfterDays: Double, scheduleSource: Source,
                    deadlineDays: Double, hasHomework: Bool, exercises: [Exercise]) {
            self.number = number
            self.id = id
            self.title = title
            self.viewGroupId = viewGroupId
            self.opensAfterDays = opensAfterDays
            self.scheduleSource = scheduleSource
            self.deadlineDays = deadlineDays
            self.hasHomework = hasHomework
            self.exercises = exercises
        }
    }

    public var trainings: [Training]
    /// What a purchase buys, by deal title.
    public var packages: PackageBook
    /// Where data/school disagrees with the account (data/ wins), in words.
    public var conflicts: [String]

    public init(trainings: [Training], packages: PackageBook, conflicts: [String] = []) {
        self.trainings = trainings
        self.packages = packages
        self.conflicts = conflicts
    }

    public func training(id: Int64) -> Training? { trainings.first { $0.id == id } }
}

/// How many days each purchase (deal title) buys: from the title's own words, the products file,
/// or how often the same students buy it again.
public struct PackageBook: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var days: Int
        /// data | title | repeat purchases | training length
        public var source: String
        /// As the school writes it; empty for a product id, an alias of its title.
        public var shown: String

        public init(days: Int, source: String, shown: String) {
            self.days = days
            self.source = source
            self.shown = shown
        }
    }

    /// By normalized title (case, ё and punctuation folded), as deals are matched.
    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    /// Days a deal's package lasts, by its title or one of its tags; nil when nothing says.
    public func days(title: String, tags: [String] = []) -> Int? {
        for key in [title] + tags { if let e = entries[SchoolNames.normalized(key)] { return e.days } }
        return nil
    }
}
