import Foundation

/// The per-sheet cut between empty and marked bubbles, set from the sheet's own bubbles.
public struct MarkThreshold: Sendable, Hashable {
    /// Score of a typical empty bubble on this sheet (the median: most bubbles are empty).
    public var baseline: Double
    /// Spread of empty bubbles (1.4826 × median absolute deviation).
    public var noise: Double
    /// The score at which a bubble is as likely marked as not.
    public var cut: Double
    public var softness: Double
    /// The strike feature at which a marked bubble is as likely struck out as not, and its soft zone.
    public var strikeCut: Double
    public var strikeSoftness: Double

    /// Derives the cut from every bubble score on one sheet.
    public init(scores: [Double], config: MarkReadingConfig) {
        let sorted = scores.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let deviations = sorted.map { abs($0 - median) }.sorted()
        let mad = deviations.isEmpty ? 0 : deviations[deviations.count / 2]
        baseline = median
        noise = 1.4826 * mad
        cut = median + min(max(config.noiseSigmas * noise, config.minMarkScore), config.maxMarkScore)
        // The soft zone is the sheet's own measurement noise expressed as a logistic scale
        // (a logistic of scale s has standard deviation 1.81·s), never narrower than the
        // configured floor: P(marked) then says how many noise widths a score is from the cut.
        softness = max(config.softness, noise / 1.81)
        strikeCut = config.strikeCut
        strikeSoftness = config.strikeSoftness
    }

    /// Probability that a marked bubble with this strike feature was crossed out.
    public func strikeProbability(_ strike: Double) -> Double {
        1 / (1 + exp(-(strike - strikeCut) / strikeSoftness))
    }

    /// Probability that a bubble with this score is marked.
    public func probability(_ score: Double) -> Double {
        1 / (1 + exp(-(score - cut) / softness))
    }
}
