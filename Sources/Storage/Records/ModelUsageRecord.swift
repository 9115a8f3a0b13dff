import Domain
import Foundation
import GRDB

/// A row of `model_usage`: the tokens one model call used, for the cost side of the ROI.
struct ModelUsageRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "model_usage"

    enum Columns: String, ColumnExpression {
        case id, at, model, purpose, promptTokens = "prompt_tokens", completionTokens = "completion_tokens"
    }

    var id: Int64?
    var at: Double
    var model: String
    var purpose: String
    var promptTokens: Int
    var completionTokens: Int

    init(row: Row) {
        id = row[Columns.id]
        at = row[Columns.at]
        model = row[Columns.model]
        purpose = row[Columns.purpose]
        promptTokens = row[Columns.promptTokens]
        completionTokens = row[Columns.completionTokens]
    }

    init(model: String, purpose: String, usage: ChatUsage, at t: Double) {
        at = t
        self.model = model
        self.purpose = purpose
        promptTokens = usage.promptTokens
        completionTokens = usage.completionTokens
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        container[Columns.at] = at
        container[Columns.model] = model
        container[Columns.purpose] = purpose
        container[Columns.promptTokens] = promptTokens
        container[Columns.completionTokens] = completionTokens
    }

    var tokens: TokenUse { TokenUse(at: at, prompt: promptTokens, completion: completionTokens) }
}
