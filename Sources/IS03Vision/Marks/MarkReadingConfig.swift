/// How bubbles are measured and decided. Every number here is explained in
/// docs/recognition.md; geometry (where bubbles are, how big) comes from the template.
public struct MarkReadingConfig: Sendable, Hashable {
    /// Share of the bubble radius that is measured: the inside of the printed ring only, so
    /// the ring and its printed value count the same on every bubble.
    public var innerRadiusShare: Double = 0.72
    /// The local paper level is this percentile of a square window of `windowScale` bubble
    /// diameters around the bubble (paper dominates it even when the bubble is filled), so
    /// uneven lighting does not shift the reading.
    public var paperPercentile: Double = 0.9
    public var windowScale: Double = 1.5
    /// A pixel counts as ink when its darkness (0 paper … 1 ink) is at least this.
    public var inkDarkness: Double = 0.5
    /// A bubble's score is the mean of its ink coverage and its mean darkness: solid fills
    /// score near 0.9, ticks and crosses 0.15-0.4, the generator's light fills (ink 0.28-0.4)
    /// 0.11-0.3 above the sheet's empty level, erasure shadows (16% grey) about 0.085 above it
    /// and stray dots below 0.05. Empty bubbles of one sheet lie within ±0.03 of its median.
    /// The mark cut is the sheet's empty-bubble level plus `noiseSigmas` of its spread…
    public var noiseSigmas: Double = 8
    /// …but never below `minMarkScore` (a clean sheet has almost no spread; 0.10 sits between
    /// erasure shadows and the lightest real marks)…
    public var minMarkScore: Double = 0.10
    /// …nor above `maxMarkScore` (a sheet full of marks must not hide them).
    public var maxMarkScore: Double = 0.2
    /// Floor of the soft zone around the cut: P(marked) = logistic((score − cut) / s) with
    /// s = max(`softness`, noise / 1.81), the sheet's own noise as a logistic scale.
    public var softness: Double = 0.004
    /// Light fills. A fill drawn with a light pen covers the whole disc in an even grey, so
    /// its median darkness (`BubbleMeasurement.fillLevel`) is its ink level (0.28-0.4 on the
    /// generator's light fills), while an erasure shadow stays near 0.16 and bleed-through
    /// from the back of the sheet at most 0.14; the printed value, a tick or a dot cover less
    /// than half the disc and leave the median at paper. A bubble whose fill level lies
    /// `fillLevelCut` above the sheet's typical empty bubble (or `noiseSigmas` of the sheet's
    /// spread of fill levels, if more) is marked with P = logistic(excess / s), s =
    /// max(`fillLevelSoftness`, spread / 1.81); the decision takes the larger of this and the
    /// score's P(marked). Light fills near the score cut are then read, not flagged.
    public var fillLevelCut: Double = 0.22
    public var fillLevelSoftness: Double = 0.01
    /// Weak strokes. The score alone cannot tell a weak pen tick (a thin stroke: few pixels,
    /// but some as dark as the sheet's ink) from an erasure shadow or pencil ghost (diffuse
    /// light grey, no ink-dark pixels), so a bubble whose score lies in the upper part of the
    /// gap between the empty level and the cut is "not a confident blank" when it also holds
    /// a stroke: at least `strokeMinCoverage` more ink coverage than the sheet's typical
    /// empty bubble, spread at least `strokeMinSpread` bubble radii along its longest axis (a
    /// stray dot is dark but compact, below 0.1 r). Such a bubble is not read as a mark; it
    /// only takes the confidence out of "blank" (and out of another bubble's value), so the
    /// field is flagged for an operator instead of read as blank.
    public var strokeMinCoverage: Double = 0.015
    public var strokeMinSpread: Double = 0.2
    /// Where the weak-stroke zone is centred, as a share of the way from the sheet's empty
    /// level to its mark cut; its soft zone is the cut's softness.
    public var weakStrokeShare: Double = 0.5
    /// Strike-outs: the band just outside the printed ring, in bubble radii, where a
    /// correction's X (drawn past the outline) leaves ink along the diagonals and a fill,
    /// tick or cross inside the ring does not. It starts beyond a cross drawn to 0.8 r in x
    /// and y (1.13 r along the diagonal) plus the hand's wander (from 1.25 r, sloppy crosses
    /// were taken for strikes), and a neighbour's strike (2.65 radii away on the tightest row)
    /// reaches at most the two sectors facing it.
    public var strikeBand: ClosedRange<Double> = 1.4...1.75
    /// Half-width, in degrees, of each diagonal sector of the band.
    public var strikeSectorHalfAngle: Double = 15
    /// A marked bubble is struck out when its strike feature (ink share of the third most
    /// inked diagonal sector) passes this cut; P(struck) = logistic((strike − cut) / softness).
    public var strikeCut: Double = 0.2
    public var strikeSoftness: Double = 0.03
    /// A value whose probability is at least this is accepted without review; lower ones
    /// are reported with status `ambiguous` (or `multiple`) so an operator checks them.
    public var acceptConfidence: Double = 0.95
    /// A letter box counts as written when at least this share of its inside is ink…
    public var boxInkShare: Double = 0.03
    /// …measured inside the box shrunk by this share per side (the printed frame stays out).
    public var boxInset: Double = 0.15
    /// A signature area counts as signed when at least this share of it is ink (measured in
    /// docs/recognition.md: empty areas read 0, the faintest synthetic signature 0.01)…
    public var areaInkShare: Double = 0.005
    /// …sampled every this many millimetres inside the area, in template coordinates…
    public var areaSampleStepMM: Double = 0.25
    /// …this far inside its printed frame (registration is good to a few tenths of a millimetre).
    public var areaInsetMM: Double = 1.0

    public init() {}

    public static let `default` = MarkReadingConfig()
}
