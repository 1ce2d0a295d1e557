import IS03Core

/// A plane projective transform from template millimetres to image pixels (or any plane to
/// another), fitted by least squares. Row-major 3×3 with h[8] = 1.
public struct Homography: Sendable, Hashable {
    public var h: [Double]

    public init(_ h: [Double]) { precondition(h.count == 9); self.h = h }

    public static let identity = Homography([1, 0, 0, 0, 1, 0, 0, 0, 1])

    /// Maps a point.
    public func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        let w = h[6] * x + h[7] * y + h[8]
        return ((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w)
    }

    public func apply(_ p: PointMM) -> (x: Double, y: Double) { apply(p.x, p.y) }

    /// Pixels per millimetre near `p` (square root of the local area scale).
    public func scale(at p: PointMM) -> Double {
        let a = apply(p.x, p.y), bx = apply(p.x + 1, p.y), by = apply(p.x, p.y + 1)
        let det = (bx.x - a.x) * (by.y - a.y) - (bx.y - a.y) * (by.x - a.x)
        return abs(det).squareRoot()
    }

    /// This transform followed by a uniform scaling of the output (e.g. to a downscaled copy).
    public func scaled(by factor: Double) -> Homography { scaled(x: factor, y: factor) }

    /// This transform followed by scaling the output's x and y by their own factors: a page
    /// and its downscaled copy differ by slightly different factors across and along it,
    /// because each side of the copy is rounded to whole pixels.
    public func scaled(x: Double, y: Double) -> Homography {
        Homography([h[0] * x, h[1] * x, h[2] * x,
                    h[3] * y, h[4] * y, h[5] * y, h[6], h[7], h[8]])
    }

    /// Least-squares fit mapping `from[i]` to `to[i]` (at least 4 pairs, not collinear).
    /// Points are normalised first so millimetres and thousands of pixels solve well.
    public static func fit(from: [(x: Double, y: Double)], to: [(x: Double, y: Double)]) -> Homography? {
        guard from.count == to.count, from.count >= 4 else { return nil }
        let (nf, tf) = normaliser(from), (nt, tt) = normaliser(to)
        // Normal equations AᵀA h = Aᵀb for the 8 unknowns of the normalised problem.
        var ata = [Double](repeating: 0, count: 64), atb = [Double](repeating: 0, count: 8)
        for i in 0..<from.count {
            let (x, y) = nf(from[i]), (u, v) = nt(to[i])
            let rows: [([Double], Double)] = [
                ([x, y, 1, 0, 0, 0, -u * x, -u * y], u),
                ([0, 0, 0, x, y, 1, -v * x, -v * y], v),
            ]
            for (row, rhs) in rows {
                for r in 0..<8 {
                    atb[r] += row[r] * rhs
                    for c in 0..<8 { ata[r * 8 + c] += row[r] * row[c] }
                }
            }
        }
        guard let solution = solve(ata, atb, n: 8) else { return nil }
        let hn = solution + [1]
        // H = Tto⁻¹ · Hn · Tfrom, with T = [s 0 -s·mx; 0 s -s·my; 0 0 1].
        let tFrom = [tf.s, 0, -tf.s * tf.mx, 0, tf.s, -tf.s * tf.my, 0, 0, 1]
        let tToInv = [1 / tt.s, 0, tt.mx, 0, 1 / tt.s, tt.my, 0, 0, 1]
        let m = multiply(tToInv, multiply(hn, tFrom))
        guard abs(m[8]) > 1e-12 else { return nil }
        return Homography(m.map { $0 / m[8] })
    }

    private static func normaliser(_ pts: [(x: Double, y: Double)])
        -> (((x: Double, y: Double)) -> (Double, Double), (s: Double, mx: Double, my: Double)) {
        let n = Double(pts.count)
        let mx = pts.map(\.x).reduce(0, +) / n, my = pts.map(\.y).reduce(0, +) / n
        let spread = pts.map { (($0.x - mx) * ($0.x - mx) + ($0.y - my) * ($0.y - my)).squareRoot() }.reduce(0, +) / n
        let s = spread > 0 ? 2.0.squareRoot() / spread : 1
        return ({ p in ((p.x - mx) * s, (p.y - my) * s) }, (s, mx, my))
    }

    private static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        var m = [Double](repeating: 0, count: 9)
        for row in 0..<3 {
            for col in 0..<3 {
                var sum = 0.0
                for k in 0..<3 { sum += a[row * 3 + k] * b[k * 3 + col] }
                m[row * 3 + col] = sum
            }
        }
        return m
    }

    /// Gaussian elimination with partial pivoting; nil when the system is singular.
    private static func solve(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
        var m = a, r = b
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0 * n + col]) < abs(m[$1 * n + col]) }!
            guard abs(m[pivot * n + col]) > 1e-12 else { return nil }
            if pivot != col {
                for k in 0..<n { m.swapAt(col * n + k, pivot * n + k) }
                r.swapAt(col, pivot)
            }
            for row in (col + 1)..<n {
                let f = m[row * n + col] / m[col * n + col]
                if f == 0 { continue }
                for k in col..<n { m[row * n + k] -= f * m[col * n + k] }
                r[row] -= f * r[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = r[row]
            for k in (row + 1)..<n { sum -= m[row * n + k] * x[k] }
            x[row] = sum / m[row * n + row]
        }
        return x
    }
}
