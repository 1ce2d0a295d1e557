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

    public init(slant: Double, width: Double, height: Double, penWidth: Double,
                jitter: Double, roundness: Double, ink: Double) {
        self.slant = slant; self.width = width; self.height = height; self.penWidth = penWidth
        self.jitter = jitter; self.roundness = roundness; self.ink = ink
    }
}

/// A pen stroke as a polyline in a unit box: x 0…1 left to right, y 0…1 top to bottom.
public typealias UnitStroke = [PointMM]
