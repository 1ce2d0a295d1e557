import Foundation
import IS03Core

/// How one writer prints block capitals: the same writer varies a little from letter to letter,
/// different writers vary a lot. Owned by the handprint model (see `Handprint.strokes`).
public struct HandStyle: Sendable, Hashable {
    /// Horizontal shear: positive leans right (tan of the slant angle).
    public var slant: Double
    /// Letter width and height as fractions of the box.
    public var width: Double
    public var height: Double
    /// Pen width in millimetres.
    public var penWidth: Double
    /// Random wobble of stroke points, as a fraction of the letter height.
    public var jitter: Double
    /// 0 = straight, angular strokes; 1 = rounded.
    public var roundness: Double
    /// Ink darkness 0…1 (1 = black ballpoint).
    public var ink: Double
    /// The writer's habits: which allograph of each letter they usually print. Two styles with
    /// the same habit print the same variant of Д, Й, 4 … most of the time.
    public var habit: UInt64

    public init(slant: Double, width: Double, height: Double, penWidth: Double,
                jitter: Double, roundness: Double, ink: Double, habit: UInt64 = 0) {
        self.slant = slant; self.width = width; self.height = height; self.penWidth = penWidth
        self.jitter = jitter; self.roundness = roundness; self.ink = ink; self.habit = habit
    }

    /// A neat, upright, black-pen writer (for tests and examples).
    public static let neat = HandStyle(slant: 0.05, width: 0.62, height: 0.72, penWidth: 0.5,
                                       jitter: 0.008, roundness: 0.5, ink: 1)

    /// A random writer, drawn from ranges seen in school hand-print: slant −15°…+20°, letters
    /// filling 45–85 % of the box width and 55–90 % of its height, pen 0.3–0.8 mm.
    public static func random(using rng: inout SeededRandom) -> HandStyle {
        func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &rng) }
        let slant = min(max(rng.gaussian(mean: 0.08, sd: 0.12), -0.27), 0.36)
        return HandStyle(slant: slant, width: uniform(0.45...0.85), height: uniform(0.55...0.9),
                         penWidth: uniform(0.3...0.8), jitter: uniform(0.004...0.03),
                         roundness: uniform(0...1), ink: uniform(0.55...1), habit: rng.next())
    }
}

/// A pen stroke as a polyline in a unit box: x 0…1 left to right, y 0…1 top to bottom.
public typealias UnitStroke = [PointMM]

/// The stroke model of Russian hand-printed block capitals, hyphen and digits.
public enum Handprint {
    /// The characters `strokes(for:style:rng:)` can draw: А–Я with Ё, hyphen, 0–9.
    public static let characters: [Character] = GlyphCatalog.characters

    /// The number of allographs (ways of printing) the model knows for `character`, or 0.
    public static func allographCount(for character: Character) -> Int {
        GlyphCatalog.designs(for: character)?.count ?? 0
    }

    /// Pen strokes for one hand-printed `character` as `style`'s writer would print it in a box,
    /// or nil for a character the model does not know. Points lie in the unit box (x, y in 0…1,
    /// y down). The same `rng` state gives the same strokes on every machine.
    public static func strokes(for character: Character, style: HandStyle,
                               rng: inout SeededRandom) -> [UnitStroke]? {
        guard let designs = GlyphCatalog.designs(for: character), !designs.isEmpty else { return nil }
        let design = designs[allographIndex(for: character, designs: designs, style: style, rng: &rng)]
        let wobble = StrokeWobble(style: style)
        let placement = LetterPlacement(style: style, widthFactor: design.widthFactor, rng: &rng)
        var result: [UnitStroke] = []
        for shape in design.strokes {
            for piece in wobble.apply(to: shape, rng: &rng) {
                let placed = piece.map { placement.place($0) }
                if placed.count >= 2 { result.append(placed) }
            }
        }
        return result
    }

    /// Writers mostly stick to one allograph per letter (their habit) and sometimes switch;
    /// round-handed writers prefer rounded designs.
    private static func allographIndex(for character: Character, designs: [GlyphDesign],
                                       style: HandStyle, rng: inout SeededRandom) -> Int {
        var habitual = SeededRandom(seed: style.habit, stream: String(character))
        let weights = designs.enumerated().map { index, design -> Double in
            let shape = design.rounded ? 0.3 + style.roundness : 1.3 - style.roundness
            return shape * (index == 0 ? 1.5 : 1)  // the first design is the commonest
        }
        let usual = weightedPick(weights, rng: &habitual)
        return Double.random(in: 0..<1, using: &rng) < 0.75 ? usual : weightedPick(weights, rng: &rng)
    }

    private static func weightedPick(_ weights: [Double], rng: inout SeededRandom) -> Int {
        var target = Double.random(in: 0..<weights.reduce(0, +), using: &rng)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }
}
