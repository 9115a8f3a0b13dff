import Domain
import Foundation

/// One simulated school behind the mock API: users, groups, deals, homework, dialogs.
/// Deterministic for a seed and a start time; live events then follow the real clock.
/// Not thread-safe: `MockGetCourse` guards it with a lock.
public final class SchoolSimulation {
    public struct Options: Sendable {
        public var seed: UInt64 = 42
        public var students: Int = 320
        public var weeks: Int = 12
        /// The account's own user and deal fields (the first user field holds a Telegram handle, the
        /// second the level; the first deal field where the lead came from).
        public var customUserFields = ["Telegram", "Уровень по тесту"]
        public var customDealFields = ["Источник заявки"]
        /// Between the training's title and «Урок NN просмотрен» in lesson-view group names.
        public var viewGroupSeparator = " · "

        public init(seed: UInt64 = 42, students: Int = 320, weeks: Int = 12) {
            self.seed = seed
            self.students = students
            self.weeks = weeks
        }
    }

    /// Deal fields the legacy export filters on but the mirror does not keep.
    struct DealMeta {
        var statusChangedAt: Date
        var finishedAt: Date?
    }

    struct StudentState {
        var plan: BehaviourPlan
        var trainingId: Int64
        var streamGroupId: Int64
        var streamStart: Date
        var dialogId: Int64?
        var paidUntil: Date
        var productId: String
    }

    public let catalog: SchoolCatalog
    public let options: Options
    public var customUserFields: [String] { options.customUserFields }
    public var customDealFields: [String] { options.customDealFields }

    public private(set) var users: [Int64: Student] = [:]
    public private(set) var groups: [Int64: StudyGroup] = [:]
    public private(set) var memberships: [GroupMembership] = []
    private var membershipKeys: Set<GroupMembership.Key> = []
    public private(set) var deals: [Int64: Deal] = [:]
    var dealMeta: [Int64: DealMeta] = [:]
    public private(set) var answers: [Int64: LessonAnswer] = [:]
    public private(set) var dialogs: [Int64: Dialog] = [:]
    public private(set) var messages: [Int64: [DialogMessage]] = [:]
    public private(set) var trainings: [Training] = []
    /// Moments students were active on the platform. The API shows only the latest (the users'
    /// "last activity"); a mirror syncing often sees each of them in turn.
    public private(set) var logins: [Int64: [Date]] = [:]
    var students: [Int64: StudentState] = [:]
    /// The skill each answer was written with, which its review follows.
    private var answerSkill: [Int64: Double] = [:]
    /// Bumped on every change, so the truth file is rewritten only when needed.
    public private(set) var version = 0

    private var rng: SeededRandom
    private var nextUserId: Int64 = 2_000_001
    private var nextDealId: Int64 = 30_000_001
    private var nextAnswerId: Int64 = 40_000_001
    private var nextDialogId: Int64 = 50_000_001
    private var nextMessageId: Int64 = 60_000_001
    private let day: TimeInterval = 86400
    private let curatorId: Int64
    private let teacherIds: [Int64]

    public init(catalog: SchoolCatalog, options: Options, now: Date) {
        self.catalog = catalog
        self.options = options
        rng = SeededRandom(seed: options.seed)
        curatorId = catalog.school.staff.first { $0.role == "curator" }?.id ?? 1_000_001
        teacherIds = catalog.school.staff.filter { $0.role == "teacher" }.map(\.id)
        let now = Self.wholeSecond(now)
        let historyStart = now.addingTimeInterval(-Double(options.weeks) * 7 * day)
        for s in catalog.school.staff {
            users[s.id] = Student(id: s.id, email: s.email, firstName: s.firstName, lastName: s.lastName,
                                  createdAt: historyStart.addingTimeInterval(-400 * day), lastActivityAt: now.addingTimeInterval(-3600))
        }
        for t in catalog.trainings {
            trainings.append(Training(id: t.id, title: t.title, description: t.description,
                                      createdAt: historyStart.addingTimeInterval(-200 * day), status: "active", lessonCount: t.lessons.count))
            for s in t.streams { groups[s.groupId] = StudyGroup(id: s.groupId, name: s.name, lastAddedAt: nil) }
            for l in t.lessons {
                groups[l.viewGroupId!] = StudyGroup(id: l.viewGroupId!, name: LessonViewGroupName.make(trainingTitle: t.title, lesson: l.number,
                                                                                                    separator: options.viewGroupSeparator), lastAddedAt: nil)
            }
        }
        for i in 0..<options.students { generateStudent(index: i, now: now, historyStart: historyStart) }
        version = 1
    }

    static func wholeSecond(_ d: Date) -> Date { Date(timeIntervalSince1970: d.timeIntervalSince1970.rounded(.down)) }

    // MARK: - History

    /// `live`: the student enrols at `now` (a live event) instead of somewhere in the history.
    private func generateStudent(index: Int, now: Date, historyStart: Date, live: Bool = false) {
        let names = catalog.names
        let female = rng.chance(0.6)
        var firstName = female ? rng.pick(names.femaleFirst) : rng.pick(names.maleFirst)
        let surname = rng.pick(names.surnames)
        let last = female ? surname.female : surname.male
        // Every few students carries a hostile name, so the whole pipeline meets them in the demo.
        if index % 5 == 2 && index / 5 < names.hostile.count { firstName = names.hostile[index / 5] }

        let roll = rng.uniform(0...1)
        let profile: StudentProfile = live ? .newEnrolment : roll < 0.45 ? .steady : roll < 0.67 ? .fading : roll < 0.73 ? .silentChurner : roll < 0.86 ? .lapseAndReturn : .newEnrolment
        let trainingRoll = rng.uniform(0...1)
        let training = trainingRoll < 0.72 ? catalog.trainings[Int.random(in: 0..<min(3, catalog.trainings.count), using: &rng)]
            : trainingRoll < 0.87 ? (catalog.trainings.first { $0.slug == "ielts" } ?? catalog.trainings[0])
            : (catalog.trainings.first { $0.slug == "speaking-club" } ?? catalog.trainings[0])
        let streams = training.streams.sorted { $0.startedWeeksAgo > $1.startedWeeksAgo }
        let stream = profile == .newEnrolment ? streams.last! : rng.pick(streams)
        let streamStart = now.addingTimeInterval(-Double(stream.startedWeeksAgo) * 7 * day)
        var joined: Date
        if live {
            joined = now
        } else if profile == .newEnrolment {
            joined = now.addingTimeInterval(-rng.uniform(0.5...14) * day)
        } else {
            joined = max(historyStart, streamStart.addingTimeInterval(rng.uniform(-5...3) * day))
        }
        joined = Self.wholeSecond(live ? now : min(joined, now.addingTimeInterval(-3600)))
        // Diligence overlaps between profiles: leavers have less of it on average, not always.
        let diligence: ClosedRange<Double> = switch profile {
        case .steady: 0.5...1
        case .lapseAndReturn: 0.4...1
        case .newEnrolment: 0.3...1
        case .fading: 0.2...0.85
        case .silentChurner: 0.15...0.8
        }
        var plan = BehaviourPlan(profile: profile, joinedAt: joined, baseEngagement: rng.uniform(0.72...0.97), skill: rng.uniform(0.55...0.97),
                                 diligence: rng.uniform(diligence))
        let span = now.timeIntervalSince(joined)
        switch profile {
        case .fading:
            let fadeStart = joined.addingTimeInterval(max(7 * day, rng.uniform(0.2...0.85) * span))
            plan.fadeStart = fadeStart
            plan.dropoutAt = Self.wholeSecond(fadeStart.addingTimeInterval(rng.uniform(14...35) * day))
            plan.skill *= 0.9
            // Those who will fade were, on average, a little less engaged from the start.
            plan.baseEngagement = rng.uniform(0.55...0.92)
        case .silentChurner:
            // Less engaged students are likelier to quit, though these give no warning of when.
            plan.baseEngagement = rng.uniform(0.5...0.85)
            plan.dropoutAt = Self.wholeSecond(joined.addingTimeInterval(max(5 * day, rng.uniform(0.25...0.95) * span)))
        case .lapseAndReturn:
            let start = joined.addingTimeInterval(max(5 * day, rng.uniform(0.15...0.6) * span))
            plan.lapse = start...start.addingTimeInterval(rng.uniform(10...20) * day)
        case .steady, .newEnrolment:
            break
        }

        let id = nextUserId
        nextUserId += 1
        let created = Self.wholeSecond(joined.addingTimeInterval(-rng.uniform(1...10) * day))
        let translitSeed = String(format: "%05d", index)
        var user = Student(id: id, email: "student\(translitSeed)@\(rng.pick(["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru"]))",
                           firstName: firstName, lastName: last,
                           phone: rng.chance(0.85) ? "+7 9\(Int.random(in: 10...99, using: &rng)) \(Int.random(in: 100...999, using: &rng))-\(Int.random(in: 10...99, using: &rng))-\(Int.random(in: 10...99, using: &rng))" : "",
                           createdAt: created, lastActivityAt: nil, city: rng.pick(names.cities), country: "Россия")
        if rng.chance(0.7), let handle = customUserFields.first { user.customFields[handle] = "@student_\(translitSeed)" }
        if customUserFields.count > 1 { user.customFields[customUserFields[1]] = training.level }
        users[id] = user
        let productId = pickProduct(for: training)
        students[id] = StudentState(plan: plan, trainingId: training.id, streamGroupId: stream.groupId, streamStart: streamStart,
                                    dialogId: nil, paidUntil: joined, productId: productId)
        addMember(groupId: stream.groupId, userId: id, at: joined)

        // Deals: the first purchase at joining, then renewals while the student stays. Periods ending
        // up to 3 weeks from now are decided too: a student who will not renew is already drifting away.
        var periodStart = joined
        var first = true
        while periodStart <= now.addingTimeInterval(21 * day) {
            let engaged = !plan.hasDroppedOut(at: periodStart)
            let product = catalog.products.first { $0.id == productId }!
            if !first && !engaged {
                // The renewal after dropping out: an auto-charge that fails, or a deal left unpaid.
                if product.renewal == .auto {
                    addDeal(userId: id, product: product, createdAt: periodStart.addingTimeInterval(-2 * day), status: .cancelled, paidAt: nil, now: now)
                } else if rng.chance(0.4) {
                    addDeal(userId: id, product: product, createdAt: periodStart.addingTimeInterval(-3 * day), status: .false, paidAt: nil, now: now)
                }
                break
            }
            if !first && product.renewal == .none { break }
            if !first && product.renewal == .manual && !rng.chance(0.5 + 0.45 * plan.diligence) {
                // Not renewing means leaving when the paid period ends, losing interest in the weeks before;
                // the renewal invoice, if one is sent, stays unpaid.
                plan.dropoutAt = min(plan.dropoutAt ?? periodStart, periodStart)
                if plan.fadeStart == nil { plan.fadeStart = periodStart.addingTimeInterval(-rng.uniform(10...24) * day) }
                students[id]!.plan = plan
                let invoiceAt = periodStart.addingTimeInterval(-rng.uniform(3...7) * day)
                if invoiceAt <= now, rng.chance(0.6) {
                    addDeal(userId: id, product: product, createdAt: invoiceAt, status: .paymentWaiting, paidAt: nil, now: now)
                }
                break
            }
            let created = first ? joined.addingTimeInterval(-rng.uniform(0.1...2) * day) : periodStart.addingTimeInterval(-rng.uniform(0.5...7) * day)
            if created > now { break }
            addDeal(userId: id, product: product, createdAt: created, status: .payed, paidAt: created.addingTimeInterval(rng.uniform(0.01...0.5) * day), now: now)
            periodStart = periodStart.addingTimeInterval(Double(product.durationDays) * day)
            students[id]!.paidUntil = periodStart
            first = false
        }
        // An open renewal invoice for some whose period ends within a week.
        if let st = students[id], st.paidUntil > now, st.paidUntil < now.addingTimeInterval(7 * day), !plan.hasDroppedOut(at: now), rng.chance(0.5),
           let product = catalog.products.first(where: { $0.id == productId }) {
            addDeal(userId: id, product: product, createdAt: now.addingTimeInterval(-rng.uniform(0.1...2) * day), status: .paymentWaiting, paidAt: nil, now: now)
        }
        // Some General English students also come to Speaking Club.
        if training.slug.hasPrefix("ge-"), rng.chance(0.25), let club = catalog.trainings.first(where: { $0.slug == "speaking-club" }), let s = club.streams.first {
            addMember(groupId: s.groupId, userId: id, at: joined.addingTimeInterval(rng.uniform(1...10) * day))
        }

        // Logins: most days for an engaged student, fewer as engagement fades.
        var lastActive = joined
        let loginRate = rng.uniform(0.35...0.85)
        var dayStart = joined
        while dayStart <= now {
            if rng.chance(plan.engagement(at: dayStart) * loginRate) {
                let at = Self.wholeSecond(min(now, dayStart.addingTimeInterval(rng.uniform(0...1) * day)))
                if plan.engagement(at: at) > 0 {
                    logins[id, default: []].append(at)
                    lastActive = max(lastActive, at)
                }
            }
            dayStart = dayStart.addingTimeInterval(day)
        }

        // Lessons: views and homework, as engagement allows.
        for lesson in training.lessons {
            let opens = streamStart.addingTimeInterval(Double(lesson.opensAfterDays ?? 0) * day)
            guard opens <= now else { break }
            let viewAt = Self.wholeSecond(max(opens, joined).addingTimeInterval(rng.uniform(0.05...3) * day))
            guard viewAt <= now, rng.chance(plan.engagement(at: viewAt)) else { continue }
            addMember(groupId: lesson.viewGroupId!, userId: id, at: viewAt)
            lastActive = max(lastActive, viewAt)
            let hwChance = lesson.homework.isEmpty ? 0 : training.homeworkRequired ? plan.homeworkChance(at: viewAt) : 0.3
            guard rng.chance(hwChance) else { continue }
            let late = rng.chance(plan.lateChance(at: viewAt))
            let submitAt = Self.wholeSecond(viewAt.addingTimeInterval(rng.uniform(0.05...(late ? 1.4 : 0.9)) * Double(lesson.deadlineDays ?? 7) * day))
            guard submitAt <= now, plan.engagement(at: submitAt) > 0 else { continue }
            let answer = submitHomework(userId: id, training: training, lesson: lesson, at: submitAt, skill: plan.skill(at: submitAt))
            lastActive = max(lastActive, submitAt)
            let reviewAt = Self.wholeSecond(submitAt.addingTimeInterval(rng.uniform(0.1...2.5) * day))
            if reviewAt <= now { review(answerId: answer, at: reviewAt) }
        }

        // Dialogs: questions to the school while engaged, and the curator's replies.
        var t = joined.addingTimeInterval(rng.uniform(0.5...6) * day)
        while t <= now {
            if rng.chance(plan.engagement(at: t) * 0.55) {
                let msgAt = Self.wholeSecond(t)
                postStudentMessage(userId: id, text: rng.pick(SimulationTexts.studentQuestions), at: msgAt)
                lastActive = max(lastActive, msgAt)
                let replyAt = Self.wholeSecond(msgAt.addingTimeInterval(rng.uniform(0.01...1.2) * day))
                if replyAt <= now { postStaffMessage(userId: id, text: rng.pick(SimulationTexts.curatorReplies), at: replyAt) }
            }
            t = t.addingTimeInterval(rng.uniform(5...16) * day)
        }
        users[id]!.lastActivityAt = Self.wholeSecond(min(lastActive, now))
    }

    private func pickProduct(for training: CurriculumTraining) -> String {
        let offers = catalog.products.filter { $0.trainingSlugs.contains(training.slug) }
        guard !offers.isEmpty else { return catalog.products[0].id }
        // The monthly subscription is the common choice; the longer offer is the rest.
        return rng.chance(0.75) ? offers.min { $0.durationDays < $1.durationDays }!.id : offers.max { $0.durationDays < $1.durationDays }!.id
    }

    // MARK: - Mutations shared by history and live events

    private func addMember(groupId: Int64, userId: Int64, at: Date) {
        let m = GroupMembership(groupId: groupId, userId: userId, addedAt: Self.wholeSecond(at))
        guard membershipKeys.insert(m.key).inserted else { return }
        memberships.append(m)
        if let last = groups[groupId]?.lastAddedAt, last >= m.addedAt! { return }
        groups[groupId]?.lastAddedAt = m.addedAt
    }

    /// A deal dated after `now` does not exist yet: nothing is added.
    private func addDeal(userId: Int64, product: Product, createdAt: Date, status: DealStatus, paidAt: Date?, now: Date) {
        guard createdAt <= now else { return }
        let id = nextDealId
        nextDealId += 1
        let created = Self.wholeSecond(createdAt)
        let paid = paidAt.map { Self.wholeSecond(min($0, now)) }
        let cost = Int64(product.priceRub) * 100
        deals[id] = Deal(id: id, number: String(100_000 + id % 1_000_000), userId: userId, createdAt: created, paidAt: paid,
                         title: product.title, status: status, costKopecks: cost, paidKopecks: status == .payed ? cost : 0,
                         currency: "RUB", tags: status == .payed ? ["оплата", product.id] : [product.id],
                         offerTags: [product.renewal == .auto ? "автопродление" : "разовая"],
                         customFields: customDealFields.first.map { [$0: rng.pick(["сайт", "Telegram", "рекомендация", "Instagram"])] } ?? [:])
        dealMeta[id] = DealMeta(statusChangedAt: paid ?? created, finishedAt: status == .payed ? paid : nil)
    }

    private func submitHomework(userId: Int64, training: CurriculumTraining, lesson: CurriculumLesson, at: Date, skill: Double) -> Int64 {
        let id = nextAnswerId
        nextAnswerId += 1
        answerSkill[id] = skill
        answers[id] = LessonAnswer(id: id, lessonId: lesson.id, lessonName: lesson.title, answerText: HomeworkAnswerWriter.answer(lesson, skill: skill, rng: &rng),
                                   userId: userId, createdAt: at, updatedAt: at, status: "new", type: "mission_answer",
                                   trainingId: training.id, trainingName: training.title, needTeacherReaction: true)
        return id
    }

    private func review(answerId: Int64, at: Date) {
        guard var a = answers[answerId] else { return }
        // Teachers accept good work: the likelier, the more skilled the answer.
        let good = a.answerText.count > 10 && rng.chance(min(0.97, 0.1 + (answerSkill[answerId] ?? 0.8)))
        a.status = good ? "accepted" : "declined"
        a.reviewerUserId = teacherIds.isEmpty ? curatorId : rng.pick(teacherIds)
        a.reviewedAt = at
        a.updatedAt = at
        a.reviewText = good ? rng.pick(SimulationTexts.reviewAccepted) : rng.pick(SimulationTexts.reviewDeclined)
        a.needTeacherReaction = false
        answers[answerId] = a
    }

    private func ensureDialog(userId: Int64, at: Date) -> Int64 {
        if let d = students[userId]?.dialogId { return d }
        let id = nextDialogId
        nextDialogId += 1
        dialogs[id] = Dialog(id: id, userId: userId, title: "Чат с куратором", createdAt: at, updatedAt: at)
        messages[id] = []
        students[userId]?.dialogId = id
        return id
    }

    private func postStudentMessage(userId: Int64, text: String, at: Date) {
        let d = ensureDialog(userId: userId, at: at)
        appendMessage(dialogId: d, author: userId, text: text, at: at, fromStudent: true)
    }

    private func postStaffMessage(userId: Int64, text: String, at: Date) {
        let d = ensureDialog(userId: userId, at: at)
        appendMessage(dialogId: d, author: curatorId, text: text, at: at, fromStudent: false)
    }

    private func appendMessage(dialogId: Int64, author: Int64, text: String, at: Date, fromStudent: Bool) {
        let id = nextMessageId
        nextMessageId += 1
        messages[dialogId, default: []].append(DialogMessage(id: id, dialogId: dialogId, authorUserId: author, text: text, createdAt: at, fromStudent: fromStudent))
        dialogs[dialogId]?.updatedAt = at
    }

    // MARK: - Live events

    /// Applies `count` live events stamped `now`: logins, lesson views, homework, reviews,
    /// questions, payments, new enrolments. Students who have dropped out stay silent.
    public func applyLiveEvents(count: Int, now rawNow: Date) {
        let now = Self.wholeSecond(rawNow)
        let active = students.filter { $0.value.plan.engagement(at: now) > 0 }.keys.sorted()
        for _ in 0..<count {
            let kind = rng.uniform(0...1)
            if kind < 0.03 || active.isEmpty {
                enrolNewStudent(now: now)
                continue
            }
            let id = rng.pick(active)
            guard let st = students[id], rng.chance(st.plan.engagement(at: now)) else { continue }
            users[id]?.lastActivityAt = now
            logins[id, default: []].append(now)
            guard let training = catalog.training(id: st.trainingId) else { continue }
            if kind < 0.35 {
                continue // a login
            } else if kind < 0.6 {
                let viewed = Set(memberships.lazy.filter { $0.userId == id }.map(\.groupId))
                if let lesson = training.lessons.first(where: { !viewed.contains($0.viewGroupId!) && st.streamStart.addingTimeInterval(Double($0.opensAfterDays ?? 0) * day) <= now }) {
                    addMember(groupId: lesson.viewGroupId!, userId: id, at: now)
                }
            } else if kind < 0.78 {
                let answered = Set(answers.values.lazy.filter { $0.userId == id }.map(\.lessonId))
                let viewed = Set(memberships.lazy.filter { $0.userId == id }.map(\.groupId))
                if let lesson = training.lessons.first(where: { viewed.contains($0.viewGroupId!) && !answered.contains($0.id) && !$0.homework.isEmpty }) {
                    _ = submitHomework(userId: id, training: training, lesson: lesson, at: now, skill: st.plan.skill(at: now))
                }
            } else if kind < 0.86 {
                if let pending = answers.values.filter({ $0.status == "new" && $0.type == "mission_answer" }).map(\.id).min() {
                    review(answerId: pending, at: now)
                }
            } else if kind < 0.95 {
                postStudentMessage(userId: id, text: rng.pick(SimulationTexts.studentQuestions), at: now)
            } else if kind > 0.995 {
                switchStream(userId: id, now: now)
            } else if let product = catalog.products.first(where: { $0.id == st.productId }), st.paidUntil < now.addingTimeInterval(5 * day),
                      !st.plan.hasDroppedOut(at: st.paidUntil) {
                addDeal(userId: id, product: product, createdAt: now, status: .payed, paidAt: now, now: now)
                students[id]?.paidUntil = st.paidUntil.addingTimeInterval(Double(product.durationDays) * day)
            }
        }
        version += 1
    }

    private func enrolNewStudent(now: Date) {
        generateStudent(index: Int(nextUserId - 2_000_001), now: now, historyStart: now, live: true)
    }

    // MARK: - Write-backs from the Tech API

    public func changeAnswerStatus(id: Int64, status: String, now: Date) -> Bool {
        guard var a = answers[id] else { return false }
        a.status = status
        a.updatedAt = Self.wholeSecond(now)
        a.reviewedAt = a.updatedAt
        a.reviewerUserId = curatorId
        a.needTeacherReaction = false
        answers[id] = a
        version += 1
        return true
    }

    public func commentOnAnswer(id: Int64, text: String, now: Date) -> Bool {
        guard var a = answers[id] else { return false }
        a.reviewText = a.reviewText.isEmpty ? text : a.reviewText + "\n\n" + text
        a.updatedAt = Self.wholeSecond(now)
        answers[id] = a
        version += 1
        return true
    }

    /// A student writes to the school now (demo scripts and tests); nil for an unknown user.
    public func studentWrites(userId: Int64, text: String, now: Date) -> Int64? {
        guard users[userId] != nil else { return nil }
        let at = Self.wholeSecond(now)
        postStudentMessage(userId: userId, text: text, at: at)
        users[userId]?.lastActivityAt = at
        version += 1
        return nextMessageId - 1
    }

    /// The school's curator answers a student in GetCourse itself, not through Curator.
    public func curatorWrites(userId: Int64, text: String, now: Date) {
        postStaffMessage(userId: userId, text: text, at: Self.wholeSecond(now))
        version += 1
    }

    public func replyInDialog(id: Int64, text: String, now: Date) -> Int64? {
        guard dialogs[id] != nil else { return nil }
        appendMessage(dialogId: id, author: curatorId, text: text, at: Self.wholeSecond(now), fromStudent: false)
        version += 1
        return nextMessageId - 1
    }

    /// A student moves to another stream of their training: out of one study group, into another.
    @discardableResult
    public func switchStream(userId: Int64, now: Date) -> Bool {
        guard let st = students[userId], let training = catalog.training(id: st.trainingId),
              let target = training.streams.first(where: { $0.groupId != st.streamGroupId }) else { return false }
        memberships.removeAll { $0.groupId == st.streamGroupId && $0.userId == userId }
        membershipKeys.remove(GroupMembership.Key(groupId: st.streamGroupId, userId: userId))
        addMember(groupId: target.groupId, userId: userId, at: now)
        students[userId]?.streamGroupId = target.groupId
        version += 1
        return true
    }

    /// Import API: adds a user by email, or updates the names of an existing one.
    public func importUser(email: String, firstName: String, lastName: String, phone: String, now: Date) -> (id: Int64, added: Bool) {
        if let existing = users.values.first(where: { $0.email.lowercased() == email.lowercased() }) {
            if !firstName.isEmpty { users[existing.id]?.firstName = firstName }
            if !lastName.isEmpty { users[existing.id]?.lastName = lastName }
            version += 1
            return (existing.id, false)
        }
        let id = nextUserId
        nextUserId += 1
        users[id] = Student(id: id, email: email, firstName: firstName, lastName: lastName, phone: phone, createdAt: Self.wholeSecond(now))
        version += 1
        return (id, true)
    }

    public func importDeal(userId: Int64, title: String, costKopecks: Int64, status: DealStatus, now: Date) -> Int64 {
        let id = nextDealId
        nextDealId += 1
        let t = Self.wholeSecond(now)
        deals[id] = Deal(id: id, number: String(100_000 + id % 1_000_000), userId: userId, createdAt: t, paidAt: status == .payed ? t : nil,
                         title: title, status: status, costKopecks: costKopecks, paidKopecks: status == .payed ? costKopecks : 0)
        dealMeta[id] = DealMeta(statusChangedAt: t, finishedAt: status == .payed ? t : nil)
        version += 1
        return id
    }

    public func trainings(ofUser id: Int64) -> [Training] {
        let groupsOfUser = Set(memberships.lazy.filter { $0.userId == id }.map(\.groupId))
        let ids = Set(catalog.trainings.filter { t in t.streams.contains { groupsOfUser.contains($0.groupId) } }.map(\.id))
        return trainings.filter { ids.contains($0.id) }
    }
}

extension GroupMembership {
    struct Key: Hashable {
        var groupId: Int64
        var userId: Int64
    }

    var key: Key { Key(groupId: groupId, userId: userId) }
}
