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
    /// A signature area counts as signed when at least this share of it is ink.
    public var areaInkShare: Double = 0.01

    public init() {}

    public static let `default` = MarkReadingConfig()
}
