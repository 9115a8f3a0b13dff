import CuratorApp
import Domain
import Foundation
import Storage

/// Writes the benchmark's input: the same rows as GetCourse export JSON (users, deals), Tech API
/// JSON (homework answers, one file per lesson as the API serves them), and as CSV in the mirror's
/// column order for the sqlite3 CLI. Deterministic, so runs compare.
struct BenchData {
    let dir: String
    let users: Int
    let deals: Int
    let answers: Int
    static let answersPerLesson = 1000

    private let time = AccountTime.moscow
    private let base = Date(timeIntervalSince1970: 1_780_000_000)
    private let first = ["Алёна", "Пётр", "Мария", "Фёдор", "Ольга", "Артём", "Юлия", "Семён", "Дарья", "Илья"]
    private let last = ["Иванова", "Ёлкин", "Соколова", "Римский-Корсаков", "Кузнецова", "Морозов", "Лебедева", "Фёдоров"]
    private let cities = ["Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург"]

    func write() throws {
        try writeUsers(count: users, changed: 0, json: "users.json", csv: "users.csv")
        try writeDeals(count: deals, changed: 0, json: "deals.json", csv: "deals.csv")
        try writeAnswers(count: answers, changed: 0, folder: "answers", csv: "lesson_answers.csv")
        // The incremental pass: 1% of each, changed (a new activity stamp, a paid deal, a review).
        try writeUsers(count: max(1, users / 100), changed: 1, json: "users-delta.json", csv: nil)
        try writeDeals(count: max(1, deals / 100), changed: 1, json: "deals-delta.json", csv: nil)
        try writeAnswers(count: max(1, answers / 100), changed: 1, folder: "answers-delta", csv: nil)
    }

    // MARK: - Rows

    private func userRow(_ i: Int, changed: Int) -> (cells: [String: String], student: Student) {
        let f = first[i % first.count], l = last[(i / 7) % last.count]
        let created = base.addingTimeInterval(-Double(i % 5000) * 3600)
        let active = base.addingTimeInterval(Double(i % 1000) * 60 + Double(changed) * 86400)
        let phone = "+7 9\(10 + i % 89) \(100 + i % 899)-\(10 + i % 89)-\(10 + (i / 3) % 89)"
        let s = Student(id: Int64(3_000_000 + i), email: "user\(i)@example.ru", firstName: f, lastName: l, phone: phone,
                        createdAt: created, lastActivityAt: active, city: cities[i % cities.count], country: "Россия",
                        customFields: ["Telegram": "@user\(i)", "Уровень по тесту": "B1"])
        let cells = ["id": String(s.id), "Email": s.email, "Тип регистрации": "Самостоятельная регистрация", "Создан": time.format(created),
                     "Последняя активность": time.format(active), "Имя": f, "Фамилия": l, "Телефон": phone, "Страна": "Россия",
                     "Город": s.city, "Telegram": "@user\(i)", "Уровень по тесту": "B1"]
        return (cells, s)
    }

    private func writeUsers(count: Int, changed: Int, json: String, csv: String?) throws {
        let fields = ExportColumns.users(custom: ["Telegram", "Уровень по тесту"])
        let out = try BufferedFile(dir + "/" + json)
        let table = try csv.map { try BufferedFile(dir + "/" + $0) }
        out.write(#"{"success":true,"info":{"fields":"#)
        out.write(jsonArray(fields))
        out.write(#","items":["#)
        for i in 0..<count {
            let (cells, s) = userRow(i * (changed == 0 ? 1 : 97) % max(users, 1), changed: changed)
            if i > 0 { out.write(",") }
            out.write(jsonArray(fields.map { cells[$0] ?? "" }))
            let key = TextFold.key([s.firstName, s.lastName, s.email, s.phone, s.phone.filter(\.isNumber)].joined(separator: " "))
            table?.write(csvLine([String(s.id), s.email, s.firstName, s.lastName, s.phone, seconds(s.createdAt), seconds(s.lastActivityAt),
                                  s.city, s.country, jsonObject(s.customFields), key, seconds(s.lastActivityAt)]))
        }
        out.write("]}}")
        try out.close()
        try table?.close()
    }

    private func writeDeals(count: Int, changed: Int, json: String, csv: String?) throws {
        let fields = ExportColumns.deals(custom: ["Источник заявки"])
        let out = try BufferedFile(dir + "/" + json)
        let table = try csv.map { try BufferedFile(dir + "/" + $0) }
        out.write(#"{"success":true,"info":{"fields":"#)
        out.write(jsonArray(fields))
        out.write(#","items":["#)
        for n in 0..<count {
            let i = n * (changed == 0 ? 1 : 89) % max(deals, 1)
            let id = 30_000_000 + i, user = 3_000_000 + (i * 31) % max(users, 1)
            let created = base.addingTimeInterval(-Double(i % 9000) * 1800)
            let paid = i % 5 == 0 && changed == 0 ? nil : created.addingTimeInterval(600)
            let status: DealStatus = paid == nil ? .paymentWaiting : .payed
            let cells: [String: String] = ["ID заказа": String(id), "Номер": String(100_000 + i), "ID пользователя": String(user),
                                           "Пользователь": "\(first[i % first.count]) \(last[i % last.count])", "Email": "user\(user - 3_000_000)@example.ru",
                                           "Дата создания": time.format(created), "Дата оплаты": paid.map(time.format) ?? "", "Title": "General English — абонемент на месяц (8 уроков)",
                                           "Статус": status.label, "Стоимость, RUB": "6\u{00A0}400", "Оплачено": status == .payed ? "6 400,00" : "0",
                                           "Валюта": "RUB", "Источник заявки": "сайт"]
            if n > 0 { out.write(",") }
            out.write("[")
            for (k, f) in fields.enumerated() {
                if k > 0 { out.write(",") }
                switch f {
                case "Теги": out.write(jsonArray(status == .payed ? ["оплата", "ge-month"] : ["ge-month"]))
                case "Теги предложений": out.write(jsonArray(["автопродление"]))
                default: out.write(jsonString(cells[f] ?? ""))
                }
            }
            out.write("]")
            table?.write(csvLine([String(id), String(100_000 + i), String(user), seconds(created), seconds(paid), cells["Title"]!, status.rawValue,
                                  "640000", status == .payed ? "640000" : "0", "RUB", jsonArray(status == .payed ? ["оплата", "ge-month"] : ["ge-month"]),
                                  jsonArray(["автопродление"]), jsonObject(["Источник заявки": "сайт"])]))
        }
        out.write("]}}")
        try out.close()
        try table?.close()
    }

    private func writeAnswers(count: Int, changed: Int, folder: String, csv: String?) throws {
        try FileManager.default.createDirectory(atPath: dir + "/" + folder, withIntermediateDirectories: true)
        let table = try csv.map { try BufferedFile(dir + "/" + $0) }
        var file: BufferedFile?
        for n in 0..<count {
            let i = n * (changed == 0 ? 1 : 83) % max(answers, 1)
            if n % Self.answersPerLesson == 0 {
                if let f = file { f.write("]}"); try f.close() }
                file = try BufferedFile(dir + "/\(folder)/lesson-\(n / Self.answersPerLesson).json")
                file!.write(#"{"status":true,"message":"","code":200,"errors":[],"data":["#)
            } else {
                file!.write(",")
            }
            let id = 40_000_000 + i, user = 3_000_000 + (i * 17) % max(users, 1), lesson = 81_010_100 + i % 60
            let created = base.addingTimeInterval(-Double(i % 20000) * 600)
            let reviewed = changed == 1 || i % 3 == 0
            let text = "1) b\n2) went\n3) She has never been to London.\n4) I have already done my homework — ответ №\(i)"
            let status = reviewed ? (i % 4 == 0 ? "declined" : "accepted") : "new"
            let o: [(String, String)] = [
                ("id", String(id)), ("lesson_id", String(lesson)), ("lesson_name", jsonString("Урок \(i % 60 + 1). Present Perfect")),
                ("answer_text", jsonString(text)), ("user_id", String(user)), ("created_at", jsonString(time.format(created))),
                ("updated_at", jsonString(time.format(created.addingTimeInterval(reviewed ? 7200 : 0)))), ("status", jsonString(status)),
                ("type", jsonString("mission_answer")), ("reviewer_user_id", reviewed ? "1000002" : "null"),
                ("reviewed_at", reviewed ? jsonString(time.format(created.addingTimeInterval(7200))) : "null"),
                ("review_text", jsonString(reviewed ? "Хорошая работа, проверьте артикли." : "")), ("training_id", "810102"),
                ("training_name", jsonString("General English B1")), ("need_teacher_reaction", reviewed ? "false" : "true"),
            ]
            file!.write("{" + o.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
            table?.write(csvLine([String(id), String(lesson), "Урок \(i % 60 + 1). Present Perfect", String(user), text, seconds(created),
                                  seconds(created.addingTimeInterval(reviewed ? 7200 : 0)), status, "mission_answer", reviewed ? "1000002" : "",
                                  reviewed ? seconds(created.addingTimeInterval(7200)) : "", reviewed ? "Хорошая работа, проверьте артикли." : "",
                                  "810102", "General English B1", reviewed ? "0" : "1"]))
        }
        if let f = file { f.write("]}"); try f.close() }
        try table?.close()
    }

    // MARK: - Encoding

    private func seconds(_ d: Date?) -> String { d.map { String(Int64($0.timeIntervalSince1970)) } ?? "" }

    // The mirror's own JSON writer, so the CSV holds exactly what an ingest stores.
    private func jsonString(_ s: String) -> String {
        var out = ""
        StoredJSON.string(s, into: &out)
        return out
    }

    private func jsonArray(_ a: [String]) -> String { StoredJSON.array(a) }
    private func jsonObject(_ d: [String: String]) -> String { StoredJSON.object(d) }


    private func csvLine(_ cells: [String]) -> String {
        cells.map { c in
            c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : c
        }.joined(separator: ",") + "\n"
    }
}

/// Appends text to a file through a 1 MB buffer.
final class BufferedFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw CuratorFailure(message: "cannot write \(path)")
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}
