import Domain

/// The metrics screen's part of `update`: open, switch the period, page through the lines.
extension Dashboard {
    static func openMetrics(_ s: inout AppState) -> [Effect] {
        s.mode = .metrics
        s.metrics.scroll = 0
        return [.loadMetrics(s.metrics.period)]
    }

    static func nextMetricsPeriod(_ s: inout AppState) -> [Effect] {
        guard s.mode == .metrics else { return [] }
        s.metrics.period = s.metrics.period.next
        return [.loadMetrics(s.metrics.period)]
    }

    static func metricsLoaded(_ m: SchoolMetrics, _ s: inout AppState) -> [Effect] {
        // Figures for a period the curator has switched away from are stale.
        guard m.period == s.metrics.period else { return [] }
        s.metrics.figures = m
        layOutMetrics(&s)
        return []
    }

    /// The figures as lines at the screen's width, and the scroll kept within them.
    static func layOutMetrics(_ s: inout AppState) {
        guard let figures = s.metrics.figures else { return }
        let body = Layout(s.size).body
        s.metrics.document = MetricsDocument(figures, width: body.width - 4)
        clampMetricsScroll(&s)
    }

    /// Keys the metrics screen takes itself: paging, m or Esc back to the panes. The rest (the period
    /// switch, quit, help, a pane's key, which also leaves the screen) go on to the keymap.
    static func metricsKey(_ key: Key, _ s: inout AppState) -> [Effect]? {
        let command = Command.find(key) ?? Command.find(key.latinEquivalent)
        if key == .escape || command == .metrics {
            s.mode = .panes
            return []
        }
        let page = max(1, Layout(s.size).body.height - 3)
        let step: Int? = switch command {
        case .down: 1
        case .up: -1
        case .pageDown: page
        case .pageUp: -page
        case .top: -Int.max / 2
        case .bottom: Int.max / 2
        default: nil
        }
        guard let step else { return nil }
        s.metrics.scroll = max(0, min(Int.max / 2, s.metrics.scroll) + step)
        clampMetricsScroll(&s)
        return []
    }

    /// The top line stays within the screen's lines (so paging back starts at once after the end).
    private static func clampMetricsScroll(_ s: inout AppState) {
        let rows = Layout(s.size).body.height - 2
        s.metrics.scroll = max(0, min(s.metrics.scroll, s.metrics.document.lines.count - rows))
    }
}
