import Foundation
import IS03Core

/// Turns a clean stroke design into what a hand draws: jittered control points smoothed with
/// Catmull-Rom curves, strokes that overshoot or stop short of their joints, straight lines that
/// bow a little, and now and then a pen lift that leaves a gap.
struct StrokeWobble {
    var style: HandStyle

    /// Overshoot/undershoot at stroke ends, as a fraction of the letter height (sd).
    static let endSpread = 0.035
    /// Chance that a stroke is interrupted by a pen lift.
    static let penLiftChance = 0.03

    /// The stroke as one or more polylines (more than one after a pen lift), in the glyph frame.
    func apply(to shape: StrokeShape, rng: inout SeededRandom) -> [[(x: Double, y: Double)]] {
        let jitter = style.jitter
        var points = shape.points.map { (x: $0.x + rng.gaussian(sd: jitter), y: $0.y + rng.gaussian(sd: jitter)) }
        guard points.count >= 2 else { return [] }
        extendEnds(&points, rng: &rng)
        var path: [(x: Double, y: Double)]
        switch shape.kind {
        case .curve:
            path = Self.catmullRom(points, samplesPerSegment: 8)
        case .line:
            path = bowedPolyline(points, rng: &rng)
        }
        if path.count > 6, Double.random(in: 0..<1, using: &rng) < Self.penLiftChance {
            let cut = Int.random(in: 2..<(path.count - 3), using: &rng)
            return [Array(path[...cut]), Array(path[(cut + 2)...])]
        }
        return [path]
    }

    /// Moves each end along its own direction: positive overshoots the joint, negative stops short.
    private func extendEnds(_ points: inout [(x: Double, y: Double)], rng: inout SeededRandom) {
        func moved(_ end: (x: Double, y: Double), from inner: (x: Double, y: Double)) -> (x: Double, y: Double) {
            let dx = end.x - inner.x, dy = end.y - inner.y
            let length = max((dx * dx + dy * dy).squareRoot(), 1e-6)
            let shift = rng.gaussian(sd: Self.endSpread)
            return (x: end.x + dx / length * shift, y: end.y + dy / length * shift)
        }
        let count = points.count
        points[0] = moved(points[0], from: points[1])
        points[count - 1] = moved(points[count - 1], from: points[count - 2])
    }

    /// Straight segments split into short pieces that bow gently sideways (a hand never rules a
    /// line); round-handed writers also soften the corners.
    private func bowedPolyline(_ points: [(x: Double, y: Double)], rng: inout SeededRandom) -> [(x: Double, y: Double)] {
        var out: [(x: Double, y: Double)] = [points[0]]
        for index in 1..<points.count {
            let a = points[index - 1], b = points[index]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            let bow = rng.gaussian(sd: style.jitter * 1.2 + 0.004)
            let pieces = max(2, Int(length / 0.12))
            for step in 1...pieces {
                let t = Double(step) / Double(pieces)
                let lift = sin(t * Double.pi) * bow / max(length, 1e-6)
                out.append((x: a.x + dx * t - dy * lift, y: a.y + dy * t + dx * lift))
            }
        }
        if style.roundness > 0.6, out.count > 4 { out = Self.chaikin(out, cut: 0.12 * style.roundness) }
        return out
    }

    /// Catmull-Rom spline through `points` (end points repeated so the curve reaches them).
    static func catmullRom(_ points: [(x: Double, y: Double)], samplesPerSegment: Int) -> [(x: Double, y: Double)] {
        guard points.count > 2 else { return points }
        let padded = [points[0]] + points + [points[points.count - 1]]
        var out: [(x: Double, y: Double)] = []
        for index in 1..<(padded.count - 2) {
            let p0 = padded[index - 1], p1 = padded[index], p2 = padded[index + 1], p3 = padded[index + 2]
            for step in 0..<samplesPerSegment {
                let t = Double(step) / Double(samplesPerSegment), t2 = t * t, t3 = t2 * t
                func blend(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
                    0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3)
                }
                out.append((x: blend(p0.x, p1.x, p2.x, p3.x), y: blend(p0.y, p1.y, p2.y, p3.y)))
            }
        }
        out.append(points[points.count - 1])
        return out
    }

    /// One round of Chaikin corner cutting (keeps both end points).
    static func chaikin(_ points: [(x: Double, y: Double)], cut: Double) -> [(x: Double, y: Double)] {
        var out = [points[0]]
        for index in 0..<(points.count - 1) {
            let a = points[index], b = points[index + 1]
            out.append((x: a.x + (b.x - a.x) * cut, y: a.y + (b.y - a.y) * cut))
            out.append((x: b.x - (b.x - a.x) * cut, y: b.y - (b.y - a.y) * cut))
        }
        out.append(points[points.count - 1])
        return out
    }
}

/// Where one letter sits in its box: the writer's size and slant, with a little variation from
/// letter to letter (size, slant, rotation, offset).
struct LetterPlacement {
    let scaleX: Double, scaleY: Double, slant: Double
    let cosine: Double, sine: Double
    let offsetX: Double, offsetY: Double

    init(style: HandStyle, widthFactor: Double, rng: inout SeededRandom) {
        let size = 1 + rng.gaussian(sd: 0.05)
        scaleX = style.width * widthFactor * size * (1 + rng.gaussian(sd: 0.04))
        scaleY = style.height * size
        slant = style.slant + rng.gaussian(sd: 0.04)
        let angle = rng.gaussian(sd: 2.5) * Double.pi / 180
        cosine = cos(angle); sine = sin(angle)
        offsetX = rng.gaussian(sd: 0.035)
        offsetY = rng.gaussian(sd: 0.035)
    }

    /// Maps a glyph-frame point into the unit box (clamped to it: letters may touch the border).
    func place(_ point: (x: Double, y: Double)) -> PointMM {
        var x = (point.x - 0.5) * scaleX, y = (point.y - 0.5) * scaleY
        x += slant * -y
        let rx = x * cosine - y * sine, ry = x * sine + y * cosine
        return PointMM(x: min(max(0.5 + rx + offsetX, 0), 1), y: min(max(0.5 + ry + offsetY, 0), 1))
    }
}
