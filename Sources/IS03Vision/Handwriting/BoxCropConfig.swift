/// Tuning of `BoxCropNormalizer`. Every value is physical (millimetres) or a documented ratio,
/// so the same numbers hold at 150, 300 and 600 dpi. Training data is normalised with the same
/// struct, so changing a value here means retraining the model (see training/README.md).
public struct BoxCropConfig: Sendable, Hashable {
    /// How far from the predicted edge (mm) a printed box line is looked for.
    public var lineSearchMM = 1.0
    /// A row or column counts as a printed box line when this share of the box edge is ink.
    public var lineCoverage = 0.85
    /// Ink is darker than paper by at least this many grey levels…
    public var minInkContrast = 45.0
    /// …and by at least this share of the paper-to-darkest range of the crop.
    public var relativeInkContrast = 0.3
    /// A blob lying entirely within this distance (mm) of a box edge is a remnant of the
    /// printed line, not writing.
    public var edgeRemnantMM = 0.4
    /// Blobs smaller than this (mm²) are dust or scanner noise, not writing.
    public var speckAreaMM2 = 0.05
    /// A box is blank when its remaining ink covers less than this (mm²)…
    public var blankInkAreaMM2 = 0.25
    /// …or spans less than this (mm) in both directions (a dot is not a letter; a hyphen is).
    public var blankExtentMM = 1.0
    /// Ink lying entirely within this distance (mm) of the box edges may be a printed-line
    /// remnant (`NormalizedBox.inkNearEdgesOnly`). Only judged, never changes the glyph.
    public var lineRemnantReachMM = 0.9
    /// Side of the normalised glyph image in pixels (the model's input size).
    public var side = 32
    /// The longer side of the ink box is scaled to this many pixels (the rest is margin).
    public var glyphExtent = 26.0

    public init() {}

    /// The settings the committed model was trained with.
    public static let standard = BoxCropConfig()
}
