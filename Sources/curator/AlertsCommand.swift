import ArgumentParser
import CuratorApp
import Domain
import Foundation
import Storage

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Early-warning alerts: list them, acknowledge one, or mark one not useful.",
        subcommands: [AlertsListCommand.self, AlertsAckCommand.self, AlertsNotUsefulCommand.self],
        defaultSubcommand: AlertsListCommand.self
    )
}

struct AlertsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List alerts: active first, high before warning.")

    @OptionGroup var mirror: MirrorOptions
    @Flag(help: "Only alerts that are still active.") var open = false
    @Option(help: "Only this student's alerts.") var student: Int64?
    @Option(help: "Show at most this many alerts.") var limit: Int?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let store = AppEnvironment.openMirror(mirror, create: false)
        let lines: [AlertLine]
        do { lines = try AlertStore(store).list(openOnly: open, studentId: student, limit: limit) } catch { fail("cannot read the mirror: \(error)") }
        let t = AccountTime.moscow
        if json {
            struct AlertJSON: Encodable {
                var id: String, student_id: String, student: String, rule: String, severity: String, state: String, detail: String
                var opened_at: String, changed_at: String, closed_at: String?, closure: String?, notify_count: Int
            }
            printJSON(lines.map { l in
                let a = l.alert
                return AlertJSON(id: String(a.id ?? 0), student_id: String(a.studentId), student: l.studentName, rule: a.rule.rawValue,
                                 severity: a.rule.severity.rawValue, state: a.state.rawValue, detail: a.detail,
                                 opened_at: t.iso8601(a.openedAt), changed_at: t.iso8601(a.changedAt), closed_at: a.closedAt.map(t.iso8601),
                                 closure: a.closure?.rawValue, notify_count: a.notifyCount)
            })
            return
        }
        if lines.isEmpty {
            print(open ? "No active alerts." : "No alerts yet: they appear after a sync (`curator sync --once`).")
            return
        }
        let rows = lines.map { l -> [String] in
            let a = l.alert
            let state = a.closedAt != nil ? (a.closure == .superseded ? "заменено" : "решено") : a.state == .open ? "новое" : a.state == .acknowledged ? "принято" : "не полезно"
            return [String(a.id ?? 0), (a.rule.severity == .high ? "▲ " : "● ") + a.rule.severity.russian, state, TerminalText.sanitize(l.studentName),
                    TerminalText.sanitize(a.detail), t.format(a.openedAt)]
        }
        printTable(header: ["ID", "Важность", "Статус", "Ученик", "Что", "Открыто"], rows: rows, maxColumn: 60)
    }
}

struct AlertsAckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an alert (it stays until its cause is gone).")

    @OptionGroup var mirror: MirrorOptions
    @Argument(help: "The alert id.") var id: Int64

    func run() throws {
        mark(mirror, id, done: "acknowledged") { try $0.acknowledge(id) }
    }
}

struct AlertsNotUsefulCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "not-useful", abstract: "Mark an alert as not useful (kept to measure the rules).")

    @OptionGroup var mirror: MirrorOptions
    @Argument(help: "The alert id.") var id: Int64

    func run() throws {
        mark(mirror, id, done: "marked as not useful") { try $0.markNotUseful(id) }
    }
}

/// The curator's mark on one alert: a one-line error (no such alert, already closed) or a confirmation.
private func mark(_ mirror: MirrorOptions, _ id: Int64, done: String, _ body: (AlertStore) throws -> Void) {
    let store = AppEnvironment.openMirror(mirror, create: false)
    do { try body(AlertStore(store)) } catch { fail("\(error)") }
    print("Alert \(id) \(done).")
}
