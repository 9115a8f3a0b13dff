import Domain
import Foundation

/// The school's metrics as tables for people (terminal text or Markdown) and as CSV for a spreadsheet.
public struct MetricsReport: Sendable {
    public struct Table: Sendable, Equatable {
        public var title: String
        public var header: [String]
        public var rows: [[String]]
        public var note: String?
        /// Columns of words (the rest are figures, right-aligned).
        public var textColumns: Set<Int> = [0]
    }

    public let metrics: SchoolMetrics
    /// The school's name as the heading shows it.
    public let school: String

    public init(metrics: SchoolMetrics, school: String) {
        self.metrics = metrics
        self.school = school
    }

    public var heading: String {
        let m = metrics
        let asOf = AccountTime.moscow.format(Date(timeIntervalSince1970: m.now)).dropLast(3)
        return "\(school) — показатели, период: \(m.period.title), \(m.total.period.label) (на \(asOf) МСК)"
    }

    public var tables: [Table] {
        let m = metrics
        let rows = m.periods + [m.total]
        func label(_ f: PeriodFigures) -> String { f == m.total ? "Всего" : MetricsText.periodLabel(f) }
        var out = [
            Table(title: "Ученики и выручка", header: ["Период", "Активных", "Новых", "Выбыло", "Удержание", "Выручка"],
                  rows: rows.map { f in
                      [label(f), "\(f.activeStudents)", "\(f.newStudents)", "\(f.dropouts)", MetricsText.retention(f),
                       MetricsText.rub(kopecks: f.revenueKopecks)]
                  },
                  note: "Активен — заходил, смотрел урок, сдал домашку или написал в периоде. Удержание — доля активных, "
                      + "активных и в следующем периоде (* — следующий ещё идёт). Выбыл — 21 день без активности или пакет закончился без продления."),
            Table(title: "Скорость: домашки и ответы ученикам (медиана / p90)",
                  header: ["Период", "Проверка: авто", "Проверка: люди", "Ждут", "Ответ: ассистент", "Ответ: куратор", "Без ответа", "Решено ИИ"],
                  rows: rows.map { f in
                      [label(f), MetricsText.medianAndP90(f.homeworkAutomatic), MetricsText.medianAndP90(f.homeworkHuman), "\(f.homeworkWaiting)",
                       MetricsText.medianAndP90(f.repliesAssistant), MetricsText.medianAndP90(f.repliesCurator), "\(f.unanswered)",
                       f.assistantSeen == 0 ? "—" : "\(Percent.text(f.resolutionRate)) из \(f.assistantSeen)"]
                  },
                  note: "Проверка — от сдачи до вердикта в GetCourse; «люди» — куратор и преподаватели. Ответ — от вопроса до первого ответа школы. "
                      + "Решено ИИ — ответил ассистент, без передачи куратору, и ученик не вернулся с тем же вопросом за 72 ч."),
            Table(title: "Нагрузка куратора, в день", header: ["Период", "Передано куратору", "Алертов", "Домашек на проверку", "Решений куратора"],
                  rows: rows.map { f in
                      [label(f), MetricsText.decimal(f.perDay(f.handoffs)), MetricsText.decimal(f.perDay(f.alertsOpened)),
                       MetricsText.decimal(f.perDay(f.reviewsQueued)), MetricsText.decimal(f.perDay(f.curatorVerdicts))]
                  }, note: nil),
        ]
        if !m.cohorts.isEmpty {
            let width = m.cohorts.map(\.active.count).max() ?? 0
            out.append(Table(title: "Когорты: доля активных по периодам с зачисления", header: ["Зачислены", "Учеников"] + (0..<width).map { "+\($0)" },
                             rows: m.cohorts.map { c in [c.cohort, "\(c.size)"] + c.active.map(Percent.text) },
                             note: "+0 — период зачисления."))
        }
        out.append(Table(title: "Деньги за \(m.total.period.label)", header: ["", "Сумма", "Из чего"],
                         rows: MetricsText.roiLines(m.roi).map { [$0.label, $0.value, $0.basis] },
                         note: "Допущения задаются флагами (curator metrics --help) или в config.json, раздел roi.", textColumns: [0, 2]))
        return out
    }

    public func text() -> String {
        var lines = [TerminalText.sanitize(heading), ""]
        for t in tables {
            lines.append(t.title)
            lines += alignedLines(([t.header] + t.rows).map { $0.map { TerminalText.sanitize($0) } }, textColumns: t.textColumns).map { "  " + $0 }
            if let note = t.note { lines += TextWrap.lines(note, width: 100).map { "  " + $0 } }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public func markdown() -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["# " + cell(heading), ""]
        for t in tables {
            lines += ["## " + t.title, "", "| " + t.header.map(cell).joined(separator: " | ") + " |",
                      "|" + t.header.indices.map { t.textColumns.contains($0) ? " --- |" : " ---: |" }.joined()]
            lines += t.rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
            if let note = t.note { lines += ["", "_" + note + "_"] }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// One figure per row (period, metric, value, unit): raw numbers a spreadsheet can sum.
    public func csv() -> String {
        var rows = [["period", "start", "metric", "value", "unit"]]
        let t = AccountTime.moscow
        func add(_ p: PeriodSpan, _ metric: String, _ value: Double?, _ unit: String) {
            rows.append([p.label, t.iso8601(Date(timeIntervalSince1970: p.start)), metric, value.map(number) ?? "", unit])
        }
        for f in metrics.periods + [metrics.total] {
            let p = f.period
            add(p, "active_students", Double(f.activeStudents), "students")
            add(p, "new_students", Double(f.newStudents), "students")
            add(p, "dropouts", Double(f.dropouts), "students")
            if f != metrics.total { add(p, "retention", f.retention, "share") }
            add(p, "revenue", Double(f.revenueKopecks) / 100, "RUB")
            for (name, d) in [("homework_automatic", f.homeworkAutomatic), ("homework_human", f.homeworkHuman),
                              ("reply_assistant", f.repliesAssistant), ("reply_curator", f.repliesCurator)] {
                add(p, name + "_count", Double(d.count), "items")
                add(p, name + "_median", d.median, "seconds")
                add(p, name + "_p90", d.p90, "seconds")
            }
            add(p, "homework_waiting", Double(f.homeworkWaiting), "items")
            add(p, "questions", Double(f.questions), "items")
            add(p, "unanswered", Double(f.unanswered), "items")
            add(p, "assistant_resolution", f.resolutionRate, "share")
            add(p, "handoffs", Double(f.handoffs), "items")
            add(p, "alerts_opened", Double(f.alertsOpened), "items")
            add(p, "reviews_queued", Double(f.reviewsQueued), "items")
            add(p, "curator_verdicts", Double(f.curatorVerdicts), "items")
        }
        for c in metrics.cohorts {
            for (k, share) in c.active.enumerated() { rows.append([c.cohort, "", "cohort_active_+\(k)", number(share), "share"]) }
        }
        let r = metrics.roi, range = metrics.total.period
        add(range, "hours_saved", r.hoursSaved, "hours")
        add(range, "saved", r.savedRub, "RUB")
        add(range, "revenue_kept", r.revenueKeptRub, "RUB")
        add(range, "model_cost", r.modelCostRub, "RUB")
        add(range, "net", r.netRub, "RUB")
        add(range, "roi", r.roi, "ratio")
        for key in ROIAssumptions.CodingKeys.allCases { add(range, "assumption_" + key.rawValue, r.assumptions[key], "") }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.6g", v)
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break; a leading =+-@ is prefixed
    /// with ' so a spreadsheet does not run it as a formula (a cohort or period label is data).
    private func csvField(_ s: String) -> String {
        var s = s
        if let first = s.first, "=+-@".contains(first), Double(s) == nil { s = "'" + s }
        guard s.contains(where: { ",\"\r\n".contains($0) }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
