import Domain
import GRDB

// The enums the mirror stores, each as its raw value: the one mapping between them and their
// column text. Queries compare with the enum (`Columns.state == Alert.State.open`, `\(OutboxStatus.sent)`
// in an SQL literal), never with the text.
extension AlertRule: DatabaseValueConvertible {}
extension AlertSeverity: DatabaseValueConvertible {}
extension Alert.State: DatabaseValueConvertible {}
extension Alert.Closure: DatabaseValueConvertible {}
extension AnswerStatus: DatabaseValueConvertible {}
extension HomeworkReviewer: DatabaseValueConvertible {}
extension HomeworkPolicy.Outcome: DatabaseValueConvertible {}
extension OutboxStatus: DatabaseValueConvertible {}
extension QuestionAction: DatabaseValueConvertible {}
extension AskedQuestion.Responder: DatabaseValueConvertible {}
extension DealStatus: DatabaseValueConvertible {}
extension RiskLevel: DatabaseValueConvertible {}
extension RiskModel.Kind: DatabaseValueConvertible {}
extension SchoolModel.Source: DatabaseValueConvertible {}
extension SchoolModel.Stream.Tie: DatabaseValueConvertible {}

extension Row {
    /// The enum stored in `column`, or nil when it is NULL or a value this version does not know (a
    /// newer Curator's): the row is still read, and the caller says what an unknown value stands for.
    func known<Value: DatabaseValueConvertible>(_ column: some ColumnExpression) -> Value? {
        let stored: DatabaseValue = self[column]
        return Value.fromDatabaseValue(stored)
    }
}
