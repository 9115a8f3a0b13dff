import Domain
import Foundation
import GRDB

/// A row of `risk_scores`: every student's latest score, rewritten by each risk pass.
struct RiskScoreRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "risk_scores"

    enum Columns: String, ColumnExpression {
        case userId = "user_id", scoredAt = "scored_at", probability, level, hasLeft = "has_left", model
        case featuresJSON = "features_json", reasonsJSON = "reasons_json", lessonsDone = "lessons_done", lessonsTotal = "lessons_total"
    }

    var userId: Int64
    var scoredAt: Double
    var probability: Double
    /// nil: a level this version does not know (a newer Curator's).
    var level: RiskLevel?
    /// 21+ days silent or the package ended 21+ days ago: gone, not "at risk".
    var hasLeft: Bool
    /// The model's kind (`RiskModel.Kind`), as shown with the score.
    var model: String
    /// [{feature, value, contribution}] in the model's feature order.
    var featuresJSON: String
    var reasonsJSON: String
    /// Lessons done of the course's lessons (nil in rows from before v4-progress).
    var lessonsDone: Int?
    var lessonsTotal: Int?

    init(row: Row) {
        userId = row[Columns.userId]
        scoredAt = row[Columns.scoredAt]
        probability = row[Columns.probability]
        level = row.known(Columns.level)
        hasLeft = row[Columns.hasLeft]
        model = row[Columns.model]
        featuresJSON = row[Columns.featuresJSON]
        reasonsJSON = row[Columns.reasonsJSON]
        lessonsDone = row[Columns.lessonsDone]
        lessonsTotal = row[Columns.lessonsTotal]
    }

    /// The JSON is written by hand (`StoredJSON.objects`): a pass stores every student's score, where
    /// JSONEncoder would cost seconds at 100k students.
    init(_ s: RiskScore, progress p: StudentProgress, model: RiskModel, at t: Double) {
        userId = s.studentId
        scoredAt = t
        probability = s.probability
        level = s.level
        hasLeft = s.hasLeft
        self.model = model.kind.rawValue
        featuresJSON = StoredJSON.objects(RiskFeature.allCases.map { f -> [(String, StoredJSON.Field)] in
            [("feature", .text(f.key)), ("value", .number(s.features[f.rawValue])), ("contribution", .number(s.contributions[f.rawValue]))]
        })
        reasonsJSON = StoredJSON.objects(s.reasons.map { r -> [(String, StoredJSON.Field)] in
            [("feature", .text(r.feature)), ("value", .number(r.value)), ("contribution", .number(r.contribution)), ("text", .text(r.text))]
        })
        lessonsDone = p.done
        lessonsTotal = p.total
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.userId] = userId
        container[Columns.scoredAt] = scoredAt
        container[Columns.probability] = probability
        container[Columns.level] = level
        container[Columns.hasLeft] = hasLeft
        container[Columns.model] = model
        container[Columns.featuresJSON] = featuresJSON
        container[Columns.reasonsJSON] = reasonsJSON
        container[Columns.lessonsDone] = lessonsDone
        container[Columns.lessonsTotal] = lessonsTotal
    }

    var features: [FeatureValue] { StoredJSON.decode([FeatureValue].self, featuresJSON) ?? [] }
}
