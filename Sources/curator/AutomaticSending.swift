/// The writes to a real school's GetCourse that wait for the school's explicit choice.
enum AutomaticSending {
    case replies, verdicts

    /// Its setting in the config file.
    var setting: String {
        switch self {
        case .replies: "assistant.auto_reply"
        case .verdicts: "homework.auto_verdicts"
        }
    }

    /// The environment variable the setting stands for.
    var variable: String { ConfigFile.textSettings.first { $0.name == setting }!.variable }

    func describe(on: Bool) -> String {
        switch (self, on) {
        case (.replies, true): "Автоответы ассистента: включены — уверенные ответы уходят ученикам в GetCourse."
        case (.replies, false): "Автоответы ассистента: выключены — ответы ждут куратора черновиками (curator config set assistant.auto_reply on)."
        case (.verdicts, true): "Вердикты автопроверки: включены — принятые и отклонённые домашки уходят в GetCourse."
        case (.verdicts, false): "Вердикты автопроверки: выключены — проверенные домашки ждут куратора (curator config set homework.auto_verdicts on)."
        }
    }
}
