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
    /// Ink coverage of a typical empty bubble on this sheet (the median of all bubbles).
    public var coverageBaseline: Double = 0
    /// The score at which a bubble holding a stroke is as likely a weak mark as not (between
    /// the empty level and the cut), and what makes a stroke (`MarkReadingConfig`).
    public var weakCut: Double
    public var strokeMinCoverage: Double
    public var strokeMinSpread: Double
    /// The fill level (median darkness) at which a bubble is as likely a light fill as not,
    /// and its soft zone (set from the sheet's empty bubbles; unset: the fill level is unused).
    public var fillLevelCut: Double = .infinity
    public var fillLevelSoftness: Double = 0.01

    /// Derives the cut from every bubble measured on one sheet.
    public init(measurements: [BubbleMeasurement], config: MarkReadingConfig) {
        self.init(scores: measurements.map(\.score), config: config)
        let coverages = measurements.map(\.coverage).sorted()
        coverageBaseline = coverages.isEmpty ? 0 : coverages[coverages.count / 2]
        let levels = measurements.map(\.fillLevel).sorted()
        if !levels.isEmpty {
            let median = levels[levels.count / 2]
            let deviations = levels.map { abs($0 - median) }.sorted()
            let noise = 1.4826 * deviations[deviations.count / 2]
            fillLevelCut = median + max(config.fillLevelCut, config.noiseSigmas * noise)
            fillLevelSoftness = max(config.fillLevelSoftness, noise / 1.81)
        }
    }

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
        weakCut = baseline + config.weakStrokeShare * (cut - baseline)
        strokeMinCoverage = config.strokeMinCoverage
        strokeMinSpread = config.strokeMinSpread
    }

    /// True when the bubble holds a pen stroke: ink-dark pixels beyond the sheet's empty
    /// level, spread out (not a compact dot).
    public func holdsStroke(_ m: BubbleMeasurement) -> Bool {
        m.coverage - coverageBaseline >= strokeMinCoverage && m.inkSpread >= strokeMinSpread
    }

    /// Probability that the bubble holds a weak mark the cut would miss: zero without a
    /// stroke, otherwise logistic((score − weakCut) / softness).
    public func weakProbability(_ m: BubbleMeasurement) -> Double {
        guard holdsStroke(m) else { return 0 }
        return 1 / (1 + exp(-(m.score - weakCut) / softness))
    }

    /// Probability that a marked bubble with this strike feature was crossed out.
    public func strikeProbability(_ strike: Double) -> Double {
        1 / (1 + exp(-(strike - strikeCut) / strikeSoftness))
    }

    /// Probability that a bubble with this score is marked.
    public func probability(_ score: Double) -> Double {
        1 / (1 + exp(-(score - cut) / softness))
    }

    /// Probability that the bubble is marked: the larger of the score's and the fill level's.
    public func probability(_ m: BubbleMeasurement) -> Double {
        let level = fillLevelCut.isFinite ? 1 / (1 + exp(-(m.fillLevel - fillLevelCut) / fillLevelSoftness)) : 0
        return max(probability(m.score), level)
    }
}
