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
    /// score near 1, ticks and crosses 0.15-0.4, stray dots and erasure shadows below 0.08.
    /// The mark cut is the sheet's empty-bubble level plus `noiseSigmas` of its spread…
    public var noiseSigmas: Double = 8
    /// …but never below `minMarkScore` (a clean sheet has almost no spread)…
    public var minMarkScore: Double = 0.12
    /// …nor above `maxMarkScore` (a sheet full of marks must not hide them).
    public var maxMarkScore: Double = 0.2
    /// Width of the soft zone around the cut: P(marked) = logistic((score − cut) / softness).
    public var softness: Double = 0.012
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
