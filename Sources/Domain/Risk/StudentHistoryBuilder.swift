import Foundation

/// Assembles `StudentHistory` values from mirrored records and what Curator knows of the school
/// (`SchoolModel`). The same code serves the mirror (Storage loads the records) and the evaluation
/// (a simulation's truth file).
///
/// Choices where GetCourse is silent:
/// - A student is a user in a study group, or with a deal or a homework answer. The main stream is
///   one of a training with homework, tied by name or data/ before one tied by its members' answers,
///   the earliest joined; it gives the lessons, the schedule and the cohort.
/// - Lessons open on the student's own timeline: from when they joined (or the stream started, if
///   later) by the stream's observed openings, so a late joiner is not behind for lessons opened before.
/// - A deal buys a package when the school model knows how long its title lasts; renewals paid before
///   the current period ends extend it.
/// - What cannot be known for a student (no view groups, no homework, no deals) is marked, and the
///   features that need it are missing rather than zero.
public struct StudentHistoryBuilder: Sendable {
    private let school: SchoolModel
    private let trainingIndex: [Int64: Int]
    private let streams: [Int64: (training: Int, stream: Int)]
    private let viewGroups: [Int64: (training: Int64, number: Int)]
    private let lessonNumbers: [Int64: (training: Int64, number: Int)]

    public init(school: SchoolModel) {
        self.school = school
        var trainingIndex: [Int64: Int] = [:]
        var streams: [Int64: (Int, Int)] = [:]
        var viewGroups: [Int64: (Int64, Int)] = [:]
        var lessonNumbers: [Int64: (Int64, Int)] = [:]
        for (ti, t) in school.trainings.enumerated() {
            trainingIndex[t.id] = ti
            for (si, s) in t.streams.enumerated() { streams[s.groupId] = (ti, si) }
            for l in t.lessons {
                if let g = l.viewGroupId { viewGroups[g] = (t.id, l.number) }
                if let id = l.id { lessonNumbers[id] = (t.id, l.number) }
            }
        }
        self.trainingIndex = trainingIndex
        self.streams = streams
        self.viewGroups = viewGroups
        self.lessonNumbers = lessonNumbers
    }

    public struct Records: Sendable {
        /// Everyone to score, with when their account was created (nil: only the events tell).
        public var students: [Int64: Date?]
        public var memberships: [GroupMembership]
        public var deals: [Deal]
        public var answers: [LessonAnswer]
        public var dialogs: [Dialog]
        public var messages: [DialogMessage]
        /// GetCourse "last activity" stamps as the mirror observed them over time, per user.
        public var activityStamps: [Int64: [Date]]
        /// The homework checker's score by answer id: a reviewed answer counts with it, not as 1 or 0.
        public var checkScores: [Int64: Double]

        public init(students: [Int64: Date?], memberships: [GroupMembership], deals: [Deal], answers: [LessonAnswer], dialogs: [Dialog],
                    messages: [DialogMessage], activityStamps: [Int64: [Date]] = [:], checkScores: [Int64: Double] = [:]) {
            self.students = students
            self.checkScores = checkScores
            self.memberships = memberships
            self.deals = deals
            self.answers = answers
            self.dialogs = dialogs
            self.messages = messages
            self.activityStamps = activityStamps
        }
    }

    /// One history per student, ordered by student id.
    public func histories(_ r: Records) -> [StudentHistory] {
        struct Key: Hashable { var training: Int64; var number: Int }
        struct Draft {
            /// The main stream: training index, stream index, joined, and how it ranks.
            var main: (training: Int, stream: Int, at: Double, rank: Int)?
            var firstSeen = Double.infinity
            var views: [Key: Double] = [:]
            var submitted: [Key: Double] = [:]
            var accepted: [Key: Double] = [:]
            var submissions: [Double] = []
            var reviews: [StudentHistory.Review] = []
            var studentMessages: [Double] = []
            var staffMessages: [Double] = []
            var paid: [(at: Double, days: Int)] = []
            var failed: [Double] = []
            var anyDeal = false
            var stamps: [Double] = []
        }
        var drafts: [Int64: Draft] = [:]
        drafts.reserveCapacity(r.students.count)
        for (id, created) in r.students { drafts[id] = Draft(firstSeen: created?.timeIntervalSince1970 ?? .infinity) }
        for m in r.memberships {
            guard let at = m.addedAt?.timeIntervalSince1970, drafts[m.userId] != nil else { continue }
            if let (ti, si) = streams[m.groupId] {
                let t = school.trainings[ti]
                // A training with homework first, then a stream tied by name or data/, then the earliest joined.
                let rank = (t.hasHomework ? 0 : 2) + (t.streams[si].tie == .answers ? 1 : 0)
                if let cur = drafts[m.userId]!.main, (cur.rank, cur.at) <= (rank, at) {} else { drafts[m.userId]!.main = (ti, si, at, rank) }
                drafts[m.userId]!.firstSeen = min(drafts[m.userId]!.firstSeen, at)
            } else if let v = viewGroups[m.groupId] {
                drafts[m.userId]!.views[Key(training: v.training, number: v.number)] = at
            }
        }
        for a in r.answers where a.isHomework {
            guard let at = a.createdAt?.timeIntervalSince1970, drafts[a.userId] != nil else { continue }
            let key = lessonNumbers[a.lessonId].map { Key(training: $0.training, number: $0.number) }
            var d = drafts.removeValue(forKey: a.userId)!
            d.submissions.append(at)
            if let key { d.submitted[key] = min(d.submitted[key] ?? at, at) }
            if let reviewed = a.reviewedAt?.timeIntervalSince1970 {
                switch AnswerStatus(rawValue: a.status) {
                case .accepted:
                    d.reviews.append(.init(at: reviewed, score: r.checkScores[a.id] ?? 1))
                    if let key { d.accepted[key] = min(d.accepted[key] ?? reviewed, reviewed) }
                case .declined: d.reviews.append(.init(at: reviewed, score: r.checkScores[a.id] ?? 0))
                default: break
                }
            }
            drafts[a.userId] = d
        }
        var dialogUser: [Int64: Int64] = [:]
        for dialog in r.dialogs { dialogUser[dialog.id] = dialog.userId }
        for m in r.messages {
            guard let user = dialogUser[m.dialogId], drafts[user] != nil, let at = m.createdAt?.timeIntervalSince1970 else { continue }
            if m.fromStudent { drafts[user]!.studentMessages.append(at) } else { drafts[user]!.staffMessages.append(at) }
        }
        // Package lengths by title and tags: a school sells a handful of titles to many students.
        var packageDays: [[String]: Int?] = [:]
        for deal in r.deals {
            guard let user = deal.userId, drafts[user] != nil else { continue }
            drafts[user]!.anyDeal = true
            if let created = deal.createdAt?.timeIntervalSince1970 { drafts[user]!.firstSeen = min(drafts[user]!.firstSeen, created) }
            switch deal.status {
            case .payed:
                let key = [deal.title] + deal.tags
                if packageDays[key] == nil { packageDays[key] = .some(school.packages.days(title: deal.title, tags: deal.tags)) }
                guard let paid = (deal.paidAt ?? deal.createdAt)?.timeIntervalSince1970, let days = packageDays[key]! else { continue }
                drafts[user]!.paid.append((paid, days))
            case .cancelled, .false, .paymentWaiting, .notConfirmed:
                // An unpaid invoice counts only once it is a few days old (a fresh one is just being paid).
                guard let created = deal.createdAt?.timeIntervalSince1970 else { continue }
                drafts[user]!.failed.append(deal.status == .paymentWaiting ? created + 3 * 86400 : created)
            default:
                continue
            }
        }
        for (user, stamps) in r.activityStamps where drafts[user] != nil { drafts[user]!.stamps = stamps.map(\.timeIntervalSince1970) }

        var out: [StudentHistory] = []
        out.reserveCapacity(drafts.count)
        for (id, d) in drafts {
            let views = Array(d.views.values)
            var lessons: [StudentHistory.Lesson] = []
            var cohort: Int64 = 0
            var enrolledAt = min(d.firstSeen, d.submissions.min() ?? .infinity, views.min() ?? .infinity)
            var tracksViews = false, tracksHomework = !d.submissions.isEmpty
            if let main = d.main {
                let training = school.trainings[main.training], stream = training.streams[main.stream]
                cohort = stream.groupId
                enrolledAt = main.at
                tracksViews = training.tracksViews
                tracksHomework = training.hasHomework
                let from = max(main.at, stream.startedAt ?? main.at)
                lessons = training.lessons.map { l in
                    // The school's stated schedule, else what this stream's members showed, else the training's.
                    let days = l.scheduleSource == .data ? l.opensAfterDays : stream.openedAfterDays[l.number] ?? l.opensAfterDays
                    let opens = from + days * 86400
                    let key = Key(training: training.id, number: l.number)
                    return .init(number: l.number, opensAt: opens, deadlineAt: opens + l.deadlineDays * 86400, homeworkRequired: l.hasHomework,
                                 viewedAt: d.views[key], submittedAt: d.submitted[key], acceptedAt: d.accepted[key])
                }
            }
            if !enrolledAt.isFinite { enrolledAt = d.stamps.min() ?? .infinity }
            guard enrolledAt.isFinite else { continue }
            var packages: [StudentHistory.Package] = []
            var end = -Double.infinity
            for p in d.paid.sorted(by: { $0.at < $1.at }) {
                end = max(end, p.at) + Double(p.days) * 86400
                packages.append(.init(paidAt: p.at, endsAt: end))
            }
            var h = StudentHistory(studentId: id, cohort: cohort, enrolledAt: enrolledAt,
                                   activity: views + d.submissions + d.studentMessages + d.stamps,
                                   lessonViews: views, submissions: d.submissions, lessons: lessons, reviews: d.reviews,
                                   studentMessages: d.studentMessages, staffMessages: d.staffMessages,
                                   packages: packages, failedPayments: d.failed)
            h.known = StudentHistory.Known(views: tracksViews, homework: tracksHomework, deals: d.anyDeal)
            out.append(h)
        }
        return out.sorted { $0.studentId < $1.studentId }
    }
}
