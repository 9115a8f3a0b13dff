/// What the curator is offered to send when a message was handed to them: written as the school
/// speaking to the student, it answers what it can (an escalating article's rules) and asks what
/// the curator needs to act. The curator edits or sends it.
public enum HandoffReply {
    /// `rules`: the escalating article's quoted answer; `draft`: the closest article's, for a
    /// question the knowledge base answers too thinly.
    public static func text(_ reason: AssistantReply.HandoffReason, rules: String?, draft: String?) -> String {
        let ask = request(reason)
        if let rules { return [greeting, rules, ask].compactMap { $0 }.joined(separator: "\n\n") }
        if reason == .unsure, let draft { return greeting + "\n\n" + draft }
        return [greeting, ask ?? ""].joined(separator: "\n\n")
    }

    static let greeting = "Здравствуйте!"

    /// What the curator asks or promises for each kind of case.
    static func request(_ reason: AssistantReply.HandoffReason) -> String? {
        switch reason {
        case .refund:
            "Разберусь с оплатой лично. Напишите, пожалуйста, за какой курс или пакет и когда вы платили (при двойном или ошибочном списании — дату, сумму и последние четыре цифры карты): проверю и отвечу вам сегодня."
        case .complaint:
            "Спасибо, что написали об этом, и простите, что так вышло. Расскажите, пожалуйста, подробнее, когда и что случилось, — я разберусь и вернусь к вам с решением."
        case .human:
            "Я куратор, на связи. Расскажите, пожалуйста, чем помочь, — отвечу сам."
        case .anger:
            "Простите, если что-то пошло не так. Опишите, пожалуйста, что произошло, — я лично займусь этим сегодня."
        case .threat:
            "Ваше обращение получено, разберусь лично. Опишите, пожалуйста, ситуацию и чего вы ждёте от школы — отвечу письменно в течение рабочего дня."
        case .privacy:
            "Займусь вашим запросом о личных данных. Подтвердите, пожалуйста, e-mail или телефон, на который зарегистрирован аккаунт, — сообщу, когда всё будет сделано."
        case .safety:
            "Спасибо, что написали, берегите себя. Если кому-то угрожает опасность, звоните 112. Об учёбе не беспокойтесь: расскажите, что случилось, и мы вместе решим, как быть с занятиями."
        case .escalation:
            "Этим займусь лично. Напишите, пожалуйста, подробности, если их нет выше, — и я вернусь к вам с решением."
        case .unsure:
            "Уточните, пожалуйста, ваш вопрос: что именно нужно и в каком курсе или группе вы занимаетесь? Отвечу сразу."
        case .outOfScope:
            "С этим вопросом, к сожалению, не помогу: я отвечаю на вопросы об учёбе в нашей школе. Если вопрос про занятия, оплату или домашние задания — напишите подробнее."
        case .draft:
            nil
        }
    }
}
