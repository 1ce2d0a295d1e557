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
    /// Ink share of the less inked of the two opposite diagonal sectors on the more inked
    /// diagonal: a single slash through the bubble (the way most people strike a mark out)
    /// reaches past the ring at both ends of one diagonal. A neighbour's strike or a sloppy
    /// fill reaches sectors on one side only, never two opposite ones.
    public var slash: Double = 0
    /// Ink share of the least inked of the four sectors of the same band around the sheet's
    /// axes (left, right, up, down): a circle drawn round the bubble inks all four, a strike
    /// (X or slash) none. A circled bubble looks struck to the diagonal features, so a mark
    /// that is both is neither read nor taken as withdrawn.
    public var circle: Double = 0
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

    public init(coverage: Double, darkness: Double, strike: Double = 0, inkSpread: Double = 0, fillLevel: Double = 0,
                slash: Double = 0, circle: Double = 0) {
        self.coverage = coverage; self.darkness = darkness; self.strike = strike; self.inkSpread = inkSpread
        self.fillLevel = fillLevel; self.slash = slash; self.circle = circle
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
        // The paper window holds the pixels whose centres (i + 0.5) lie within `half` of the
        // bubble's centre, so it is the same set of pixels in every feed orientation.
        let half = radius * config.windowScale
        let x0 = max(0, Int((cx - half - 0.5).rounded(.up))), x1 = min(image.width - 1, Int((cx + half - 0.5).rounded(.down)))
        let y0 = max(0, Int((cy - half - 0.5).rounded(.up))), y1 = min(image.height - 1, Int((cy + half - 0.5).rounded(.down)))
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
            let band = bandInk(px, image: image, cx: cx, cy: cy, radius: radius, angle: angle, inkCut: inkCut)
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
            return BubbleMeasurement(coverage: Double(inked) / Double(count), darkness: sum / Double(count), strike: band.strike,
                                     inkSpread: spread, fillLevel: fillLevel, slash: band.slash, circle: band.circle)
        }
    }

    /// Ink shares in the band `strikeBand` (in bubble radii) outside the ring: in the four
    /// diagonal sectors (the third largest is `strike`, so all but one must hold ink; the
    /// better diagonal's weaker end is `slash`) and in the four axial sectors (the smallest is
    /// `circle`). Sectors are `strikeSectorHalfAngle` either side of their direction, in the
    /// template's axes, so they are the sheet's diagonals on turned and skewed scans.
    private func bandInk(_ px: UnsafeBufferPointer<UInt8>, image: GrayImage, cx: Double, cy: Double,
                         radius: Double, angle: Double, inkCut: Double) -> (strike: Double, slash: Double, circle: Double) {
        let inner = radius * config.strikeBand.lowerBound, outer = radius * config.strikeBand.upperBound
        let inner2 = inner * inner, outer2 = outer * outer
        // Diagonal sector: | |u| − |v| | ≤ d·√2·sin(half angle); axial: the smaller of |u|, |v| ≤ d·sin(half angle).
        let sine = sin(config.strikeSectorHalfAngle * Double.pi / 180)
        let spread = 2.0.squareRoot() * sine
        let (ca, sa) = (cos(angle), sin(angle))
        // Diagonal sectors 0…3: (+u+v), (−u+v), (+u−v), (−u−v); axial 4…7: +u, −u, +v, −v.
        var inked = [Int](repeating: 0, count: 8), counts = [Int](repeating: 0, count: 8)
        for y in max(0, Int(cy - outer))...min(image.height - 1, Int(cy + outer)) {
            let dy = Double(y) + 0.5 - cy
            let row = y * image.width
            for x in max(0, Int(cx - outer))...min(image.width - 1, Int(cx + outer)) {
                let dx = Double(x) + 0.5 - cx
                let d2 = dx * dx + dy * dy
                guard d2 >= inner2, d2 <= outer2 else { continue }
                let u = dx * ca + dy * sa, v = -dx * sa + dy * ca
                let d = d2.squareRoot()
                let sector: Int
                if abs(abs(u) - abs(v)) <= d * spread {
                    sector = (u >= 0 ? 0 : 1) + (v >= 0 ? 0 : 2)
                } else if min(abs(u), abs(v)) <= d * sine {
                    sector = abs(v) < abs(u) ? (u >= 0 ? 4 : 5) : (v >= 0 ? 6 : 7)
                } else {
                    continue
                }
                counts[sector] += 1
                if Double(px[row + x]) <= inkCut { inked[sector] += 1 }
            }
        }
        let shares = (0..<8).map { counts[$0] > 0 ? Double(inked[$0]) / Double(counts[$0]) : 0 }
        // Opposite diagonal sectors: 0 (+u+v) with 3 (−u−v), 1 (−u+v) with 2 (+u−v).
        let slash = max(min(shares[0], shares[3]), min(shares[1], shares[2]))
        return (shares[0..<4].sorted(by: >)[2], slash, shares[4..<8].min() ?? 0)
    }
}
