import Domain
import Foundation
import GRDB

/// A row of `risk_models`: a model choice (the priors, or one trained on this mirror) with its evidence.
struct RiskModelRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "risk_models"

    enum Columns: String, ColumnExpression {
        case id, createdAt = "created_at", kind, modelJSON = "model_json", outcomeJSON = "outcome_json"
    }

    var id: Int64?
    var createdAt: Double
    /// nil: a kind this version does not know (a newer Curator's).
    var kind: RiskModel.Kind?
    var modelJSON: String
    var outcomeJSON: String

    init(row: Row) {
        id = row[Columns.id]
        createdAt = row[Columns.createdAt]
        kind = row.known(Columns.kind)
        modelJSON = row[Columns.modelJSON]
        outcomeJSON = row[Columns.outcomeJSON]
    }

    init(_ outcome: RiskTraining.Outcome, at t: Double) throws {
        createdAt = t
        kind = outcome.model.kind
        modelJSON = try StoredJSON.encode(outcome.model)
        outcomeJSON = try StoredJSON.encode(outcome)
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        container[Columns.createdAt] = createdAt
        container[Columns.kind] = kind
        container[Columns.modelJSON] = modelJSON
        container[Columns.outcomeJSON] = outcomeJSON
    }

    /// The model, if this version can read it.
    var model: RiskModel? { StoredJSON.decode(RiskModel.self, modelJSON) }
}
