/// Where a write-back to GetCourse stands: waiting, being sent (tried, and in doubt until it is
/// known to have arrived), sent, given up, or not to be sent after all.
public enum OutboxStatus: String, Sendable {
    case pending, sending, sent, failed, cancelled
}
