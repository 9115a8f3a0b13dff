import Foundation

/// The writes to a real school's GetCourse that wait for the school's explicit choice.
public enum AutomaticSending: Sendable {
    case replies, verdicts

    /// Its setting in the config file.
    public var setting: String {
        switch self {
        case .replies: "assistant.auto_reply"
        case .verdicts: "homework.auto_verdicts"
        }
    }

    /// The environment variable the setting stands for.
    public var variable: String { ConfigFile.textSettings.first { $0.name == setting }!.variable }

    /// Switched on only by «on» (any case): anything else, or nothing, leaves the writes to the curator.
    public func isOn(in env: [String: String]) -> Bool {
        (env[variable] ?? "").trimmingCharacters(in: .whitespaces).lowercased() == "on"
    }

    public func describe(on: Bool) -> String {
        switch (self, on) {
        case (.replies, true): "Автоответы ассистента: включены — уверенные ответы уходят ученикам в GetCourse."
        case (.replies, false): "Автоответы ассистента: выключены — ответы ждут куратора черновиками (curator config set assistant.auto_reply on)."
        case (.verdicts, true): "Вердикты автопроверки: включены — принятые и отклонённые домашки уходят в GetCourse."
        case (.verdicts, false): "Вердикты автопроверки: выключены — проверенные домашки ждут куратора (curator config set homework.auto_verdicts on)."
        }
    }
}
