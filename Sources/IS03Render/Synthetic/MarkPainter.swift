import Foundation
import IS03Core

/// How one person marks bubbles: a favourite style, pen or pencil, how dark and how careful.
/// Experts and participants each get one, so marks vary between sheets more than within one.
public struct MarkHand: Sendable, Hashable {
    public var style: MarkStyle
    /// Ink darkness 0…1 (ballpoint about 0.85-1, pencil about 0.4-0.55).
    public var ink: Double
    public var penWidth: Double
    /// How far marks wander from the bubble centre, as a fraction of its radius.
    public var sloppiness: Double

    public init(style: MarkStyle, ink: Double, penWidth: Double, sloppiness: Double) {
        self.style = style; self.ink = ink; self.penWidth = penWidth; self.sloppiness = sloppiness
    }

    /// A random hand: mostly solid fills and scribbles, some ticks and crosses, a few pencils.
    public static func random(using rng: inout SeededRandom) -> MarkHand {
        let roll = Double.random(in: 0..<1, using: &rng)
        let style: MarkStyle = roll < 0.45 ? .solid : roll < 0.65 ? .scribble : roll < 0.77 ? .tick
            : roll < 0.87 ? .cross : roll < 0.93 ? .partial : .pencil
        let pencil = style == .pencil
        return MarkHand(style: style,
                        ink: pencil ? Double.random(in: 0.4...0.55, using: &rng) : Double.random(in: 0.85...1, using: &rng),
                        penWidth: Double.random(in: 0.35...0.6, using: &rng),
                        sloppiness: Double.random(in: 0.02...0.15, using: &rng))
    }
}

/// Draws pen marks in bubbles: fills, scribbles, ticks, crosses, partial and light fills,
/// pencil, crossed-out corrections, and stray dots or lines.
public enum MarkPainter {
    /// Draws one mark of `style` in the bubble `rect`.
    public static func draw(_ style: MarkStyle, in rect: RectMM, hand: MarkHand, rng: inout SeededRandom,
                            on canvas: PageCanvas) {
        let r = rect.width / 2
        let wander = hand.sloppiness * r
        let c = PointMM(x: rect.center.x + rng.gaussian(sd: wander), y: rect.center.y + rng.gaussian(sd: wander))
        let ink = hand.ink * Double.random(in: 0.93...1, using: &rng)
        switch style {
        case .solid:
            canvas.fillEllipse(center: c, rx: r * Double.random(in: 0.88...1.08, using: &rng),
                               ry: r * Double.random(in: 0.88...1.08, using: &rng),
                               angle: Double.random(in: 0..<Double.pi, using: &rng), ink: ink)
        case .pencil:
            // Pencil: a scribbled fill in grey graphite.
            scribble(center: c, radius: r * 0.95, lines: 9, width: hand.penWidth * 1.4, ink: min(ink, 0.55),
                     rng: &rng, on: canvas)
        case .scribble:
            scribble(center: c, radius: r * 0.95, lines: Int.random(in: 6...9, using: &rng), width: hand.penWidth,
                     ink: ink, rng: &rng, on: canvas)
        case .tick:
            let points = [PointMM(x: c.x - 0.75 * r, y: c.y - 0.05 * r), PointMM(x: c.x - 0.15 * r, y: c.y + 0.7 * r),
                          PointMM(x: c.x + 0.85 * r, y: c.y - 0.85 * r)]
            canvas.polyline(points.map { jitter($0, r * 0.08, &rng) }, width: hand.penWidth * 1.2, ink: ink)
        case .cross:
            let k = 0.8 * r
            canvas.line(from: jitter(PointMM(x: c.x - k, y: c.y - k), r * 0.08, &rng),
                        to: jitter(PointMM(x: c.x + k, y: c.y + k), r * 0.08, &rng), width: hand.penWidth * 1.2, ink: ink)
            canvas.line(from: jitter(PointMM(x: c.x + k, y: c.y - k), r * 0.08, &rng),
                        to: jitter(PointMM(x: c.x - k, y: c.y + k), r * 0.08, &rng), width: hand.penWidth * 1.2, ink: ink)
        case .partial:
            // About two thirds of the bubble filled, off-centre: a hurried fill.
            let angle = Double.random(in: 0..<2 * Double.pi, using: &rng)
            let shift = r * 0.3
            canvas.fillEllipse(center: PointMM(x: c.x + shift * cos(angle), y: c.y + shift * sin(angle)),
                               rx: r * 0.72, ry: r * 0.6, angle: angle, ink: ink)
        case .light:
            canvas.fillEllipse(center: c, rx: r * 0.9, ry: r * 0.85, angle: 0,
                               ink: Double.random(in: 0.28...0.4, using: &rng))
        }
    }

    /// Strikes out a bubble the way people correct a mark: a bold X reaching past its outline.
    public static func strikeOut(_ rect: RectMM, hand: MarkHand, rng: inout SeededRandom, on canvas: PageCanvas) {
        let c = rect.center, k = rect.width / 2 * Double.random(in: 1.35...1.7, using: &rng)
        let ink = max(hand.ink, 0.85)
        canvas.line(from: jitter(PointMM(x: c.x - k, y: c.y - k), 0.15, &rng), to: jitter(PointMM(x: c.x + k, y: c.y + k), 0.15, &rng),
                    width: hand.penWidth * 1.3, ink: ink)
        canvas.line(from: jitter(PointMM(x: c.x + k, y: c.y - k), 0.15, &rng), to: jitter(PointMM(x: c.x - k, y: c.y + k), 0.15, &rng),
                    width: hand.penWidth * 1.3, ink: ink)
    }

    /// A stray dot or short line (pen rested on the paper, a slip).
    public static func draw(_ stray: StrayMark, hand: MarkHand, on canvas: PageCanvas) {
        switch stray.kind {
        case .dot: canvas.fillEllipse(center: stray.from, rx: 0.3, ry: 0.25, ink: hand.ink)
        case .line: canvas.line(from: stray.from, to: stray.to, width: hand.penWidth * 0.8, ink: hand.ink)
        }
    }

    private static func scribble(center c: PointMM, radius r: Double, lines: Int, width: Double, ink: Double,
                                 rng: inout SeededRandom, on canvas: PageCanvas) {
        let angle = Double.random(in: -0.6...0.6, using: &rng)
        let (ca, sa) = (cos(angle), sin(angle))
        var points: [PointMM] = []
        for i in 0...lines {
            // Back and forth across the disc along chords, so ink stays (mostly) inside.
            let t = -0.9 + 1.8 * Double(i) / Double(lines)
            let half = (1 - t * t).squareRoot() * r * Double.random(in: 0.85...1.05, using: &rng)
            let u = (i % 2 == 0 ? -half : half), v = t * r
            points.append(PointMM(x: c.x + u * ca - v * sa, y: c.y + u * sa + v * ca))
        }
        canvas.polyline(points, width: width, ink: ink)
    }

    private static func jitter(_ p: PointMM, _ sd: Double, _ rng: inout SeededRandom) -> PointMM {
        PointMM(x: p.x + rng.gaussian(sd: sd), y: p.y + rng.gaussian(sd: sd))
    }
}
