/// Exact column titles of the legacy export API (../shared/getcourse-api.md). Rows are always zipped
/// with the `fields` array by name: accounts splice their own columns into the middle.
public enum ExportColumns {
    public static let userLeading = [
        "id", "Email", "Тип регистрации", "Создан", "Последняя активность", "Имя", "Фамилия", "Телефон",
        "Дата рождения", "Возраст", "Страна", "Город", "От партнера", "Откуда пришел",
    ]
    public static let userTrailing = [
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_group",
        "ID партнера", "Email партнера", "ФИО партнера", "ФИО менеджера", "VK-ID",
    ]
    public static let groupMemberExtra = ["ID группы", "Добавлен в группу"]

    public static let dealLeading = [
        "ID заказа", "Номер", "ID пользователя", "Пользователь", "Email", "Телефон", "Дата создания", "Дата оплаты",
        "Title", "Статус", "Стоимость, RUB", "Оплачено", "Комиссия платежной системы", "Получено", "Налог",
        "Осталось после вычета комиссии платежной системы и налога", "Другие комиссии", "Заработано", "Валюта",
        "Менеджер", "Город", "Платежная система", "ID партнера", "Использован промокод", "Промоакция",
    ]
    public static let dealTrailing = [
        "ID партнера заказа", "Email партнера заказа", "ФИО партнера заказа", "ID партнера пользователя",
        "Email партнера пользователя", "ФИО партнера пользователя", "utm_source", "utm_medium", "utm_campaign",
        "utm_content", "utm_term", "utm_group", "Партнерский источник", "Партнерский код", "Партнер (сессия)",
        "user_utm_source", "user_utm_medium", "user_utm_campaign", "user_utm_content", "user_utm_term",
        "user_utm_group", "user_gcpc", "Теги", "Теги предложений",
    ]

    /// Columns whose cells are JSON arrays rather than strings.
    public static let arrayColumns: Set<String> = ["Теги", "Теги предложений"]

    public static func users(custom: [String]) -> [String] { userLeading + custom + userTrailing }
    public static func groupMembers(custom: [String]) -> [String] { users(custom: custom) + groupMemberExtra }
    public static func deals(custom: [String]) -> [String] { dealLeading + custom + dealTrailing }

    static let knownUser = Set(userLeading + userTrailing + groupMemberExtra)
    static let knownDeal = Set(dealLeading + dealTrailing)
}
