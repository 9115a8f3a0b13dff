import Foundation

/// The model's inputs. No demographics: only what the student did, was told and paid.
public enum RiskFeature: Int, CaseIterable, Sendable, Codable {
    // Recency
    case daysSinceActivity, daysSinceLessonView, daysSinceHomework
    // Regularity
    case activeDays7, activeDays14, activeDays28, activeWeeksShare, weekVsBaseline, activityVsGroup
    // Homework
    case unviewedLessons, firstHomeworkMissing, homeworkCompletion, consecutiveMissed, lateShare, declinedShare
    // Scores
    case scoreMean3, scoreSlope, scoreGapToGroup
    // Communication
    case unansweredDays
    // Commercial
    case daysToPackageEnd, failedPayment, renewals
    // Tenure
    case tenureWeeks

    public static let count = allCases.count

    /// Stable name for JSON and the stored model.
    public var key: String {
        switch self {
        case .daysSinceActivity: "days_since_activity"
        case .daysSinceLessonView: "days_since_lesson_view"
        case .daysSinceHomework: "days_since_homework"
        case .activeDays7: "active_days_7"
        case .activeDays14: "active_days_14"
        case .activeDays28: "active_days_28"
        case .activeWeeksShare: "active_weeks_share"
        case .weekVsBaseline: "week_vs_baseline"
        case .activityVsGroup: "activity_vs_group"
        case .unviewedLessons: "unviewed_lessons"
        case .firstHomeworkMissing: "first_homework_missing"
        case .homeworkCompletion: "homework_completion"
        case .consecutiveMissed: "consecutive_missed"
        case .lateShare: "late_share"
        case .declinedShare: "declined_share"
        case .scoreMean3: "score_mean_3"
        case .scoreSlope: "score_slope"
        case .scoreGapToGroup: "score_gap_to_group"
        case .unansweredDays: "unanswered_days"
        case .daysToPackageEnd: "days_to_package_end"
        case .failedPayment: "failed_payment"
        case .renewals: "renewals"
        case .tenureWeeks: "tenure_weeks"
        }
    }

    public init?(key: String) {
        guard let f = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = f
    }

    /// What the feature is, in the curator's words (for `curator student`).
    public var title: String {
        switch self {
        case .daysSinceActivity: "дней без активности"
        case .daysSinceLessonView: "дней без просмотра уроков"
        case .daysSinceHomework: "дней без домашек"
        case .activeDays7: "активных дней за 7"
        case .activeDays14: "активных дней за 14"
        case .activeDays28: "активных дней за 28"
        case .activeWeeksShare: "доля активных недель"
        case .weekVsBaseline: "эта неделя к своим 4 неделям"
        case .activityVsGroup: "активность к группе"
        case .unviewedLessons: "открытых уроков не просмотрено"
        case .firstHomeworkMissing: "первая домашка не сдана"
        case .homeworkCompletion: "сдано домашек по графику"
        case .consecutiveMissed: "пропущено домашек подряд"
        case .lateShare: "доля сданных с опозданием"
        case .declinedShare: "доля отклонённых"
        case .scoreMean3: "средняя оценка за 3 последние"
        case .scoreSlope: "тренд оценок"
        case .scoreGapToGroup: "отставание оценок от группы"
        case .unansweredDays: "дней без ответа на сообщение"
        case .daysToPackageEnd: "дней до конца пакета"
        case .failedPayment: "неудачная оплата"
        case .renewals: "продлений"
        case .tenureWeeks: "недель обучения"
        }
    }

    /// Whether the value says something as a reason: known, and not a zero that reads as nothing
    /// («0 дней», «ниже на 0%», «0% отклонены»).
    public func isWorthSaying(_ v: Double) -> Bool {
        guard !v.isNaN else { return false }
        switch self {
        case .daysSinceActivity, .daysSinceLessonView, .daysSinceHomework, .unansweredDays: return v >= 1
        case .unviewedLessons, .consecutiveMissed, .firstHomeworkMissing, .failedPayment: return v >= 0.5
        case .weekVsBaseline, .activityVsGroup, .homeworkCompletion: return v < 0.995
        case .lateShare, .declinedShare, .scoreGapToGroup: return v >= 0.005
        default: return true
        }
    }

    /// A short Russian reason for a feature that raises the risk, with its value.
    public func reason(_ v: Double) -> String {
        let n = Int(v.rounded())
        let pct = Percent.whole(v)
        switch self {
        case .daysSinceActivity: return "не заходит \(RussianPlural.days(n))"
        case .daysSinceLessonView: return "не открывает уроки \(RussianPlural.days(n))"
        case .daysSinceHomework: return "не сдаёт домашки \(RussianPlural.days(n))"
        case .activeDays7: return n == 0 ? "ни одного активного дня за неделю" : "активных дней: \(n) из 7"
        case .activeDays14: return "активных дней: \(n) из 14"
        case .activeDays28: return "активных дней: \(n) из 28"
        case .activeWeeksShare: return "активных недель лишь \(pct)%"
        case .weekVsBaseline: return "активность на неделе ниже обычной на \(max(0, 100 - pct))%"
        case .activityVsGroup: return "активность ниже группы на \(max(0, 100 - pct))%"
        case .unviewedLessons: return "не просмотрено открытых уроков: \(n)"
        case .firstHomeworkMissing: return "не сдана первая домашка"
        case .homeworkCompletion: return "сдано \(pct)% домашек по графику"
        case .consecutiveMissed: return "пропущены \(RussianPlural.count(n, "домашка", "домашки", "домашек")) подряд"
        case .lateShare: return "\(pct)% домашек сданы с опозданием"
        case .declinedShare: return "\(pct)% домашек отклонены"
        case .scoreMean3: return "средняя оценка \(pct)% за 3 последние"
        case .scoreSlope: return "оценки снижаются"
        case .scoreGapToGroup: return "оценки ниже группы на \(pct)%"
        case .unansweredDays: return "сообщение без ответа \(RussianPlural.days(max(1, n)))"
        case .daysToPackageEnd: return n < 0 ? "пакет закончился \(RussianPlural.days(-n)) назад" : n == 0 ? "пакет заканчивается сегодня" : "пакет заканчивается через \(RussianPlural.days(n))"
        case .failedPayment: return "неудачная или отменённая оплата"
        case .renewals: return "ещё не продлевал"
        case .tenureWeeks: return n <= 1 ? "первая неделя обучения" : "учится \(RussianPlural.count(n, "неделю", "недели", "недель"))"
        }
    }
}

/// Features of many students as one flat row-major matrix (one allocation, cache-friendly).
/// Two matrices are equal when every value is, a missing (NaN) value equal to a missing one.
public struct FeatureMatrix: Sendable, Equatable {
    public static func == (a: FeatureMatrix, b: FeatureMatrix) -> Bool {
        a.rows == b.rows && zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    public private(set) var values: [Double]
    public let rows: Int
    public static let width = RiskFeature.count

    /// A matrix whose `initialize` sets every value (and is spared zeroing the memory first).
    init(rows: Int, initialize: (UnsafeMutableBufferPointer<Double>) -> Void) {
        self.rows = rows
        values = [Double](unsafeUninitializedCapacity: rows * Self.width) { buf, count in
            initialize(buf)
            count = buf.count
        }
    }

    public subscript(row: Int, f: RiskFeature) -> Double { values[row * Self.width + f.rawValue] }

    public func row(_ i: Int) -> [Double] { Array(values[i * Self.width ..< (i + 1) * Self.width]) }

    mutating func withRows<R>(_ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        try values.withUnsafeMutableBufferPointer(body)
    }
}
