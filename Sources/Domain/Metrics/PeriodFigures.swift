/// The school's figures for one period, all counted from the mirror.
///
/// Definitions: a student is active in a period when they did anything in it (lesson view, homework,
/// message, a GetCourse activity stamp); new when they enrolled in it; dropped out when the dropout
/// moment (DropoutLabel: last activity before 21 days of silence, or an unrenewed package's end)
/// falls in it. Homework and questions count in the period they were submitted or asked.
public struct PeriodFigures: Sendable, Equatable, Encodable {
    public var period: PeriodSpan
    /// The period is over (not the one running now).
    public var complete: Bool
    /// Days of the period up to now.
    public var days: Double

    public var activeStudents: Int = 0
    public var newStudents: Int = 0
    public var dropouts: Int = 0
    /// Share of this period's active students who were active again in the next one; nil when no
    /// one was active or the next period has not begun.
    public var retention: Double? = nil
    /// The next period is over too, so the retention will not change.
    public var retentionFinal = false

    public var revenueKopecks: Int64 = 0

    /// Submission → verdict, by the checker and by a person (curator or teacher).
    public var homeworkAutomatic = DurationSummary([])
    public var homeworkHuman = DurationSummary([])
    /// Submitted in the period and still without a verdict.
    public var homeworkWaiting: Int = 0

    /// Question → first reply, by the assistant and by a person.
    public var repliesAssistant = DurationSummary([])
    public var repliesCurator = DurationSummary([])
    public var questions: Int = 0
    public var unanswered: Int = 0
    /// Questions the assistant decided on, and those it resolved: its own answer, no hand-off, and
    /// the student did not come back on the same question within 72 hours.
    public var assistantSeen: Int = 0
    public var assistantResolved: Int = 0
    public var resolutionRate: Double? = nil

    /// The curator's work: questions handed off, alerts raised, homework sent to review, verdicts given.
    public var handoffs: Int = 0
    public var alertsOpened: Int = 0
    public var reviewsQueued: Int = 0
    public var curatorVerdicts: Int = 0

    public func perDay(_ n: Int) -> Double? { days <= 0 ? nil : Double(n) / days }

    init(period: PeriodSpan, now: Double) {
        self.period = period
        complete = period.end <= now
        days = max(0, min(period.end, now) - period.start) / 86400
    }

    /// Figures for each of `spans` (contiguous, oldest first), counting what happened up to `now`;
    /// `active` is who was active in each span, when the caller has it already.
    static func compute(_ r: MetricsRecords, questions: [AskedQuestion], spans: [PeriodSpan], active: [Set<Int64>]? = nil,
                        now: Double) -> [PeriodFigures] {
        var out = spans.map { PeriodFigures(period: $0, now: now) }
        let index = SpanIndex(spans)
        func bucket(_ t: Double) -> Int? { t <= now ? index.index(of: t) : nil }

        let active = active ?? StudentActivity.activeSets(r.histories, index: index, now: now)
        for i in out.indices {
            out[i].activeStudents = active[i].count
            if i + 1 < out.count, !active[i].isEmpty {
                out[i].retention = Double(active[i].intersection(active[i + 1]).count) / Double(active[i].count)
                out[i].retentionFinal = out[i + 1].complete
            }
        }
        for h in r.histories {
            if let i = bucket(h.enrolledAt) { out[i].newStudents += 1 }
            if let d = DropoutLabel.dropoutAt(h, now: now), let i = bucket(d) { out[i].dropouts += 1 }
        }
        for p in r.payments { if let i = bucket(p.at) { out[i].revenueKopecks += p.kopecks } }

        var automatic = Array(repeating: [Double](), count: out.count), human = automatic
        for hw in r.homework {
            guard let i = bucket(hw.submittedAt) else { continue }
            guard let v = hw.verdictAt, v <= now else { out[i].homeworkWaiting += 1; continue }
            if hw.reviewer.isAutomatic { automatic[i].append(max(0, v - hw.submittedAt)) } else { human[i].append(max(0, v - hw.submittedAt)) }
            if hw.reviewer == .curator { out[i].curatorVerdicts += 1 }
        }

        var byAssistant = Array(repeating: [Double](), count: out.count), byCurator = byAssistant
        let next = nextInDialog(questions)
        for (k, q) in questions.enumerated() {
            guard let i = bucket(q.askedAt) else { continue }
            out[i].questions += 1
            if let s = q.replySeconds, q.repliedAt! <= now {
                if q.repliedBy == .assistant { byAssistant[i].append(s) } else { byCurator[i].append(s) }
            } else {
                out[i].unanswered += 1
            }
            if let action = q.action, action != .stale {
                out[i].assistantSeen += 1
                if q.answeredByAssistant && !AskedQuestion.cameBack(after: q, next: next[k].map { questions[$0] }) { out[i].assistantResolved += 1 }
                // A clarifying question is not sent to the student either: it waits for the curator too.
                if action == .handoff || action == .clarify { out[i].handoffs += 1 }
            }
        }
        for t in r.alertsOpened { if let i = bucket(t) { out[i].alertsOpened += 1 } }
        for t in r.reviewsQueued { if let i = bucket(t) { out[i].reviewsQueued += 1 } }

        for i in out.indices {
            out[i].homeworkAutomatic = DurationSummary(automatic[i])
            out[i].homeworkHuman = DurationSummary(human[i])
            out[i].repliesAssistant = DurationSummary(byAssistant[i])
            out[i].repliesCurator = DurationSummary(byCurator[i])
            out[i].resolutionRate = out[i].assistantSeen == 0 ? nil : Double(out[i].assistantResolved) / Double(out[i].assistantSeen)
        }
        return out
    }

    /// For each question, the index of the dialog's next question (questions sorted by time).
    private static func nextInDialog(_ questions: [AskedQuestion]) -> [Int?] {
        var next = [Int?](repeating: nil, count: questions.count)
        var later: [Int64: Int] = [:]
        for k in questions.indices.reversed() {
            next[k] = later[questions[k].dialogId]
            later[questions[k].dialogId] = k
        }
        return next
    }
}

/// Which students were active in which period.
enum StudentActivity {
    static func activeSets(_ histories: [StudentHistory], index: SpanIndex, now: Double) -> [Set<Int64>] {
        var sets = Array(repeating: Set<Int64>(), count: index.starts.count)
        for h in histories {
            var last = -1
            for t in h.activity where t <= now {
                // Activity is sorted: each period is inserted once per student.
                if let i = index.index(of: t), i != last {
                    sets[i].insert(h.studentId)
                    last = i
                }
            }
        }
        return sets
    }
}
