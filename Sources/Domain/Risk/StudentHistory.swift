import Foundation

/// Everything the risk model may know about one student, as timestamped events (seconds since 1970).
/// Features at a time T read only the events at or before T, so the same history serves today's
/// score, the training snapshots of past weeks and the evaluation without leaking the future.
public struct StudentHistory: Sendable, Equatable {
    public struct Lesson: Sendable, Equatable {
        // Stored as plain doubles with +∞ for "never" and a 32-bit number: 48 bytes a lesson instead of 80,
        // which matters because scoring reads every lesson of every student and is bound by memory.
        public var opensAt: Double
        public var deadlineAt: Double
        var viewed: Double
        var submitted: Double
        var accepted: Double
        private var storedNumber: Int32
        public var homeworkRequired: Bool

        public var number: Int {
            get { Int(storedNumber) }
            set { storedNumber = Int32(clamping: newValue) }
        }
        public var viewedAt: Double? {
            get { viewed == .infinity ? nil : viewed }
            set { viewed = Self.stored(newValue) }
        }
        /// The first homework submission for this lesson.
        public var submittedAt: Double? {
            get { submitted == .infinity ? nil : submitted }
            set { submitted = Self.stored(newValue) }
        }
        /// When a teacher (or the checker) first accepted its homework.
        public var acceptedAt: Double? {
            get { accepted == .infinity ? nil : accepted }
            set { accepted = Self.stored(newValue) }
        }

        public init(number: Int, opensAt: Double, deadlineAt: Double, homeworkRequired: Bool, viewedAt: Double? = nil, submittedAt: Double? = nil,
                    acceptedAt: Double? = nil) {
            self.storedNumber = Int32(clamping: number)
            self.opensAt = opensAt
            self.deadlineAt = deadlineAt
            self.homeworkRequired = homeworkRequired
            self.viewed = Self.stored(viewedAt)
            self.submitted = Self.stored(submittedAt)
            self.accepted = Self.stored(acceptedAt)
        }

        /// A missing moment is +∞, so "at or before t" is a plain comparison; a NaN counts as missing too.
        private static func stored(_ t: Double?) -> Double {
            guard let t, !t.isNaN else { return .infinity }
            return t
        }
    }

    /// A reviewed homework: score 0...1 (the checker's score where it checked the answer, else accepted 1, declined 0).
    public struct Review: Sendable, Equatable {
        public var at: Double
        public var score: Double

        public init(at: Double, score: Double) {
            self.at = at
            self.score = score
        }
    }

    /// A paid package: when it was paid and when the period it bought ends.
    public struct Package: Sendable, Equatable {
        public var paidAt: Double
        public var endsAt: Double

        public init(paidAt: Double, endsAt: Double) {
            self.paidAt = paidAt
            self.endsAt = endsAt
        }
    }

    /// What the school lets Curator know about this student: whether lesson views are tracked,
    /// whether the course has homework, whether the student has any deal. Features that need what
    /// is not known are missing (NaN), never zero.
    public struct Known: Sendable, Equatable {
        public var views: Bool
        public var homework: Bool
        public var deals: Bool

        public init(views: Bool, homework: Bool, deals: Bool) {
            self.views = views
            self.homework = homework
            self.deals = deals
        }

        public static let everything = Known(views: true, homework: true, deals: true)
    }

    public var studentId: Int64
    public var known = Known.everything
    /// The study group (stream) the student is compared with (0: in no known stream).
    public var cohort: Int64
    public var enrolledAt: Double
    /// Every moment of activity: lesson views, homework, messages, GetCourse's activity stamps. Sorted.
    public var activity: [Double]
    public var lessonViews: [Double]
    public var submissions: [Double]
    public var lessons: [Lesson]
    public var reviews: [Review]
    public var studentMessages: [Double]
    public var staffMessages: [Double]
    public var packages: [Package]
    /// Cancelled, false or unpaid renewal deals (their creation time).
    public var failedPayments: [Double]

    public init(studentId: Int64, cohort: Int64, enrolledAt: Double, activity: [Double] = [], lessonViews: [Double] = [],
                submissions: [Double] = [], lessons: [Lesson] = [], reviews: [Review] = [], studentMessages: [Double] = [],
                staffMessages: [Double] = [], packages: [Package] = [], failedPayments: [Double] = []) {
        self.studentId = studentId
        self.cohort = cohort
        self.enrolledAt = enrolledAt
        self.activity = activity.sorted()
        self.lessonViews = lessonViews.sorted()
        self.submissions = submissions.sorted()
        self.lessons = lessons.sorted { $0.number < $1.number }
        self.reviews = reviews.sorted { $0.at < $1.at }
        self.studentMessages = studentMessages.sorted()
        self.staffMessages = staffMessages.sorted()
        self.packages = packages.sorted { $0.paidAt < $1.paidAt }
        self.failedPayments = failedPayments.sorted()
    }

    /// The last moment of activity at or before `t` (the enrolment when there was none).
    public func lastActivity(atOrBefore t: Double) -> Double {
        let n = countAtOrBefore(activity, t)
        return n == 0 ? enrolledAt : max(enrolledAt, activity[n - 1])
    }

    /// The history with every event after `t` removed (what the mirror held at `t`).
    public func truncated(at t: Double) -> StudentHistory {
        var h = self
        h.activity = activity.filter { $0 <= t }
        h.lessonViews = lessonViews.filter { $0 <= t }
        h.submissions = submissions.filter { $0 <= t }
        h.lessons = lessons.map { l in
            var l = l
            if l.viewed > t { l.viewed = .infinity }
            if l.submitted > t { l.submitted = .infinity }
            return l
        }
        h.reviews = reviews.filter { $0.at <= t }
        h.studentMessages = studentMessages.filter { $0 <= t }
        h.staffMessages = staffMessages.filter { $0 <= t }
        h.packages = packages.filter { $0.paidAt <= t }
        h.failedPayments = failedPayments.filter { $0 <= t }
        return h
    }
}

/// Number of elements `<= t` in a sorted array (the index just past them).
@inline(__always)
func countAtOrBefore(_ a: [Double], _ t: Double) -> Int {
    // Today's scores read histories with nothing after t: the last element answers.
    guard let last = a.last, !(last <= t) else { return a.count }
    // Branch-free halving: which half holds t is data, so a branch would be mispredicted half the time.
    var lo = 0, len = a.count
    while len > 1 {
        let half = len >> 1
        lo = a[lo + half - 1] <= t ? lo + half : lo
        len -= half
    }
    return len == 1 && a[lo] <= t ? lo + 1 : lo
}
