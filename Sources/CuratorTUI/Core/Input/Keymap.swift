/// The dashboard's commands and their keys: `update` dispatches through it and the help overlay
/// is generated from it, so the two never disagree.
public enum Command: CaseIterable, Sendable {
    case help, filter, levelFilter, sort, reverseSort, down, up, top, bottom, pageDown, pageUp
    case nextPane, previousPane, open, alerts, chat, homework, syncNow, acknowledge, notUseful
    case acceptHomework, declineHomework, editHomeworkNote, metrics, metricsPeriod, quit

    public var keys: [Key] {
        switch self {
        case .help: [.char("?"), .f(1)]
        case .filter: [.char("/"), .f(3)]
        case .levelFilter: [.char("l")]
        case .sort: [.char("s"), .f(6)]
        case .reverseSort: [.char("S")]
        case .down: [.char("j"), .down]
        case .up: [.char("k"), .up]
        case .top: [.char("g"), .home]
        case .bottom: [.char("G"), .end]
        case .pageDown: [.pageDown]
        case .pageUp: [.pageUp]
        case .nextPane: [.tab]
        case .previousPane: [.backTab]
        case .open: [.enter]
        case .alerts: [.char("a")]
        case .chat: [.char("c")]
        case .homework: [.char("h")]
        case .syncNow: [.char("r")]
        case .acknowledge: [.char("x")]
        case .notUseful: [.char("n")]
        case .acceptHomework: [.char("y")]
        case .declineHomework: [.char("d")]
        case .editHomeworkNote: [.char("e")]
        case .metrics: [.char("m"), .f(2)]
        case .metricsPeriod: [.char("p")]
        case .quit: [.char("q"), .f(10)]
        }
    }

    public var help: String {
        switch self {
        case .help: "эта справка"
        case .filter: "фильтр: имя, email, телефон, группа (Esc — сбросить)"
        case .levelFilter: "уровень риска: все → высокий → средний → низкий"
        case .sort: "сортировка: риск → имя → активность → алерты"
        case .reverseSort: "обратный порядок"
        case .down: "вниз"
        case .up: "вверх"
        case .top: "в начало"
        case .bottom: "в конец"
        case .pageDown: "страница вниз"
        case .pageUp: "страница вверх"
        case .nextPane: "следующая панель (1–5 — по номеру)"
        case .previousPane: "предыдущая панель"
        case .open: "открыть ученика, алерт или домашку; в чате — отправить"
        case .alerts: "алерты"
        case .chat: "чат с ассистентом"
        case .homework: "домашки: проверка и очередь куратора"
        case .syncNow: "синхронизировать сейчас"
        case .acknowledge: "алерт принят"
        case .notUseful: "алерт бесполезен"
        case .acceptHomework: "домашка: принять (с отзывом проверки)"
        case .declineHomework: "домашка: на доработку"
        case .editHomeworkNote: "домашка: править комментарий (Enter — готово, Esc — как было)"
        case .metrics: "показатели школы: удержание, скорость, нагрузка, деньги"
        case .metricsPeriod: "показатели: неделя → месяц → квартал"
        case .quit: "выход (Ctrl-C — всегда)"
        }
    }

    static func find(_ key: Key) -> Command? {
        allCases.first { $0.keys.contains(key) }
    }

    public static func name(_ key: Key) -> String {
        switch key {
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .f(let n): "F\(n)"
        }
    }
}
