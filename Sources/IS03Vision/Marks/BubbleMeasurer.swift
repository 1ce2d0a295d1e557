import Foundation
import IS03Core

/// The measurement of one bubble on the scan.
public struct BubbleMeasurement: Sendable, Hashable {
    /// Share of the measured disc that is ink.
    public var coverage: Double
    /// Mean darkness of the measured disc (0 paper … 1 ink).
    public var darkness: Double
    /// Ink share just outside the printed ring along the bubble's diagonals: the third largest
    /// of the four diagonal sectors. A strike-out (an X reaching past the outline) inks all
    /// four; a fill, tick or cross stays inside the ring, and a neighbour's strike reaches at
    /// most the two sectors on its side.
    public var strike: Double = 0
    /// How far the ink pixels (those counted in `coverage`) reach, in bubble radii: the
    /// standard deviation of their positions along their longest axis. A pen stroke, however
    /// thin, is long (a tick or a line across the disc: 0.25-0.4); a stray dot is compact
    /// (below 0.1); an erasure shadow or pencil ghost has no ink pixels at all (0).
    public var inkSpread: Double = 0
    /// Median darkness of the measured disc: the level of a fill that covers the whole disc
    /// (a light fill reads its own ink level, 0.28-0.4 on the generator's), untouched by the
    /// printed value, a thin stroke or a dot (they cover less than half the disc).
    public var fillLevel: Double = 0
    /// What the decision uses: (coverage + darkness) / 2.
    public var score: Double { (coverage + darkness) / 2 }

    public init(coverage: Double, darkness: Double, strike: Double = 0, inkSpread: Double = 0, fillLevel: Double = 0) {
        self.coverage = coverage; self.darkness = darkness; self.strike = strike; self.inkSpread = inkSpread
        self.fillLevel = fillLevel
    }

    static let empty = BubbleMeasurement(coverage: 0, darkness: 0)
}

/// Measures bubbles against the sheet's own paper (locally) and ink (from the registration
/// marks), so light, dark and unevenly lit scans read alike.
struct BubbleMeasurer {
    var config: MarkReadingConfig

    /// Measures the bubble centred at (`cx`, `cy`) with radius `radius`, in image pixels;
    /// `angle` is the direction of the template's x axis in the image (radians), so the
    /// diagonals are the sheet's diagonals on turned and skewed scans.
    func measure(_ image: GrayImage, cx: Double, cy: Double, radius: Double, angle: Double = 0,
                 ink: Double) -> BubbleMeasurement {
        let half = radius * config.windowScale
        let x0 = max(0, Int(cx - half)), x1 = min(image.width - 1, Int(cx + half))
        let y0 = max(0, Int(cy - half)), y1 = min(image.height - 1, Int(cy + half))
        guard x1 > x0, y1 > y0 else { return .empty }
        return image.pixels.withUnsafeBufferPointer { px -> BubbleMeasurement in
            var histogram = [Int](repeating: 0, count: 256)
            for y in y0...y1 {
                let row = y * image.width
                for x in x0...x1 { histogram[Int(px[row + x])] += 1 }
            }
            let total = (x1 - x0 + 1) * (y1 - y0 + 1)
            var seen = 0, paper = 255
            for level in 0..<256 {
                seen += histogram[level]
                if Double(seen) > Double(total) * config.paperPercentile { paper = level; break }
            }
            let span = max(Double(paper) - ink, 30)
            let r = radius * config.innerRadiusShare, r2 = r * r
            var count = 0, inked = 0, sum = 0.0
            // Moments of the ink pixels' positions (relative to the centre), for `inkSpread`.
            var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
            var discHistogram = [Int](repeating: 0, count: 256)
            let inkCut = Double(paper) - config.inkDarkness * span
            for y in max(0, Int(cy - r))...min(image.height - 1, Int(cy + r)) {
                let dy = Double(y) + 0.5 - cy
                let row = y * image.width
                for x in max(0, Int(cx - r))...min(image.width - 1, Int(cx + r)) {
                    let dx = Double(x) + 0.5 - cx
                    guard dx * dx + dy * dy <= r2 else { continue }
                    let level = px[row + x], g = Double(level)
                    count += 1
                    discHistogram[Int(level)] += 1
                    if g <= inkCut {
                        inked += 1
                        sx += dx; sy += dy; sxx += dx * dx; syy += dy * dy; sxy += dx * dy
                    }
                    sum += min(max((Double(paper) - g) / span, 0), 1)
                }
            }
            guard count > 0 else { return .empty }
            let strike = diagonalInk(px, image: image, cx: cx, cy: cy, radius: radius, angle: angle, inkCut: inkCut)
            // Median grey of the disc → its darkness.
            var below = 0, medianGrey = 255
            for level in 0..<256 {
                below += discHistogram[level]
                if 2 * below >= count { medianGrey = level; break }
            }
            let fillLevel = min(max((Double(paper) - Double(medianGrey)) / span, 0), 1)
            var spread = 0.0
            if inked >= 2 {
                let n = Double(inked), mx = sx / n, my = sy / n
                let vxx = sxx / n - mx * mx, vyy = syy / n - my * my, vxy = sxy / n - mx * my
                // Largest eigenvalue of the 2×2 covariance.
                let largest = (vxx + vyy) / 2 + (((vxx - vyy) / 2) * ((vxx - vyy) / 2) + vxy * vxy).squareRoot()
                spread = max(largest, 0).squareRoot() / radius
            }
            return BubbleMeasurement(coverage: Double(inked) / Double(count), darkness: sum / Double(count), strike: strike,
                                     inkSpread: spread, fillLevel: fillLevel)
        }
    }

    /// Ink share in the four diagonal sectors of the band `strikeBand` (in bubble radii)
    /// outside the ring; returns the third largest, so all but one sector must hold ink.
    private func diagonalInk(_ px: UnsafeBufferPointer<UInt8>, image: GrayImage, cx: Double, cy: Double,
                             radius: Double, angle: Double, inkCut: Double) -> Double {
        let inner = radius * config.strikeBand.lowerBound, outer = radius * config.strikeBand.upperBound
        let inner2 = inner * inner, outer2 = outer * outer
        // A point is in a diagonal sector when its direction is within `strikeSectorHalfAngle`
        // of a diagonal: | |u| − |v| | ≤ d·√2·sin(half angle), in template-aligned (u, v).
        let spread = 2.0.squareRoot() * sin(config.strikeSectorHalfAngle * Double.pi / 180)
        let (ca, sa) = (cos(angle), sin(angle))
        var inked = [0, 0, 0, 0], counts = [0, 0, 0, 0]
        for y in max(0, Int(cy - outer))...min(image.height - 1, Int(cy + outer)) {
            let dy = Double(y) + 0.5 - cy
            let row = y * image.width
            for x in max(0, Int(cx - outer))...min(image.width - 1, Int(cx + outer)) {
                let dx = Double(x) + 0.5 - cx
                let d2 = dx * dx + dy * dy
                guard d2 >= inner2, d2 <= outer2 else { continue }
                let u = dx * ca + dy * sa, v = -dx * sa + dy * ca
                guard abs(abs(u) - abs(v)) <= d2.squareRoot() * spread else { continue }
                let sector = (u >= 0 ? 0 : 1) + (v >= 0 ? 0 : 2)
                counts[sector] += 1
                if Double(px[row + x]) <= inkCut { inked[sector] += 1 }
            }
        }
        let shares = (0..<4).map { counts[$0] > 0 ? Double(inked[$0]) / Double(counts[$0]) : 0 }.sorted(by: >)
        return shares[2]
    }
}
