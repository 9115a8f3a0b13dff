import Foundation

/// Assembles `StudentHistory` values from mirrored records and the school's catalog. The same code
/// serves the mirror (Storage loads the records) and the evaluation (a simulation's truth file).
///
/// Choices where GetCourse is silent:
/// - A student is a user in one of the catalog's study groups (streams). The main stream is the
///   earliest joined one of a training with homework; it gives the lesson schedule and the cohort.
/// - Lessons open on the student's own timeline: enrolment + `opens_after_days`, so a late joiner is
///   not counted as behind for lessons that opened before they arrived.
/// - A deal buys a package when its title or one of its tags names a catalog product; renewals paid
///   before the current period ends extend it.
public struct StudentHistoryBuilder: Sendable {
    private let streams: [Int64: CurriculumTraining]
    private let viewGroups: [Int64: Int]
    private let lessonNumbers: [Int64: Int]
    private let productDays: [String: Int]

    public init(catalog: SchoolCatalog) {
        var streams: [Int64: CurriculumTraining] = [:]
        var viewGroups: [Int64: Int] = [:]
        var lessonNumbers: [Int64: Int] = [:]
        for t in catalog.trainings {
            for s in t.streams { streams[s.groupId] = t }
            for l in t.lessons {
                viewGroups[l.viewGroupId] = l.number
                lessonNumbers[l.id] = l.number
            }
        }
        var productDays: [String: Int] = [:]
        for p in catalog.products {
            productDays[p.id] = p.durationDays
            productDays[p.title] = p.durationDays
        }
        self.streams = streams
        self.viewGroups = viewGroups
        self.lessonNumbers = lessonNumbers
        self.productDays = productDays
    }

    public struct Records: Sendable {
        public var memberships: [GroupMembership]
        public var deals: [Deal]
        public var answers: [LessonAnswer]
        public var dialogs: [Dialog]
        public var messages: [DialogMessage]
        /// GetCourse "last activity" stamps as the mirror observed them over time, per user.
        public var activityStamps: [Int64: [Date]]
        /// The homework checker's score by answer id: a reviewed answer counts with it, not as 1 or 0.
        public var checkScores: [Int64: Double]

        public init(memberships: [GroupMembership], deals: [Deal], answers: [LessonAnswer], dialogs: [Dialog],
                    messages: [DialogMessage], activityStamps: [Int64: [Date]] = [:], checkScores: [Int64: Double] = [:]) {
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
        struct Draft {
            var mainStream: (group: Int64, at: Double, homework: Bool)?
            var views: [Int: Double] = [:]
            var submitted: [Int: Double] = [:]
            var accepted: [Int: Double] = [:]
            var submissions: [Double] = []
            var reviews: [StudentHistory.Review] = []
            var studentMessages: [Double] = []
            var staffMessages: [Double] = []
            var paid: [(at: Double, days: Int)] = []
            var failed: [Double] = []
            var stamps: [Double] = []
        }
        var drafts: [Int64: Draft] = [:]
        for m in r.memberships {
            guard let at = m.addedAt?.timeIntervalSince1970 else { continue }
            if let training = streams[m.groupId] {
                let candidate = (group: m.groupId, at: at, homework: training.homeworkRequired)
                var d = drafts[m.userId, default: Draft()]
                if let cur = d.mainStream {
                    // Prefer a training with homework, then the earliest enrolment.
                    if (candidate.homework && !cur.homework) || (candidate.homework == cur.homework && candidate.at < cur.at) { d.mainStream = candidate }
                } else {
                    d.mainStream = candidate
                }
                drafts[m.userId] = d
            } else if let n = viewGroups[m.groupId] {
                drafts[m.userId, default: Draft()].views[n] = at
            }
        }
        for a in r.answers where a.isHomework {
            guard let at = a.createdAt?.timeIntervalSince1970 else { continue }
            var d = drafts[a.userId, default: Draft()]
            d.submissions.append(at)
            if let n = lessonNumbers[a.lessonId] { d.submitted[n] = min(d.submitted[n] ?? at, at) }
            if let reviewed = a.reviewedAt?.timeIntervalSince1970 {
                switch a.status {
                case "accepted":
                    d.reviews.append(.init(at: reviewed, score: r.checkScores[a.id] ?? 1))
                    if let n = lessonNumbers[a.lessonId] { d.accepted[n] = min(d.accepted[n] ?? reviewed, reviewed) }
                case "declined": d.reviews.append(.init(at: reviewed, score: r.checkScores[a.id] ?? 0))
                default: break
                }
            }
            drafts[a.userId] = d
        }
        var dialogUser: [Int64: Int64] = [:]
        for dialog in r.dialogs { dialogUser[dialog.id] = dialog.userId }
        for m in r.messages {
            guard let user = dialogUser[m.dialogId], let at = m.createdAt?.timeIntervalSince1970 else { continue }
            if m.fromStudent { drafts[user, default: Draft()].studentMessages.append(at) } else { drafts[user, default: Draft()].staffMessages.append(at) }
        }
        for deal in r.deals {
            guard let user = deal.userId else { continue }
            switch deal.status {
            case .payed:
                guard let paid = (deal.paidAt ?? deal.createdAt)?.timeIntervalSince1970, let days = packageDays(deal) else { continue }
                drafts[user, default: Draft()].paid.append((paid, days))
            case .cancelled, .false, .paymentWaiting, .notConfirmed:
                // An unpaid invoice counts only once it is a few days old (a fresh one is just being paid).
                guard let created = deal.createdAt?.timeIntervalSince1970 else { continue }
                drafts[user, default: Draft()].failed.append(deal.status == .paymentWaiting ? created + 3 * 86400 : created)
            default:
                continue
            }
        }
        for (user, stamps) in r.activityStamps { drafts[user, default: Draft()].stamps = stamps.map(\.timeIntervalSince1970) }

        var out: [StudentHistory] = []
        out.reserveCapacity(drafts.count)
        for (id, d) in drafts {
            guard let main = d.mainStream, let training = streams[main.group] else { continue }
            let lessons = training.lessons.map { l -> StudentHistory.Lesson in
                let opens = main.at + Double(l.opensAfterDays) * 86400
                return .init(number: l.number, opensAt: opens, deadlineAt: opens + Double(l.deadlineDays) * 86400,
                             homeworkRequired: training.homeworkRequired && !l.homework.isEmpty,
                             viewedAt: d.views[l.number], submittedAt: d.submitted[l.number], acceptedAt: d.accepted[l.number])
            }
            var packages: [StudentHistory.Package] = []
            var end = -Double.infinity
            for p in d.paid.sorted(by: { $0.at < $1.at }) {
                end = max(end, p.at) + Double(p.days) * 86400
                packages.append(.init(paidAt: p.at, endsAt: end))
            }
            let views = Array(d.views.values)
            out.append(StudentHistory(studentId: id, cohort: main.group, enrolledAt: main.at,
                                      activity: views + d.submissions + d.studentMessages + d.stamps,
                                      lessonViews: views, submissions: d.submissions, lessons: lessons, reviews: d.reviews,
                                      studentMessages: d.studentMessages, staffMessages: d.staffMessages,
                                      packages: packages, failedPayments: d.failed))
        }
        return out.sorted { $0.studentId < $1.studentId }
    }

    private func packageDays(_ deal: Deal) -> Int? {
        if let d = productDays[deal.title] { return d }
        for tag in deal.tags { if let d = productDays[tag] { return d } }
        return nil
    }
}
