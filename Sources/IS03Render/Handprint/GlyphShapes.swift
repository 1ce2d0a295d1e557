import Foundation

/// One pen stroke of a glyph design, before any writer's wobble is applied.
/// Coordinates are in the glyph frame: x 0…1 across the letter, y 0…1 from cap height to
/// baseline (y down); marks above (Ё, Й) and tails below (Д, Ц, Щ) may leave that range.
struct StrokeShape: Sendable {
    enum Kind: Sendable {
        /// Straight segments between the points; corners stay sharp.
        case line
        /// A smooth Catmull-Rom curve through the points.
        case curve
    }
    var kind: Kind
    var points: [(x: Double, y: Double)]

    static func line(_ points: (Double, Double)...) -> StrokeShape {
        StrokeShape(kind: .line, points: points.map { (x: $0.0, y: $0.1) })
    }

    static func curve(_ points: (Double, Double)...) -> StrokeShape {
        StrokeShape(kind: .curve, points: points.map { (x: $0.0, y: $0.1) })
    }

    /// An elliptic arc as curve control points. Angles in degrees, counter-clockwise as on paper
    /// (0° = right, 90° = up); `to` may be less than `from` to go clockwise.
    static func arc(cx: Double, cy: Double, rx: Double, ry: Double, from: Double, to: Double,
                    steps: Int = 8) -> StrokeShape {
        let points = (0...steps).map { index -> (x: Double, y: Double) in
            let angle = (from + (to - from) * Double(index) / Double(steps)) * Double.pi / 180
            return (x: cx + rx * cos(angle), y: cy - ry * sin(angle))
        }
        return StrokeShape(kind: .curve, points: points)
    }

    /// A copy moved and scaled: x' = dx + sx·x, y' = dy + sy·y.
    func mapped(dx: Double = 0, dy: Double = 0, sx: Double = 1, sy: Double = 1) -> StrokeShape {
        StrokeShape(kind: kind, points: points.map { (x: dx + sx * $0.x, y: dy + sy * $0.y) })
    }
}

/// One way of printing a character (an allograph): its strokes plus how wide it runs
/// relative to an ordinary letter.
struct GlyphDesign: Sendable {
    var strokes: [StrokeShape]
    /// Relative advance width (1 = an ordinary capital; Ш and Ж run wider, 1 and hyphen narrower).
    var widthFactor: Double = 1
    /// True for designs that read as "rounded" (chosen more by round-handed writers).
    var rounded: Bool = false
}
