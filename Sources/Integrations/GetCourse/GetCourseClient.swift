import Domain
import Foundation

/// One export to start: which list and its filters (bracket syntax, account-local days).
public struct ExportRequest: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        case users, deals
        case groupMembers(groupId: Int64)

        /// Exports of one kind take about as long to build: their build times are learned together.
        public var buildTimeKey: String {
            switch self {
            case .users: "users"
            case .deals: "deals"
            case .groupMembers: "group_members"
            }
        }
    }

    public var kind: Kind
    public var filters: [String: String]

    public init(kind: Kind, filters: [String: String]) {
        self.kind = kind
        self.filters = filters
    }

    var path: String {
        switch kind {
        case .users: "/pl/api/account/users"
        case .deals: "/pl/api/account/deals"
        case .groupMembers(let id): "/pl/api/account/groups/\(id)/users"
        }
    }
}

/// The two GetCourse APIs over `HTTPClient`. Each method is one HTTP request; retries, pacing and
/// the request budget belong to the caller (`SyncEngine`). `beforeLegacyRequest` runs before every
/// request to /pl/api/account/* so the caller can count it *before* it leaves.
public struct GetCourseClient: Sendable {
    public let account: GetCourseAccount
    public var http: HTTPClient
    public var time: AccountTime
    public var beforeLegacyRequest: @Sendable () throws(GetCourseError) -> Void

    public init(account: GetCourseAccount, http: HTTPClient = HTTPClient(), time: AccountTime = .moscow,
                beforeLegacyRequest: @escaping @Sendable () throws(GetCourseError) -> Void = {}) {
        self.account = account
        self.http = http
        self.time = time
        self.beforeLegacyRequest = beforeLegacyRequest
    }

    // MARK: - Legacy export API

    /// Starts an export and returns its id.
    public func startExport(_ request: ExportRequest) throws(GetCourseError) -> String {
        let info = try legacy(path: request.path, query: request.filters)
        let id = LooseJSON.string((info as? [String: Any])?["export_id"])
        guard !id.isEmpty else { throw .api(code: nil, message: "export start answered without export_id") }
        return id
    }

    /// The finished export, or nil while GetCourse is still building it (909). The body is read
    /// row by row when iterated, so a 100k-row export never exists as a JSON tree in memory.
    public func pollExport(id: String) throws(GetCourseError) -> ExportTable? {
        let path = "/pl/api/account/exports/\(id)"
        let body = try legacyBody(path: path, query: [:])
        switch ExportTable.read(exportAnswer: body) {
        case .table(let table):
            return table
        case .failure(let code, let message):
            if code == GetCourseErrorCode.exportNotReady.rawValue { return nil }
            // An export that matched nothing may answer this instead of an empty list.
            if message.contains("Файл не создан") { return ExportTable(fields: [], rows: []) }
            if message.contains("Объект не найден") { throw .unknownExport(id) }
            throw Self.legacyFailure(code: code, message: message)
        case .malformed:
            throw .notJSON(status: 200, path: path, looksLikeHTML: Self.looksLikeHTML(body))
        }
    }

    public func groups() throws(GetCourseError) -> [StudyGroup] {
        let info = try legacy(path: "/pl/api/account/groups", query: [:])
        guard let list = info as? [Any] else { throw .api(code: nil, message: "groups answered without a list") }
        return list.compactMap { item in
            guard let o = item as? [String: Any], let id = LooseJSON.int64(o["id"]) else { return nil }
            return StudyGroup(id: id, name: LooseJSON.string(o["name"]), lastAddedAt: time.parse(LooseJSON.string(o["last_added_at"])))
        }
    }

    /// Every request to the rate-limited API goes through here: counted by the budget first, keyed.
    private func legacyBody(path: String, query: [String: String]) throws(GetCourseError) -> Data {
        try beforeLegacyRequest()
        var q = query
        q["key"] = account.apiKey
        return try send(HTTPRequest(url: url(path, q)), path: path)
    }

    private func legacy(path: String, query: [String: String]) throws(GetCourseError) -> Any {
        let body = try legacyBody(path: path, query: query)
        guard let parsed = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            throw .notJSON(status: 200, path: path, looksLikeHTML: Self.looksLikeHTML(body))
        }
        guard let dict = parsed as? [String: Any] else { throw .api(code: nil, message: "unexpected answer at \(path)") }
        if LooseJSON.bool(dict["success"]) == true { return dict["info"] ?? NSNull() }
        throw Self.legacyFailure(code: LooseJSON.int64(dict["error_code"]).map { Int($0) }, message: LooseJSON.string(dict["error_message"]))
    }

    static func legacyFailure(code: Int?, message: String) -> GetCourseError {
        switch code.flatMap(GetCourseErrorCode.init(rawValue:)) {
        case .unauthorized?, .missingKey?: .unauthorized(message.isEmpty ? "error \(code!)" : message)
        case .tooManyRequests?: .rateLimited
        case .exportAlreadyRunning?: .exportBusy
        case .featureUnavailable?: .unavailableOnPlan
        default: .api(code: code, message: message)
        }
    }

    // MARK: - Tech API v1

    private var records: TechRecordMapper { TechRecordMapper(time: time) }

    public func trainings() throws(GetCourseError) -> [Training] {
        try techList("/pl/api/v1/common/get-trainings", [:]).compactMap(records.training)
    }

    public func lessonAnswers(lessonId: Int64) throws(GetCourseError) -> [LessonAnswer] {
        try techList("/pl/api/v1/lesson/get-answers", ["lessonId": String(lessonId)]).compactMap(records.lessonAnswer)
    }

    /// Every answer of a user, in every training (no lesson id needed: how lessons become known).
    public func userLessonAnswers(userId: Int64) throws(GetCourseError) -> [LessonAnswer] {
        try techList("/pl/api/v1/user/get-lesson-answers", ["userId": String(userId)]).compactMap(records.lessonAnswer)
    }

    /// One page of a user's dialogs; the end is the first page shorter than `limit`.
    public func dialogs(userId: Int64, limit: Int = 100, offset: Int = 0) throws(GetCourseError) -> [Dialog] {
        let records = records
        return try techList("/pl/api/v1/user/get-dialogs", ["userId": String(userId), "limit": String(limit), "offset": String(offset)])
            .compactMap { records.dialog($0, userId: userId) }
    }

    public func dialogHistory(dialogId: Int64, studentId: Int64) throws(GetCourseError) -> [DialogMessage] {
        let records = records
        return try techList("/pl/api/v1/dialog/get-history", ["dialogId": String(dialogId)])
            .compactMap { records.message($0, dialogId: dialogId, studentId: studentId) }
    }

    public func changeAnswerStatus(answerId: Int64, status: String) throws(GetCourseError) {
        _ = try tech("/pl/api/v1/lesson/change-status-answers", post: ["lessonAnswerId": answerId, "status": status])
    }

    public func commentOnAnswer(answerId: Int64, text: String, userId: Int64) throws(GetCourseError) {
        _ = try tech("/pl/api/v1/lesson/add-comment-to-lesson-answer", post: ["lessonAnswerId": answerId, "text": text, "userId": userId])
    }

    public func replyInDialog(dialogId: Int64, text: String) throws(GetCourseError) {
        _ = try tech("/pl/api/v1/dialog/add-comment", post: ["dialogId": dialogId, "text": text])
    }

    private func techList(_ path: String, _ query: [String: String]) throws(GetCourseError) -> [TechRecord] {
        switch try tech(path, query: query) {
        case .records(let list): return list
        case .accepted: throw .api(code: nil, message: "\(path) answered without a list")
        default: return []
        }
    }

    private func tech(_ path: String, query: [String: String] = [:], post: [String: Any]? = nil) throws(GetCourseError) -> TechAnswer {
        guard !account.techToken.isEmpty else { throw .configuration("GETCOURSE_TECH_TOKEN is not set (needed for homework and dialogs)") }
        var request = HTTPRequest(url: url(path, query), headers: ["Authorization": "Bearer " + account.techToken, "Accept": "application/json"])
        if let post {
            request.method = "POST"
            request.headers["Content-Type"] = "application/json"
            request.body = try? JSONSerialization.data(withJSONObject: post)
        }
        let response: HTTPResponse
        do { response = try http.send(request) } catch { throw .transport(error.message, kind: error.kind) }
        let answer = TechAnswer.read(response.body)
        // Errors come as a JSON envelope with a 4xx status: read it when it is there.
        if response.status == 429 || response.status >= 500 || (response.status != 200 && !answer.isEnvelope) {
            if response.status == 401 || response.status == 403 { throw .unauthorized("HTTP \(response.status) at \(path)") }
            throw .http(status: response.status, path: path, retryAfter: response.header("retry-after").flatMap(Self.retryAfterSeconds))
        }
        switch answer {
        case .records, .accepted: return answer
        case .failure(let code, let message):
            if code == 401 || code == 403 || response.status == 401 || response.status == 403 {
                throw .unauthorized(message.isEmpty ? "HTTP \(response.status)" : message)
            }
            throw .api(code: code ?? response.status, message: message.isEmpty ? "request failed" : message)
        case .malformed:
            throw .notJSON(status: response.status, path: path, looksLikeHTML: Self.looksLikeHTML(response.body))
        }
    }

    static func looksLikeHTML(_ body: Data) -> Bool {
        body.prefix(64).drop { $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }.first == UInt8(ascii: "<")
    }

    // MARK: - Transport

    private func url(_ path: String, _ query: [String: String]) -> URL {
        var c = URLComponents(url: account.baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty {
            c.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            // '+' is a space in form decoding: encode it so keys and values survive.
            c.percentEncodedQuery = c.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        return c.url!
    }

    /// The body of a 200 answer; any other status becomes the matching error.
    private func send(_ request: HTTPRequest, path: String) throws(GetCourseError) -> Data {
        let response: HTTPResponse
        do { response = try http.send(request) } catch { throw .transport(error.message, kind: error.kind) }
        guard response.status == 200 else {
            if response.status == 401 || response.status == 403 { throw .unauthorized("HTTP \(response.status) at \(path)") }
            throw .http(status: response.status, path: path, retryAfter: response.header("retry-after").flatMap(Self.retryAfterSeconds))
        }
        return response.body
    }

    /// `Retry-After` as seconds or an HTTP date.
    static func retryAfterSeconds(_ value: String) -> Double? {
        if let s = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}
