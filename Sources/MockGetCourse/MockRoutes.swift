import Domain
import Foundation
import Hummingbird
import NIOCore

/// Routes of both GetCourse APIs and the fault/limit/auth pipeline every request goes through.
extension MockGetCourse {
    enum API { case account, tech, importAPI }

    struct Reply {
        var status: HTTPResponse.Status = .ok
        var body: Data
        var contentType = "application/json; charset=utf-8"
        var retryAfter: String?
    }

    struct DroppedConnection: Error {}

    typealias Params = [String: String]

    func makeRouter() -> Router<MockContext> {
        let router = Router(context: MockContext.self)
        for (path, kind) in [("/pl/api/account/users", ExportBuilder.Kind.users), ("/pl/api/account/deals", .deals)] {
            router.on(RouterPath(path), method: .get) { req, ctx in try await self.handle(req, ctx, .account, exportStart: true) { self.startExport(kind, $0) } }
            router.on(RouterPath(path), method: .post) { req, ctx in try await self.handle(req, ctx, .account, exportStart: true) { self.startExport(kind, $0) } }
        }
        for method in [HTTPRequest.Method.get, .post] {
            router.on("/pl/api/account/groups/:id/users", method: method) { req, ctx in
                let gid = Int64(ctx.parameters.get("id") ?? "") ?? 0
                return try await self.handle(req, ctx, .account, exportStart: true) { self.startExport(.groupMembers(groupId: gid), $0) }
            }
        }
        router.get("/pl/api/account/exports/:id") { req, ctx in
            let id = ctx.parameters.get("id") ?? ""
            return try await self.handle(req, ctx, .account) { _ in self.poll(id) }
        }
        router.get("/pl/api/account/groups") { req, ctx in try await self.handle(req, ctx, .account) { _ in self.listGroups() } }
        router.get("/pl/api/account/fields") { req, ctx in try await self.handle(req, ctx, .account) { _ in self.listFields() } }

        router.get("/pl/api/v1/common/get-trainings") { req, ctx in
            try await self.handle(req, ctx, .tech) { _ in self.techOK(self.sim.trainings.map(self.trainingJSON)) }
        }
        router.get("/pl/api/v1/user/get-trainings") { req, ctx in
            try await self.handle(req, ctx, .tech) { p in
                guard let uid = Int64(p["userId"] ?? "") else { return self.techInvalid("userId") }
                return self.techOK(self.sim.trainings(ofUser: uid).map(self.trainingJSON))
            }
        }
        router.get("/pl/api/v1/lesson/get-answers") { req, ctx in
            try await self.handle(req, ctx, .tech) { p in
                guard let lid = Int64(p["lessonId"] ?? "") else { return self.techInvalid("lessonId") }
                // As GetCourse: a lesson id the account does not have is «Объект не найден».
                guard self.sim.catalog.allLessons.contains(where: { $0.id == lid }) else { return self.techNotFound() }
                return self.techOK(self.sim.answers.values.filter { $0.lessonId == lid }.sorted { $0.id < $1.id }.map(self.answerJSON))
            }
        }
        router.get("/pl/api/v1/user/get-lesson-answers") { req, ctx in
            try await self.handle(req, ctx, .tech) { p in
                guard let uid = Int64(p["userId"] ?? "") else { return self.techInvalid("userId") }
                return self.techOK(self.sim.answers.values.filter { $0.userId == uid }.sorted { $0.id < $1.id }.map(self.answerJSON))
            }
        }
        router.get("/pl/api/v1/user/get-dialogs") { req, ctx in
            try await self.handle(req, ctx, .tech) { p in
                guard let uid = Int64(p["userId"] ?? "") else { return self.techInvalid("userId") }
                let limit = min(100, max(1, Int(p["limit"] ?? "") ?? 100)), offset = max(0, Int(p["offset"] ?? "") ?? 0)
                let all = self.sim.dialogs.values.filter { $0.userId == uid }.sorted { $0.id < $1.id }
                return self.techOK(all.dropFirst(offset).prefix(limit).map(self.dialogJSON))
            }
        }
        router.get("/pl/api/v1/dialog/get-history") { req, ctx in
            try await self.handle(req, ctx, .tech) { p in
                guard let did = Int64(p["dialogId"] ?? "") else { return self.techInvalid("dialogId") }
                guard self.sim.dialogs[did] != nil else { return self.techNotFound() }
                return self.techOK((self.sim.messages[did] ?? []).map(self.messageJSON))
            }
        }
        router.post("/pl/api/v1/lesson/change-status-answers") { req, ctx in
            try await self.handle(req, ctx, .tech, mutates: true) { p in
                guard let id = Int64(p["lessonAnswerId"] ?? "") else { return self.techInvalid("lessonAnswerId") }
                guard let status = p["status"], ["new", "accepted", "declined"].contains(status) else { return self.techInvalid("status") }
                return self.sim.changeAnswerStatus(id: id, status: status, now: Date()) ? self.techOK(["lessonAnswerId": id, "status": status]) : self.techNotFound()
            }
        }
        router.post("/pl/api/v1/lesson/add-comment-to-lesson-answer") { req, ctx in
            try await self.handle(req, ctx, .tech, mutates: true) { p in
                guard let id = Int64(p["lessonAnswerId"] ?? "") else { return self.techInvalid("lessonAnswerId") }
                guard let text = p["text"], !text.isEmpty else { return self.techInvalid("text") }
                return self.sim.commentOnAnswer(id: id, text: text, now: Date()) ? self.techOK(["lessonAnswerId": id]) : self.techNotFound()
            }
        }
        router.post("/pl/api/v1/dialog/add-comment") { req, ctx in
            try await self.handle(req, ctx, .tech, mutates: true) { p in
                guard let id = Int64(p["dialogId"] ?? "") else { return self.techInvalid("dialogId") }
                guard let text = p["text"], !text.isEmpty else { return self.techInvalid("text") }
                guard let mid = self.sim.replyInDialog(id: id, text: text, now: Date()) else { return self.techNotFound() }
                return self.techOK(["dialogId": id, "id": mid])
            }
        }
        router.post("/pl/api/users") { req, ctx in try await self.handle(req, ctx, .importAPI, mutates: true) { self.importUser($0) } }
        router.post("/pl/api/deals") { req, ctx in try await self.handle(req, ctx, .importAPI, mutates: true) { self.importDeal($0) } }
        return router
    }

    // MARK: - The pipeline: limit, faults, auth, then the handler under the lock

    func handle(_ request: Request, _ context: MockContext, _ api: API, exportStart: Bool = false, mutates: Bool = false,
                _ body: @escaping (Params) -> Reply) async throws -> Response {
        let params = await Self.params(request)
        let now = Date()
        enum Gate { case limited(Reply), fault(FaultPlan.Kind), pass }
        let gate: Gate = locked {
            switch api {
            case .account, .importAPI:
                let windowStart = now.addingTimeInterval(-configuration.limitWindowSeconds)
                accountRequests.removeAll { $0 < windowStart }
                accountRequests.append(now)
                if accountRequests.count > configuration.requestLimit { served["903", default: 0] += 1; return .limited(legacyError(.tooManyRequests)) }
            case .tech:
                techRequests.removeAll { $0 < now.addingTimeInterval(-1) }
                techRequests.append(now)
                if techRequests.count > configuration.techRequestsPerSecond {
                    served["429", default: 0] += 1
                    var r = techError(429, "Too Many Requests")
                    r.retryAfter = "1"
                    return .limited(r)
                }
            }
            var allowed: Set<FaultPlan.Kind> = [.http500, .http502, .drop, .stall, .truncate]
            if api == .account { allowed.insert(.limit903) }
            if exportStart { allowed.insert(.busy905) }
            let kind = configuration.faults.pick(Double.random(in: 0..<1, using: &faultRandom), allowed: allowed)
            if let kind { served["fault:" + kind.rawValue, default: 0] += 1 }
            return kind.map(Gate.fault) ?? .pass
        }
        var truncate = false
        switch gate {
        case .limited(let r): return Self.response(r)
        case .pass: break
        case .fault(let kind):
            switch kind {
            case .http500, .http502:
                let code = kind == .http500 ? 500 : 502
                let html = "<html><head><title>\(code)</title></head><body><h1>\(code) \(code == 500 ? "Internal Server Error" : "Bad Gateway")</h1><hr>nginx</body></html>"
                return Self.response(Reply(status: .init(code: code), body: Data(html.utf8), contentType: "text/html; charset=utf-8"))
            case .limit903: return Self.response(locked { legacyError(.tooManyRequests) })
            case .busy905: return Self.response(locked { legacyError(.exportAlreadyRunning) })
            case .stall: try await Task.sleep(nanoseconds: UInt64(configuration.faults.stallSeconds * 1e9))
            case .drop:
                // A write may be applied before the connection dies: the client cannot know.
                if mutates {
                    _ = locked { authorized(api, request, params) ?? body(params) }
                    writeTruthIfChanged()
                }
                _ = try? await context.channel.close()
                throw DroppedConnection()
            case .truncate: truncate = true
            }
        }
        let reply = locked { authorized(api, request, params) ?? body(params) }
        locked { served[String(reply.status.code), default: 0] += 1 }
        // The truth file follows write-backs too, not only the simulation's own events.
        if mutates { writeTruthIfChanged() }
        if truncate { return Self.truncated(reply) }
        return Self.response(reply)
    }

    /// nil when the credentials are right, else the API's own refusal.
    private func authorized(_ api: API, _ request: Request, _ params: Params) -> Reply? {
        switch api {
        case .account, .importAPI:
            guard let key = params["key"], !key.isEmpty else { return legacyError(.missingKey) }
            return key == configuration.apiKey ? nil : legacyError(.unauthorized)
        case .tech:
            let header = request.headers[.authorization] ?? ""
            return header == "Bearer " + configuration.techToken ? nil : techError(403, "Нет доступа")
        }
    }

    static func params(_ request: Request) async -> Params {
        var out: Params = [:]
        // PHP decodes percent-encoded brackets in keys (created_at%5Bfrom%5D): so does the mock.
        for (k, v) in request.uri.queryParameters {
            out[String(k).removingPercentEncoding ?? String(k)] = String(v).removingPercentEncoding ?? String(v)
        }
        guard request.method == .post, let buffer = try? await request.body.collect(upTo: 4 << 20) else { return out }
        let data = Data(buffer.readableBytesView)
        if let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for (k, v) in obj { out[k] = LooseJSON.string(v) }
        } else if let text = String(data: data, encoding: .utf8) {
            for pair in text.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
                if kv.count == 2 { out[kv[0]] = kv[1] }
            }
        }
        return out
    }

    static func response(_ r: Reply) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = r.contentType
        if let ra = r.retryAfter { headers[.retryAfter] = ra }
        return Response(status: r.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: r.body)))
    }

    /// Announces the full length, sends half, then closes: the client sees a short body.
    static func truncated(_ r: Reply) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = r.contentType
        let half = r.body.prefix(max(1, r.body.count / 2))
        return Response(status: r.status, headers: headers, body: ResponseBody(contentLength: r.body.count) { writer in
            try await writer.write(ByteBuffer(bytes: half))
            throw DroppedConnection()
        })
    }

    // MARK: - Envelopes

    private func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    /// `success` arrives as true, "true" or 1 on the real service: rotate through all three.
    private func looseTrue() -> Any {
        responseCounter += 1
        switch responseCounter % 3 {
        case 0: return true
        case 1: return "true"
        default: return 1
        }
    }

    func legacyOK(_ info: Any) -> Reply { Reply(body: json(["success": looseTrue(), "info": info])) }

    func legacyError(_ code: GetCourseErrorCode, detail: String = "") -> Reply {
        Reply(body: json(["success": false, "error": true, "error_code": code.rawValue, "error_message": code.message + detail]))
    }

    func techOK(_ data: Any) -> Reply { Reply(body: json(["status": true, "message": "", "code": 200, "errors": [Any](), "data": data])) }

    func techError(_ code: Int, _ message: String, errors: Any = [Any]()) -> Reply {
        Reply(status: .init(code: code), body: json(["status": false, "message": message, "code": code, "errors": errors, "data": NSNull()]))
    }

    func techInvalid(_ field: String) -> Reply {
        techError(400, "Ошибка валидации", errors: [field: ["Необходимо заполнить «\(field)»."]])
    }

    func techNotFound() -> Reply { techError(404, "Объект не найден") }

    // MARK: - Legacy API handlers (called under the lock)

    private func startExport(_ kind: ExportBuilder.Kind, _ params: Params) -> Reply {
        let now = Date()
        if jobs.values.contains(where: { $0.readyAt > now }) { return legacyError(.exportAlreadyRunning) }
        let id = nextExportId
        do {
            let (fields, items) = try ExportBuilder(sim: sim).build(kind, filters: params, exportId: id)
            nextExportId += 1
            served["export:start", default: 0] += 1
            jobs[id] = ExportJob(id: id, readyAt: now.addingTimeInterval(configuration.exportBuildSeconds), fields: fields, items: items)
            // export_id may be a number or a string on the real service.
            return legacyOK(["export_id": id % 2 == 0 ? id as Any : String(id) as Any])
        } catch {
            return legacyError(error.code, detail: error.detail)
        }
    }

    private func poll(_ rawId: String) -> Reply {
        guard let id = Int64(rawId), let job = jobs[id] else {
            return Reply(body: json(["success": false, "error": true, "error_message": "Объект не найден"]))
        }
        if job.readyAt > Date() { return legacyError(.exportNotReady) }
        return legacyOK(["fields": job.fields, "items": job.items])
    }

    private func listGroups() -> Reply {
        let time = AccountTime.moscow
        return legacyOK(sim.groups.values.sorted { $0.id < $1.id }.map { g -> [String: Any] in
            ["id": g.id, "name": g.name, "last_added_at": g.lastAddedAt.map(time.format) as Any? ?? NSNull()]
        })
    }

    private func listFields() -> Reply {
        var out: [[String: Any]] = []
        for (i, f) in sim.customUserFields.enumerated() { out.append(["id": String(100 + i), "context_type": "user", "type": "string", "title": f]) }
        for (i, f) in sim.customDealFields.enumerated() { out.append(["id": String(200 + i), "context_type": "deal", "type": "string", "title": f]) }
        return legacyOK(out)
    }

    // MARK: - Import API (write-backs of users and deals)

    private func importParams(_ p: Params) -> [String: Any]? {
        guard p["action"] == "add", let b64 = p["params"], let data = Data(base64Encoded: b64) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    private func importUser(_ p: Params) -> Reply {
        guard let obj = importParams(p), let user = obj["user"] as? [String: Any], let email = user["email"] as? String, !email.isEmpty else {
            return Reply(body: json(["success": true, "action": "add", "result": ["success": false, "error": true, "error_message": "Не указан email пользователя"]]))
        }
        let (id, added) = sim.importUser(email: email, firstName: LooseJSON.string(user["first_name"]), lastName: LooseJSON.string(user["last_name"]),
                                         phone: LooseJSON.string(user["phone"]), now: Date())
        return Reply(body: json(["success": true, "action": "add", "result": ["success": true, "user_id": id, "user_status": added ? "added" : "updated", "error": false, "error_message": ""]]))
    }

    private func importDeal(_ p: Params) -> Reply {
        guard let obj = importParams(p), let user = obj["user"] as? [String: Any], let email = user["email"] as? String,
              let deal = obj["deal"] as? [String: Any] else {
            return Reply(body: json(["success": true, "action": "add", "result": ["success": false, "error": true, "error_message": "Не переданы данные заказа"]]))
        }
        let status = DealStatus(cell: LooseJSON.string(deal["deal_status"])) ?? .new
        let cost = Money.kopecks(LooseJSON.string(deal["deal_cost"])) ?? 0
        let (uid, _) = sim.importUser(email: email, firstName: LooseJSON.string(user["first_name"]), lastName: LooseJSON.string(user["last_name"]), phone: "", now: Date())
        let dealId = sim.importDeal(userId: uid, title: LooseJSON.string(deal["offer_code"] ?? deal["product_title"]), costKopecks: cost, status: status, now: Date())
        return Reply(body: json(["success": true, "action": "add", "result": ["success": true, "user_id": uid, "deal_id": dealId, "error": false, "error_message": ""]]))
    }

    // MARK: - Tech API records

    private func trainingJSON(_ t: Training) -> [String: Any] {
        ["id": t.id, "title": t.title, "description": t.description, "created_at": t.createdAt.map(AccountTime.moscow.format) ?? "",
         "status": t.status, "lesson_count": t.lessonCount ?? 0]
    }

    private func answerJSON(_ a: LessonAnswer) -> [String: Any] {
        let f = AccountTime.moscow
        return ["id": a.id, "lesson_id": a.lessonId, "lesson_name": a.lessonName, "answer_text": a.answerText, "user_id": a.userId,
                "created_at": a.createdAt.map(f.format) ?? "", "updated_at": a.updatedAt.map(f.format) ?? "", "status": a.status,
                "type": a.type, "reviewer_user_id": a.reviewerUserId as Any? ?? NSNull(), "reviewed_at": a.reviewedAt.map(f.format) as Any? ?? NSNull(),
                "review_text": a.reviewText, "training_id": a.trainingId as Any? ?? NSNull(), "training_name": a.trainingName,
                "need_teacher_reaction": a.needTeacherReaction]
    }

    private func dialogJSON(_ d: Dialog) -> [String: Any] {
        let f = AccountTime.moscow
        return ["id": d.id, "user_id": d.userId, "title": d.title, "created_at": d.createdAt.map(f.format) ?? "", "updated_at": d.updatedAt.map(f.format) ?? ""]
    }

    private func messageJSON(_ m: DialogMessage) -> [String: Any] {
        ["id": m.id, "user_id": m.authorUserId as Any? ?? NSNull(), "text": m.text, "created_at": m.createdAt.map(AccountTime.moscow.format) ?? ""]
    }
}
