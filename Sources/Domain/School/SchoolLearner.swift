import Foundation

/// Learns the school from what its account holds (`AccountFacts`), with data/school as overrides.
///
/// - Trainings: the Tech API's list, plus any an answer names.
/// - Lesson-view groups: by name («<training> | Урок 05 просмотрен»), tied to the training their name
///   starts with, else to the one most of their members study.
/// - Streams: every other group, tied to a training by name, else by its members' homework.
/// - Lesson ids: an answer names its lesson; its number comes from the views students opened just
///   before answering, else from the lesson's own name, else from the order answers first arrived.
/// - The schedule: lesson N of a stream opens when its members' first views or answers of it appear,
///   after the stream's start; lessons nobody reached yet follow the training's usual cadence (a week).
/// - Packages: see `learnPackages`.
///
/// data/school wins wherever it speaks; where it disagrees with the account, a conflict says so.
public struct SchoolLearner: Sendable {
    public var overrides: SchoolCatalog
    static let day = 86400.0
    /// A student answers a lesson's homework within days of opening it: older views do not vote.
    static let voteWindowDays = 14.0
    /// A week: the cadence of a school whose lessons nobody has reached yet, and the usual deadline.
    static let defaultCadenceDays = 7.0

    public init(overrides: SchoolCatalog = .empty) { self.overrides = overrides }

    public func learn(_ f: AccountFacts) -> SchoolModel {
        var conflicts: [String] = []

        // Trainings.
        var title: [Int64: String] = [:], source: [Int64: SchoolModel.Source] = [:], order: [Int64] = []
        func add(_ id: Int64, _ t: String, _ s: SchoolModel.Source) {
            if title[id] == nil { order.append(id) }
            title[id] = t
            source[id] = s
        }
        for t in f.trainings { add(t.id, t.title, .account) }
        for l in f.lessons { if let id = l.trainingId, title[id] == nil { add(id, l.trainingName, .account) } }
        var names = order.map { (id: $0, title: SchoolNames.normalized(title[$0]!)) }
        let overrideTrainings = Dictionary(overrides.trainings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in overrides.trainings {
            if let known = title[o.id] {
                if !known.isEmpty, SchoolNames.normalized(known) != SchoolNames.normalized(o.title) {
                    conflicts.append("тренинг \(o.id): в файлах школы «\(o.title)», в аккаунте «\(known)»")
                }
                add(o.id, o.title, .both)
            } else {
                add(o.id, o.title, .data)
            }
            names.append((o.id, SchoolNames.normalized(o.title)))
        }
        func training(named name: String) -> Int64? { SchoolNames.training(named: name, titles: names) }

        // Which training each answered lesson belongs to.
        var lessonTraining: [Int64: Int64] = [:]
        var overrideLesson: [Int64: (training: Int64, lesson: CurriculumLesson)] = [:]
        for o in overrides.trainings { for l in o.lessons { overrideLesson[l.id] = (o.id, l) } }
        for l in f.lessons {
            let byAccount = l.trainingId ?? training(named: l.trainingName)
            if let o = overrideLesson[l.lessonId] {
                if let a = byAccount, a != o.training {
                    conflicts.append("урок \(l.lessonId): в файлах школы — тренинг \(o.training), по ответам в аккаунте — тренинг \(a)")
                }
                lessonTraining[l.lessonId] = o.training
            } else if let a = byAccount {
                lessonTraining[l.lessonId] = a
            }
        }

        // Groups: lesson-view groups, and the rest (stream candidates).
        var overrideView: [Int64: (training: Int64, number: Int)] = [:], overrideStream: [Int64: (training: Int64, name: String)] = [:]
        for o in overrides.trainings {
            for s in o.streams { overrideStream[s.groupId] = (o.id, s.name) }
            for l in o.lessons { if let g = l.viewGroupId { overrideView[g] = (o.id, l.number) } }
        }
        var viewGroup: [Int64: (training: Int64?, number: Int)] = [:]
        var others: [StudyGroup] = []
        for g in f.groups {
            let parsed = SchoolNames.lessonView(g.name)
            if let o = overrideView[g.id] {
                if let p = parsed, p.number != o.number {
                    conflicts.append("группа \(g.id) «\(g.name)»: в файлах школы — просмотр урока \(o.number), по названию — урока \(p.number)")
                }
                viewGroup[g.id] = (o.training, o.number)
            } else if let p = parsed {
                viewGroup[g.id] = (training(named: p.prefix), p.number)
            } else {
                others.append(g)
            }
        }
        for (g, o) in overrideView where viewGroup[g] == nil { viewGroup[g] = (o.training, o.number) }

        var membersOf: [Int64: [GroupMembership]] = [:]
        for m in f.memberships { membersOf[m.groupId, default: []].append(m) }

        // Streams: by data/, by name, else by what the members' homework belongs to.
        var answeredTrainings: [Int64: Set<Int64>] = [:]
        for a in f.answers { if let t = lessonTraining[a.lessonId] { answeredTrainings[a.userId, default: []].insert(t) } }
        var streamOf: [Int64: (training: Int64, tie: SchoolModel.Stream.Tie, name: String)] = [:]
        for g in others {
            if let o = overrideStream[g.id] {
                if let byName = training(named: g.name), byName != o.training {
                    conflicts.append("группа \(g.id) «\(g.name)»: в файлах школы — поток тренинга \(o.training), по названию — тренинга \(byName)")
                }
                streamOf[g.id] = (o.training, .data, g.name)
            } else if let t = training(named: g.name) {
                streamOf[g.id] = (t, .name, g.name)
            } else {
                var votes: [Int64: Int] = [:], answerers = 0
                for m in membersOf[g.id] ?? [] {
                    guard let ts = answeredTrainings[m.userId] else { continue }
                    answerers += 1
                    for t in ts { votes[t, default: 0] += 1 }
                }
                if let top = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), answerers >= 2, Double(top.value) >= 0.6 * Double(answerers),
                   votes.count == 1 || votes.values.sorted(by: >)[1] < top.value {
                    streamOf[g.id] = (top.key, .answers, g.name)
                }
            }
        }
        for (g, o) in overrideStream where streamOf[g] == nil { streamOf[g] = (o.training, .data, o.name) }

        // Each student's stream per training (a name or data tie over an answers tie, then the earliest joined).
        struct Enrolment { var stream: Int64; var joined: Double; var strong: Bool }
        var enrolled: [Int64: [Int64: Enrolment]] = [:]  // user → training → enrolment
        for (g, s) in streamOf {
            for m in membersOf[g] ?? [] {
                guard let at = m.addedAt?.timeIntervalSince1970 else { continue }
                let e = Enrolment(stream: g, joined: at, strong: s.tie != .answers)
                if let cur = enrolled[m.userId]?[s.training], (cur.strong && !e.strong) || (cur.strong == e.strong && cur.joined <= at) { continue }
                enrolled[m.userId, default: [:]][s.training] = e
            }
        }
        // View groups whose name does not say the training: the one most of their members study.
        let withStreams = Set(streamOf.values.map(\.training))
        for (g, v) in viewGroup where v.training == nil {
            var votes: [Int64: Int] = [:]
            for m in membersOf[g] ?? [] { for t in (enrolled[m.userId] ?? [:]).keys { votes[t, default: 0] += 1 } }
            if let top = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                viewGroup[g] = (top.key, v.number)
            } else if withStreams.count == 1 || order.count == 1 {
                viewGroup[g] = (withStreams.first ?? order[0], v.number)
            }
        }

        // Lesson numbers of answered lessons.
        var numberOf = numberLessons(f, lessonTraining: lessonTraining, viewGroup: viewGroup, overrideLesson: overrideLesson, conflicts: &conflicts)
        for (id, o) in overrideLesson where numberOf[id] == nil { numberOf[id] = o.lesson.number }

        // First views and answers of each lesson per stream, after the member joined it.
        struct Firsts { var first = Double.infinity, second = Double.infinity, count = 0
            mutating func add(_ t: Double) {
                count += 1
                if t < first { second = first; first = t } else if t < second { second = t }
            }
            /// The earliest, or the second earliest once enough members show it (one early outlier is not the opening).
            var opening: Double? { count == 0 ? nil : count >= 5 ? second : first }
        }
        var firsts: [Int64: [Int: Firsts]] = [:]  // stream → lesson number → firsts
        func event(_ user: Int64, _ training: Int64, _ number: Int, _ at: Double) {
            guard let e = enrolled[user]?[training], at >= e.joined - Self.day else { return }
            firsts[e.stream, default: [:]][number, default: Firsts()].add(at)
        }
        for (g, v) in viewGroup {
            guard let t = v.training else { continue }
            for m in membersOf[g] ?? [] { if let at = m.addedAt?.timeIntervalSince1970 { event(m.userId, t, v.number, at) } }
        }
        for a in f.answers {
            guard let t = lessonTraining[a.lessonId], let n = numberOf[a.lessonId], let at = a.createdAt?.timeIntervalSince1970 else { continue }
            event(a.userId, t, n, at)
        }

        // Assemble each training.
        let accountLessonCount = Dictionary(f.trainings.compactMap { t in t.lessonCount.map { (t.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let answered = Dictionary(f.lessons.map { ($0.lessonId, $0) }, uniquingKeysWith: { a, _ in a })
        var trainings: [SchoolModel.Training] = []
        for id in order {
            let data = overrideTrainings[id]
            // The training's cadence from the stream that has shown the most lessons; each stream's
            // start is then the latest moment on that cadence that no first view came before, and its
            // observed openings days after it (never earlier than the lesson before).
            let ties = streamOf.filter { $0.value.training == id }
            let seenBy = Dictionary(uniqueKeysWithValues: ties.keys.map { g in (g, (firsts[g] ?? [:]).compactMapValues(\.opening)) })
            let longest = seenBy.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }
            let fitted = longest.flatMap { $0.value.count >= 3 ? OpeningSchedule.cadenceDays($0.value) : nil }.map(OpeningSchedule.rounded)
            var streams: [SchoolModel.Stream] = []
            for (g, s) in ties {
                let members = membersOf[g] ?? []
                let joined = members.compactMap { $0.addedAt?.timeIntervalSince1970 }.min()
                let seen = seenBy[g]!
                let step = (fitted ?? Self.defaultCadenceDays) * Self.day
                let start = seen.map { n, at in at - step * Double(n - 1) }.min() ?? joined
                var opened: [Int: Double] = [:]
                if let start {
                    var floor = 0.0
                    for n in seen.keys.sorted() {
                        floor = max(floor, (seen[n]! - start) / Self.day)
                        opened[n] = floor
                    }
                }
                streams.append(.init(groupId: g, name: s.name, trainingId: id, tie: s.tie, startedAt: start, openedAfterDays: opened, students: members.count))
            }
            streams.sort { ($0.startedAt ?? .infinity, $0.groupId) < ($1.startedAt ?? .infinity, $1.groupId) }

            var lessons: [Int: SchoolModel.Lesson] = [:]
            func lesson(_ n: Int) -> SchoolModel.Lesson {
                lessons[n] ?? .init(number: n, id: nil, title: nil, viewGroupId: nil, opensAfterDays: 0, scheduleSource: .inferred,
                                    deadlineDays: Self.defaultCadenceDays, hasHomework: false, exercises: [])
            }
            for (g, v) in viewGroup where v.training == id {
                var l = lesson(v.number)
                if l.viewGroupId == nil || overrideView[g] != nil { l.viewGroupId = g }
                lessons[v.number] = l
            }
            for (lid, t) in lessonTraining where t == id {
                guard let n = numberOf[lid], let a = answered[lid] else { continue }
                var l = lesson(n)
                l.id = lid
                l.title = a.name.isEmpty ? l.title : a.name
                l.hasHomework = l.hasHomework || a.homeworkAnswers > 0
                lessons[n] = l
            }
            if let count = accountLessonCount[id], count > 0, count <= 500 { for n in 1...count where lessons[n] == nil { lessons[n] = lesson(n) } }
            // Numbers with nothing behind them below the highest known are lessons too (nobody reached their views).
            if let top = lessons.keys.max() { for n in 1...top where lessons[n] == nil { lessons[n] = lesson(n) } }
            if let data {
                for o in data.lessons {
                    var l = lesson(o.number)
                    if let known = l.id, known != o.id { conflicts.append("тренинг \(id), урок \(o.number): в файлах школы id \(o.id), по ответам в аккаунте \(known)") }
                    l.id = o.id
                    if !o.title.isEmpty { l.title = o.title }
                    if let g = o.viewGroupId { l.viewGroupId = g }
                    if let d = o.deadlineDays { l.deadlineDays = Double(d) }
                    l.exercises = o.homework
                    l.hasHomework = data.homeworkRequired && (l.hasHomework || !o.homework.isEmpty)
                    lessons[o.number] = l
                }
                if !data.homeworkRequired { for n in lessons.keys { lessons[n]!.hasHomework = false } }
            }

            // The training's schedule: data/ where it speaks; else the streams' observed openings (median);
            // else the cadence from the last known lesson.
            let stated = Dictionary((data?.lessons ?? []).compactMap { l in l.opensAfterDays.map { (l.number, Double($0)) } }, uniquingKeysWith: { a, _ in a })
            var observed: [Int: Double] = [:]
            for n in lessons.keys {
                let values = streams.compactMap { $0.openedAfterDays[n] }.sorted()
                if !values.isEmpty { observed[n] = values[values.count / 2] }
            }
            // A regular schedule (no lesson opening early for it, most within a day or so of it) is
            // that schedule: first views are late by chance, by a few hours here and a few days there.
            let cadence = fitted ?? Self.cadence(observed.merging(stated) { _, s in s })
            if Self.isRegular(observed, cadence) {
                for n in observed.keys { observed[n] = Double(n - 1) * cadence }
                for i in streams.indices { streams[i].openedAfterDays = [:] }
            }
            var previous: (number: Int, days: Double) = (0, -cadence)
            for n in lessons.keys.sorted() {
                var l = lessons[n]!
                if let s = stated[n] {
                    l.opensAfterDays = s
                    l.scheduleSource = .data
                } else if let o = observed[n] {
                    l.opensAfterDays = max(o, previous.days)
                    l.scheduleSource = .inferred
                } else {
                    l.opensAfterDays = max(0, previous.days + Double(n - previous.number) * cadence)
                    l.scheduleSource = .inferred
                }
                if data?.lessons.first(where: { $0.number == n })?.deadlineDays == nil { l.deadlineDays = cadence }
                previous = (n, l.opensAfterDays)
                lessons[n] = l
            }
            trainings.append(.init(id: id, title: title[id]!, source: source[id]!, streams: streams, lessons: lessons.keys.sorted().map { lessons[$0]! }))
        }
        return SchoolModel(trainings: trainings, packages: learnPackages(f.deals, trainings: trainings, conflicts: &conflicts), conflicts: conflicts)
    }

    /// The usual days between consecutive lessons where no stream showed enough: the median of each
    /// known opening over its lesson's steps from the first, as schools set them; else a week.
    static func cadence(_ known: [Int: Double]) -> Double {
        var steps = known.compactMap { n, days in n > 1 && days > 0 ? days / Double(n - 1) : nil }
        guard !steps.isEmpty else { return defaultCadenceDays }
        steps.sort()
        return OpeningSchedule.rounded(steps[steps.count / 2])
    }

    /// No observed opening more than a day and a half before its place on the cadence, and most of
    /// them within that of it (a late one is only a lesson nobody opened promptly).
    static func isRegular(_ observed: [Int: Double], _ cadence: Double) -> Bool {
        let off = observed.map { n, days in days - Double(n - 1) * cadence }
        let tolerance = max(1.5, cadence / 4)
        return observed.count >= 3 && off.allSatisfy { $0 >= -tolerance } && off.filter { $0 <= tolerance }.count * 2 >= off.count
    }

    /// Numbers for answered lessons: data/ first; then the lesson-view group students opened just
    /// before answering (a clear majority of at least three); then the number in the lesson's name;
    /// then the views however few; then the free numbers in the order the lessons' first answers arrived.
    func numberLessons(_ f: AccountFacts, lessonTraining: [Int64: Int64], viewGroup: [Int64: (training: Int64?, number: Int)],
                       overrideLesson: [Int64: (training: Int64, lesson: CurriculumLesson)], conflicts: inout [String]) -> [Int64: Int] {
        // Sample up to 300 answers per lesson, and the views of the students who wrote them.
        var sampled: [Int64: Int] = [:]
        var sample: [LessonAnswer] = []
        var users: Set<Int64> = []
        for a in f.answers where lessonTraining[a.lessonId] != nil {
            guard sampled[a.lessonId, default: 0] < 300, a.createdAt != nil else { continue }
            sampled[a.lessonId, default: 0] += 1
            sample.append(a)
            users.insert(a.userId)
        }
        var views: [Int64: [(at: Double, training: Int64, number: Int)]] = [:]
        for m in f.memberships where users.contains(m.userId) {
            guard let v = viewGroup[m.groupId], let t = v.training, let at = m.addedAt?.timeIntervalSince1970 else { continue }
            views[m.userId, default: []].append((at, t, v.number))
        }
        var votes: [Int64: [Int: Int]] = [:]
        for a in sample {
            let t = lessonTraining[a.lessonId]!, at = a.createdAt!.timeIntervalSince1970
            // A view long before the answer is not the lesson's (its own view group may not be mirrored yet).
            let before = (views[a.userId] ?? []).filter { $0.training == t && $0.at <= at && $0.at >= at - Self.voteWindowDays * Self.day }
            if let latest = before.max(by: { $0.at < $1.at }) { votes[a.lessonId, default: [:]][latest.number, default: 0] += 1 }
        }

        var out: [Int64: Int] = [:]
        var taken: [Int64: Set<Int>] = [:]
        for (id, o) in overrideLesson {
            out[id] = o.lesson.number
            taken[o.training, default: []].insert(o.lesson.number)
            if let v = votes[id], let top = v.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), top.key != o.lesson.number,
               top.value >= 3, Double(top.value) >= 0.6 * Double(v.values.reduce(0, +)) {
                conflicts.append("урок \(id): в файлах школы он \(o.lesson.number)-й, а перед ответом на него ученики открывали урок \(top.key)")
            }
        }
        let lessons = f.lessons.filter { overrideLesson[$0.lessonId] == nil && lessonTraining[$0.lessonId] != nil }
        var strong: [(id: Int64, number: Int, votes: Int)] = [], weak: [(id: Int64, number: Int, votes: Int)] = []
        for l in lessons {
            guard let v = votes[l.lessonId], let top = v.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { continue }
            let total = v.values.reduce(0, +)
            if top.value >= 3 && Double(top.value) >= 0.6 * Double(total) { strong.append((l.lessonId, top.key, top.value)) } else { weak.append((l.lessonId, top.key, top.value)) }
        }
        func assign(_ candidates: [(id: Int64, number: Int, votes: Int)]) {
            for s in candidates.sorted(by: { ($0.votes, $1.id) > ($1.votes, $0.id) }) where out[s.id] == nil {
                let t = lessonTraining[s.id]!
                guard !taken[t, default: []].contains(s.number) else { continue }
                out[s.id] = s.number
                taken[t, default: []].insert(s.number)
            }
        }
        assign(strong)
        assign(lessons.compactMap { l in SchoolNames.lessonNumber(inTitle: l.name).map { (l.lessonId, $0, 0) } })
        // Too few views to be sure, but views all the same: better than the order of first answers.
        assign(weak)
        let rest = lessons.filter { out[$0.lessonId] == nil }.sorted { ($0.firstAnswerAt ?? .infinity, $0.lessonId) < ($1.firstAnswerAt ?? .infinity, $1.lessonId) }
        for l in rest {
            let t = lessonTraining[l.lessonId]!
            var n = 1
            while taken[t, default: []].contains(n) { n += 1 }
            out[l.lessonId] = n
            taken[t, default: []].insert(n)
        }
        return out
    }

    /// What each purchase buys, by deal title: the products file; else the title's own words
    /// («— 3 месяца», «оплата за месяц»); else how long the same students go between buying it
    /// again (three renewals or more); else, for a title naming a training, that training's length.
    func learnPackages(_ deals: [Deal], trainings: [SchoolModel.Training], conflicts: inout [String]) -> PackageBook {
        var book = PackageBook()
        for p in overrides.products {
            // The product id too, as deals may carry it in their tags (not shown: it is the title's alias).
            for key in [p.id, p.title] {
                book.entries[SchoolNames.normalized(key)] = .init(days: p.durationDays, source: "data", shown: key == p.title ? key : "")
            }
            if let stated = SchoolNames.durationDays(inTitle: p.title), abs(stated - p.durationDays) > 3 {
                conflicts.append("продукт «\(p.title)»: в файлах школы \(p.durationDays) дн., по названию \(stated) дн.")
            }
        }
        var paidTimes: [String: [Int64: [Double]]] = [:]
        var titles: [String: String] = [:]  // normalized → as first written
        // A school sells a handful of titles to many students: each is normalized once.
        var normalized: [String: String] = [:]
        for d in deals {
            let key = normalized[d.title] ?? SchoolNames.normalized(d.title)
            normalized[d.title] = key
            guard !key.isEmpty else { continue }
            if titles[key] == nil { titles[key] = d.title }
            if d.status == .payed, let user = d.userId, let at = (d.paidAt ?? d.createdAt)?.timeIntervalSince1970 {
                paidTimes[key, default: [:]][user, default: []].append(at)
            }
        }
        for (key, shown) in titles.sorted(by: { $0.key < $1.key }) where book.entries[key] == nil {
            if let d = SchoolNames.durationDays(inTitle: key) {
                book.entries[key] = .init(days: d, source: "title", shown: shown)
                continue
            }
            var gaps: [Double] = []
            for times in (paidTimes[key] ?? [:]).values where times.count >= 2 {
                let sorted = times.sorted()
                for (a, b) in zip(sorted, sorted.dropFirst()) where b - a >= Self.day { gaps.append((b - a) / Self.day) }
            }
            if gaps.count >= 3 {
                gaps.sort()
                book.entries[key] = .init(days: Int(gaps[gaps.count / 2].rounded()), source: "repeat purchases", shown: shown)
                continue
            }
            let named = trainings.filter { t in
                let n = SchoolNames.normalized(t.title)
                return !n.isEmpty && (key == n || key.hasPrefix(n + " ") || key.contains(" " + n + " ") || key.hasSuffix(" " + n))
            }.max { SchoolNames.normalized($0.title).count < SchoolNames.normalized($1.title).count }
            if let t = named, let last = t.lessons.last {
                book.entries[key] = .init(days: Int((last.opensAfterDays + last.deadlineDays).rounded()), source: "training length", shown: shown)
            }
        }
        return book
    }
}
