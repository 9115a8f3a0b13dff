import Foundation

/// L2-regularised logistic regression fitted by Newton's method on standardised features.
/// Small and exact: 23 features make the Hessian a 24×24 system, solved by Cholesky.
public struct LogisticRegression: Sendable {
    public var lambda: Double = 1.0
    public var maxIterations = 30

    public init(lambda: Double = 1.0) { self.lambda = lambda }

    public func fit(_ x: [[Double]], _ y: [Bool]) -> RiskModel {
        let n = x.count, k = RiskFeature.count
        precondition(n == y.count && n > 0)
        var centers = [Double](repeating: 0, count: k), scales = [Double](repeating: 1, count: k)
        // Missing values (NaN) are left out of the statistics and stand at the mean (0 once standardised).
        for j in 0..<k {
            let present = x.lazy.map { $0[j] }.filter { !$0.isNaN }
            let count = Double(present.count)
            let mean = count == 0 ? 0 : present.reduce(0, +) / count
            let variance = count == 0 ? 0 : present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            centers[j] = mean
            scales[j] = variance > 1e-12 ? variance.squareRoot() : 1
        }
        // Design matrix with an intercept column first.
        let d = k + 1
        var z = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            z[i * d] = 1
            for j in 0..<k { z[i * d + j + 1] = x[i][j].isNaN ? 0 : (x[i][j] - centers[j]) / scales[j] }
        }
        var beta = [Double](repeating: 0, count: d)
        let positives = Double(y.filter { $0 }.count)
        beta[0] = log(max(positives, 0.5) / max(Double(n) - positives, 0.5))
        for _ in 0..<maxIterations {
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [Double](repeating: 0, count: d * d)
            for i in 0..<n {
                let row = i * d
                var eta = 0.0
                for j in 0..<d { eta += z[row + j] * beta[j] }
                let p = RiskModel.sigmoid(eta)
                let r = (y[i] ? 1 : 0) - p
                let w = max(p * (1 - p), 1e-9)
                for a in 0..<d {
                    gradient[a] += z[row + a] * r
                    let za = z[row + a] * w
                    for b in a..<d { hessian[a * d + b] += za * z[row + b] }
                }
            }
            // The intercept is not penalised.
            for a in 1..<d {
                gradient[a] -= lambda * beta[a]
                hessian[a * d + a] += lambda
            }
            for a in 0..<d { for b in 0..<a { hessian[a * d + b] = hessian[b * d + a] } }
            guard let step = Self.solveSymmetric(hessian, gradient, d) else { break }
            var change = 0.0
            for j in 0..<d {
                beta[j] += step[j]
                change = max(change, abs(step[j]))
            }
            if change < 1e-7 { break }
        }
        return RiskModel(kind: .trained, bias: beta[0], centers: centers, scales: scales, weights: Array(beta[1...]))
    }

    /// Solves A·x = b for a symmetric positive-definite A (Cholesky); nil when A is not.
    static func solveSymmetric(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }
}
