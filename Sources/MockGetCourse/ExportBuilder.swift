import Domain
import Foundation

/// Builds legacy export payloads from the simulation, in the contract's shapes: column titles by
/// name, custom columns spliced into the middle, money and statuses in the spellings real accounts use.
struct ExportBuilder {
    enum Kind: Sendable, Equatable {
        case users
        case deals
        case groupMembers(groupId: Int64)
    }

    struct Failure: Error {
        var code: GetCourseErrorCode
        var detail: String = ""
    }

    let sim: SchoolSimulation
    let time = AccountTime.moscow

    static let userStatuses = ["active", "deactivated", "banned", "invited", "in_base"]

    /// Rows matching `filters`, or the error code GetCourse answers for bad filters.
    func build(_ kind: Kind, filters: [String: String], exportId: Int64) throws(Failure) -> (fields: [String], items: [[Any]]) {
        let known: Set<String> = switch kind {
        case .users: ["status", "created_at[from]", "created_at[to]", "email"]
        case .deals: ["status", "created_at[from]", "created_at[to]", "payed_at[from]", "payed_at[to]", "finished_at[from]",
                      "finished_at[to]", "status_changed_at[from]", "status_changed_at[to]", "user_id"]
        case .groupMembers: ["status", "created_at[from]", "created_at[to]", "added_at[from]", "added_at[to]"]
        }
        let given = filters.filter { known.contains($0.key) && !$0.value.isEmpty }
        guard !given.isEmpty else { throw Failure(code: .noFilter) }
        if let s = given["status"] {
            switch kind {
            case .deals where DealStatus(rawValue: s) == nil:
                throw Failure(code: .badDealStatus, detail: DealStatus.allCases.map(\.rawValue).joined(separator: ", "))
            case .users where !Self.userStatuses.contains(s), .groupMembers where !Self.userStatuses.contains(s):
                throw Failure(code: .badUserStatus, detail: Self.userStatuses.joined(separator: ", "))
            default: break
            }
        }
        func inRange(_ d: Date?, _ name: String) -> Bool {
            let from = given["\(name)[from]"], to = given["\(name)[to]"]
            if from == nil && to == nil { return true }
            guard let d else { return false }
            let day = time.day(d)
            return (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
        }
        // Column order is not guaranteed by GetCourse: alternate the trailing block between exports.
        let flip = exportId % 2 == 1
        switch kind {
        case .users:
            let emails = given["email"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) }
            let rows = sim.users.values.sorted { $0.id < $1.id }.filter { u in
                (given["status"].map { $0 == "active" } ?? true) && inRange(u.createdAt, "created_at")
                    && (emails.map { $0.contains(u.email.lowercased()) } ?? true)
            }
            let fields = ExportColumns.userLeading + sim.customUserFields + (flip ? ExportColumns.userTrailing.reversed() : ExportColumns.userTrailing)
            return (fields, rows.map { userRow($0, fields: fields, extra: [:]) })
        case .groupMembers(let gid):
            let rows = sim.memberships.filter { m in
                m.groupId == gid && inRange(m.addedAt, "added_at") && inRange(sim.users[m.userId]?.createdAt, "created_at")
                    && (given["status"].map { $0 == "active" } ?? true)
            }.sorted { ($0.addedAt ?? .distantPast, $0.userId) < ($1.addedAt ?? .distantPast, $1.userId) }
            let fields = ExportColumns.userLeading + sim.customUserFields + ExportColumns.userTrailing + ExportColumns.groupMemberExtra
            return (fields, rows.compactMap { m in
                sim.users[m.userId].map { userRow($0, fields: fields, extra: ["ID группы": String(gid), "Добавлен в группу": fmt(m.addedAt)]) }
            })
        case .deals:
            let userIds = given["user_id"].map { Set($0.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }) }
            let rows = sim.deals.values.sorted { $0.id < $1.id }.filter { d in
                let meta = sim.dealMeta[d.id]
                return (given["status"].map { $0 == d.status.rawValue } ?? true)
                    && inRange(d.createdAt, "created_at") && inRange(d.paidAt, "payed_at")
                    && inRange(meta?.finishedAt, "finished_at") && inRange(meta?.statusChangedAt, "status_changed_at")
                    && (userIds.map { d.userId.map($0.contains) ?? false } ?? true)
            }
            let fields = ExportColumns.dealLeading + sim.customDealFields + (flip ? ExportColumns.dealTrailing.reversed() : ExportColumns.dealTrailing)
            return (fields, rows.map { dealRow($0, fields: fields) })
        }
    }

    private func fmt(_ d: Date?) -> String { d.map(time.format) ?? "" }

    private func userRow(_ u: Student, fields: [String], extra: [String: String]) -> [Any] {
        fields.map { f -> Any in
            if let v = extra[f] { return v }
            switch f {
            case "id": return String(u.id)
            case "Email": return u.email
            case "Тип регистрации": return "Самостоятельная регистрация"
            case "Создан": return fmt(u.createdAt)
            case "Последняя активность": return fmt(u.lastActivityAt)
            case "Имя": return u.firstName
            case "Фамилия": return u.lastName
            case "Телефон": return u.phone
            case "Страна": return u.country
            case "Город": return u.city
            default: return u.customFields[f] ?? ""
            }
        }
    }

    private func dealRow(_ d: Deal, fields: [String]) -> [Any] {
        let user = d.userId.flatMap { sim.users[$0] }
        return fields.map { f -> Any in
            switch f {
            case "ID заказа": return String(d.id)
            case "Номер": return d.number
            case "ID пользователя": return d.userId.map(String.init) ?? ""
            case "Пользователь": return user?.fullName ?? ""
            case "Email": return user?.email ?? ""
            case "Телефон": return user?.phone ?? ""
            case "Дата создания": return fmt(d.createdAt)
            case "Дата оплаты": return fmt(d.paidAt)
            case "Title": return d.title
            // Whether the cell holds the label or the code is unknown: serve both.
            case "Статус": return d.id % 2 == 0 ? d.status.label : d.status.rawValue
            case "Стоимость, RUB": return money(d.costKopecks, style: Int(d.id % 4))
            case "Оплачено": return money(d.paidKopecks, style: Int((d.id / 4) % 4))
            case "Валюта": return d.currency
            case "Город": return user?.city ?? ""
            case "Платежная система": return d.status == .payed ? "CloudPayments" : ""
            case "Теги": return d.tags
            case "Теги предложений": return d.offerTags
            default: return d.customFields[f] ?? ""
            }
        }
    }

    /// `4990`, `4 990`, `4 990,00` with NBSP, `4 990 руб.`: every spelling the contract lists.
    private func money(_ kopecks: Int64?, style: Int) -> String {
        guard let k = kopecks else { return "" }
        let rub = k / 100, kop = k % 100
        var s = String(rub), grouped = ""
        while s.count > 3 { grouped = "\u{00A0}" + s.suffix(3) + grouped; s.removeLast(3) }
        let spaced = s + grouped
        switch style {
        case 0: return kop == 0 ? String(rub) : String(format: "%d.%02d", rub, kop)
        case 1: return spaced.replacingOccurrences(of: "\u{00A0}", with: " ") + (kop == 0 ? "" : String(format: ",%02d", kop))
        case 2: return spaced + String(format: ",%02d", kop)
        default: return spaced + (kop == 0 ? "" : String(format: ",%02d", kop)) + " руб."
        }
    }
}
