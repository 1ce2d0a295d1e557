import IS03Core

/// One measured bubble of a read sheet with the probability the engine gave it, for the
/// benchmark's tuning dump and other callers that study the mark reader.
public struct MeasuredBubble: Sendable, Hashable {
    public var fieldID: String
    public var value: String
    /// Digit column (0 for choice and flag bubbles).
    public var column: Int
    public var measurement: BubbleMeasurement
    /// P(marked) under the sheet's cut.
    public var probability: Double
    /// P(weak mark) from the weak-stroke feature (0 without a stroke).
    public var weakProbability: Double = 0
}

extension SheetAnalysis {
    /// Every bubble of the sheet as measured (empty when the page was not registered).
    public var measuredBubbles: [MeasuredBubble] {
        bubbles.map { MeasuredBubble(fieldID: $0.fieldID, value: $0.placed.key, column: $0.placed.column,
                                     measurement: $0.measurement, probability: $0.probability,
                                     weakProbability: threshold?.weakProbability($0.measurement) ?? 0) }
    }

    /// The sheet's mark cut (score at which a bubble is as likely marked as not).
    public var markCut: Double? { threshold?.cut }

    /// The sheet's whole mark threshold (cut, weak-stroke zone, fill-level cut).
    public var markThreshold: MarkThreshold? { threshold }
}
