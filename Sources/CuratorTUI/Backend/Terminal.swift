import CNcursesw
import Foundation

/// The only place that calls ncurses. One thread owns it (the dashboard loop); frames are diffed
/// against the last one row by row and sent with one `doupdate`.
public final class Terminal: DashboardTerminal {
    private var last: Grid?
    /// Input read while looking past an Esc (a resize arriving at once after it), delivered next.
    private var pending: TerminalInput?
    private let colors: Bool
    private var pairs: [CellStyle.Color: Int32] = [:]
    nonisolated(unsafe) private static var active = false

    /// Sets the locale, starts ncurses (raw keys so Ctrl-C is a key, no echo, keypad, 25 ms Esc),
    /// turns on bracketed paste, and makes sure the terminal is restored on every way out.
    public init(noColor: Bool) {
        _ = curator_setlocale_all()
        // ncurses and wcwidth need a UTF-8 LC_CTYPE even when the user's locale is C or POSIX (a bare
        // container): Cyrillic and emoji are this school's everyday text.
        _ = curator_utf8_ctype()
        Grid.terminalWidth = TerminalWidth.of
        initscr()
        raw()
        noecho()
        nonl()
        keypad(curator_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        colors = !noColor && has_colors()
        if colors {
            start_color()
            use_default_colors()
            let table: [(CellStyle.Color, Int32)] = [(.red, 1), (.green, 2), (.yellow, 3), (.blue, 4), (.magenta, 5), (.cyan, 6), (.gray, 7)]
            for (color, code) in table { pairs[color] = alloc_pair(code, -1) }
        }
        Self.active = true
        Self.write("\u{1B}[?2004h")
        atexit { Terminal.restoreNow() }
    }

    /// Leaves the terminal as it was found (also called at exit and on fatal signals).
    public func restore() { Self.restoreNow() }

    static func restoreNow() {
        guard active else { return }
        active = false
        write("\u{1B}[?2004l")
        curs_set(1)
        endwin()
    }

    private static func write(_ s: String) {
        fflush(nil)
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    public var size: TermSize { TermSize(width: Int(curator_cols()), height: Int(curator_lines())) }

    /// Draws the rows that changed since the last frame, then moves the cursor (or hides it).
    public func draw(_ frame: Frame) {
        let grid = frame.grid
        if last == nil || last!.width != grid.width || last!.height != grid.height { erase() }
        var wide: [wchar_t] = []
        for y in grid.changedRows(since: last) {
            let row = grid.row(y)
            curator_clear_line(Int32(y))
            var x = 0
            for cell in row {
                defer { x += 1 }
                guard let glyph = cell.glyph else { continue }
                wide.removeAll(keepingCapacity: true)
                for s in glyph.unicodeScalars { wide.append(wchar_t(bitPattern: s.value)) }
                wide.append(0)
                curator_put(Int32(y), Int32(x), wide, Int32(wide.count - 1), attributes(cell.style), colors ? pairs[cell.style.color] ?? 0 : 0)
            }
        }
        last = grid
        if let c = frame.cursor {
            curs_set(1)
            move(Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(curator_stdscr())
        doupdate()
    }

    private func attributes(_ s: CellStyle) -> attr_t {
        var a = curator_a_normal()
        if s.bold { a |= curator_a_bold() }
        if s.reverse { a |= curator_a_reverse() }
        if s.dim { a |= curator_a_dim() }
        if s.underline { a |= curator_a_underline() }
        return a
    }

    /// Waits up to `timeoutMs` for input.
    public func read(timeoutMs: Int32) -> TerminalInput? {
        if let input = pending {
            pending = nil
            return input
        }
        timeout(timeoutMs)
        var ch: wint_t = 0
        let r = get_wch(&ch)
        if r == curator_err() { return nil }
        if r == curator_key_code_yes() { return functionKey(Int32(ch)) }
        return character(UInt32(ch))
    }

    private func functionKey(_ code: Int32) -> TerminalInput? {
        switch code {
        case KEY_RESIZE:
            last = nil
            return .resize(size)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_BTAB: return .key(.backTab)
        case KEY_DC: return .key(.delete)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_ENTER: return .key(.enter)
        default:
            for n in 1...12 where code == curator_key_f(Int32(n)) { return .key(.f(n)) }
            return nil
        }
    }

    private func character(_ v: UInt32) -> TerminalInput? {
        switch v {
        case 13, 10: return .key(.enter)
        case 9: return .key(.tab)
        case 127, 8: return .key(.backspace)
        case 27: return escape()
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(v + 96)!)))
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            return .key(.char(Character(s)))
        }
    }

    /// Esc alone; a key sequence ncurses did not decode (tmux sends Home as ESC [ 1 ~ whatever TERM
    /// says); or the start of a bracketed paste (ESC [ 2 0 0 ~ … ESC [ 2 0 1 ~), which ncurses does
    /// not know and passes on byte by byte. A sequence it cannot name is dropped, never read as Esc.
    private func escape() -> TerminalInput? {
        timeout(5)
        var ch: wint_t = 0
        let r = get_wch(&ch)
        guard r != curator_err() else { return .key(.escape) }
        // A function key right after Esc (a resize, an arrow ncurses decoded): both are input.
        if r == curator_key_code_yes() {
            pending = functionKey(Int32(ch))
            return .key(.escape)
        }
        let first = UInt32(ch)
        guard first == 0x5B || first == 0x4F else {
            // Esc then a key typed right after it: both are keys.
            unget_wch(wchar_t(bitPattern: first))
            return .key(.escape)
        }
        var seq = String(Unicode.Scalar(first)!)
        // CSI: parameters up to a final byte (@ … ~); SS3: one byte.
        while seq.count < 16, get_wch(&ch) != curator_err() {
            let v = UInt32(ch)
            seq.unicodeScalars.append(Unicode.Scalar(v) ?? "?")
            if first == 0x4F || (0x40...0x7E).contains(v) { break }
        }
        if seq != "[200~" { return Self.sequences[seq].map { .key($0) } }
        var text = String.UnicodeScalarView()
        timeout(200)
        while get_wch(&ch) != curator_err() {
            text.append(Unicode.Scalar(UInt32(ch)) ?? "\u{FFFD}")
            if String(text).hasSuffix("\u{1B}[201~") {
                text.removeLast(6)
                break
            }
        }
        return .paste(String(text))
    }

    /// The xterm and VT220 sequences for the keys the dashboard uses.
    static let sequences: [String: Key] = {
        var m: [String: Key] = ["[Z": .backTab, "[3~": .delete, "[5~": .pageUp, "[6~": .pageDown]
        for (final, key) in [("A", Key.up), ("B", .down), ("C", .right), ("D", .left), ("H", .home), ("F", .end)] {
            m["[" + final] = key
            m["O" + final] = key
        }
        for code in ["1", "7"] { m["[\(code)~"] = .home }
        for code in ["4", "8"] { m["[\(code)~"] = .end }
        for (i, final) in ["P", "Q", "R", "S"].enumerated() { m["O" + final] = .f(i + 1) }
        for (i, code) in [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24].enumerated() { m["[\(code)~"] = .f(i + 1) }
        return m
    }()
}
