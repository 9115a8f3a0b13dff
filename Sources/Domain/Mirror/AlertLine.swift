import Foundation

/// An alert as the list shows it, with the student's name.
public struct AlertLine: Sendable, Equatable {
    public var alert: Alert
    public var studentName: String

    public init(alert: Alert, studentName: String) {
        self.alert = alert
        self.studentName = studentName
    }
}

public struct AlertNotice: Sendable, Equatable {
    public var alertId: Int64
    public var studentId: Int64
    public var rule: AlertRule
    public var severity: AlertSeverity
    public var detail: String

    public init(alertId: Int64, studentId: Int64, rule: AlertRule, severity: AlertSeverity, detail: String) {
        self.alertId = alertId
        self.studentId = studentId
        self.rule = rule
        self.severity = severity
        self.detail = detail
    }
}
