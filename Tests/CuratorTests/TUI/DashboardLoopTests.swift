import CuratorTUI
import Domain
import Foundation
import Testing

/// The dashboard loop without a terminal: a scripted one feeds input and keeps the frames drawn.
@Suite struct DashboardLoopTests {
    final class ScriptedTerminal: DashboardTerminal, @unchecked Sendable {
        var size = TermSize(width: 120, height: 40)
        /// Input in order; nil is a quiet wait (a frame gets drawn in it).
        var script: [TerminalInput?]
        var frames: [Frame] = []
        var restored = false

        init(_ script: [TerminalInput?]) { self.script = script }

        func read(timeoutMs: Int32) -> TerminalInput? {
            guard !script.isEmpty, let input = script.removeFirst() else {
                Thread.sleep(forTimeInterval: Double(timeoutMs) / 1000)
                return nil
            }
            if case .resize(let s) = input { size = s }
            return input
        }

        func draw(_ frame: Frame) { frames.append(frame) }
        func restore() { restored = true }
    }

    @Test func keysAndResizesGoThroughUpdateAndFramesAreDrawnUntilQ() {
        let terminal = ScriptedTerminal([nil, .key(.char("j")), nil, .resize(TermSize(width: 40, height: 10)), nil, nil, .key(.char("q"))])
        let inbox = MessageInbox()
        inbox.post(.studentsLoaded(DashboardUpdateTests.students))
        var state = AppState()
        var effects: [Effect] = []
        DashboardLoop.run(&state, terminal: terminal, inbox: inbox) { effects.append($0) }

        #expect(state.quit && terminal.restored)
        // The list loaded (the first student's detail asked for), then j moved to the second.
        #expect(effects == [.loadDetail(1), .loadDetail(2)])
        #expect(terminal.frames.first?.grid.text.contains("Иванов Ёжик") == true)
        let last = try? #require(terminal.frames.last)
        #expect(last?.grid.width == 40 && last?.grid.text.contains("Терминал слишком мал: 40×10") == true)
    }
}
