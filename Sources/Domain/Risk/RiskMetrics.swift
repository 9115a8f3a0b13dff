import Foundation

/// Standard measures of a probabilistic classifier. Empty or one-class input gives nil, not NaN.
public enum RiskMetrics {
    /// ROC-AUC as the Mann–Whitney statistic, ties counted as one half.
    public static func auc(_ scores: [Double], _ labels: [Bool]) -> Double? {
        let pos = labels.filter { $0 }.count, neg = labels.count - pos
        guard pos > 0, neg > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] { rankSum += rank }
            i = j + 1
        }
        return (rankSum - Double(pos) * Double(pos + 1) / 2) / (Double(pos) * Double(neg))
    }

    public static func brier(_ p: [Double], _ labels: [Bool]) -> Double? {
        guard !p.isEmpty else { return nil }
        return zip(p, labels).reduce(0) { $0 + ($1.0 - ($1.1 ? 1 : 0)) * ($1.0 - ($1.1 ? 1 : 0)) } / Double(p.count)
    }

    public static func logLoss(_ p: [Double], _ labels: [Bool]) -> Double? {
        guard !p.isEmpty else { return nil }
        return zip(p, labels).reduce(0) { s, e in
            let q = min(max(e.0, 1e-12), 1 - 1e-12)
            return s - (e.1 ? log(q) : log(1 - q))
        } / Double(p.count)
    }

    /// Expected calibration error over `bins` equal-width probability bins, weighted by bin size.
    public static func calibrationError(_ p: [Double], _ labels: [Bool], bins: Int = 10) -> Double? {
        guard !p.isEmpty else { return nil }
        var count = [Int](repeating: 0, count: bins), sumP = [Double](repeating: 0, count: bins), sumY = sumP
        for (q, y) in zip(p, labels) {
            let b = min(bins - 1, max(0, Int(q * Double(bins))))
            count[b] += 1
            sumP[b] += q
            sumY[b] += y ? 1 : 0
        }
        var error = 0.0
        for b in 0..<bins where count[b] > 0 { error += abs(sumP[b] - sumY[b]) }
        return error / Double(p.count)
    }

    /// Share of positives among the `k` highest scores (fewer when there are fewer items).
    public static func precisionAt(_ k: Int, _ scores: [Double], _ labels: [Bool]) -> Double? {
        guard !scores.isEmpty, k > 0 else { return nil }
        let top = scores.indices.sorted { scores[$0] > scores[$1] }.prefix(k)
        return Double(top.filter { labels[$0] }.count) / Double(top.count)
    }

    public static func median(_ v: [Double]) -> Double? {
        guard !v.isEmpty else { return nil }
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
