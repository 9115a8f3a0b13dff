/// Legacy API error codes (HTTP 200 with `success: false`).
public enum GetCourseErrorCode: Int, Sendable {
    case unauthorized = 901
    case tooManyRequests = 903
    case missingKey = 904
    case exportAlreadyRunning = 905
    case noFilter = 908
    case exportNotReady = 909
    case badDealStatus = 913
    case badUserStatus = 914
    case featureUnavailable = 917
    case badPaymentStatus = 918

    public var message: String {
        switch self {
        case .unauthorized: "Неавторизованное API-обращение"
        case .tooManyRequests: "Слишком много запросов"
        case .missingKey: "отсутствует параметр key"
        case .exportAlreadyRunning: "Уже запущен один экспорт, попробуйте позднее"
        case .noFilter: "Должен быть передан хотя бы один фильтр"
        case .exportNotReady: "Файл еще не создан"
        case .badDealStatus, .badUserStatus, .badPaymentStatus: "Неверное значение поля статус, попробуйте один из - "
        case .featureUnavailable: "Функционал недоступен"
        }
    }
}
