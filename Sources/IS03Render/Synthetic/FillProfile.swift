import IS03Core

/// How often the people filling a synthetic sheet make each kind of mark, per degradation
/// level. Shares are per field (criteria, verdict, total) unless said otherwise.
public struct FillProfile: Sendable, Hashable {
    /// A crossed-out mark next to the intended one.
    public var correctedShare: Double
    /// Two marks, neither crossed out (must be flagged).
    public var doubleShare: Double
    /// One faint mark that still means the value.
    public var lightShare: Double
    /// A criterion left unmarked although it was scored.
    public var blankShare: Double
    /// Stray dots and lines per sheet: a number drawn from 0…`maxStrays`.
    public var maxStrays: Int
    /// Share of sheets with a deliberate scoring-rule violation.
    public var violationShare: Double
    /// Share of sheets where the participant left «не завершил по объективным причинам» marked.
    public var notCompletedShare: Double
    /// Share of sheets the expert forgot to sign (0 in the standard profiles: every sheet signed).
    public var unsignedShare: Double = 0

    public init(correctedShare: Double, doubleShare: Double, lightShare: Double, blankShare: Double,
                maxStrays: Int, violationShare: Double, notCompletedShare: Double) {
        self.correctedShare = correctedShare; self.doubleShare = doubleShare; self.lightShare = lightShare
        self.blankShare = blankShare; self.maxStrays = maxStrays; self.violationShare = violationShare
        self.notCompletedShare = notCompletedShare
    }

    public static func standard(for level: DegradationLevel) -> FillProfile {
        switch level {
        case .clean:
            FillProfile(correctedShare: 0.015, doubleShare: 0.004, lightShare: 0.01, blankShare: 0.002,
                        maxStrays: 1, violationShare: 0.1, notCompletedShare: 0.01)
        case .moderate:
            FillProfile(correctedShare: 0.02, doubleShare: 0.005, lightShare: 0.03, blankShare: 0.003,
                        maxStrays: 2, violationShare: 0.1, notCompletedShare: 0.01)
        case .heavy:
            FillProfile(correctedShare: 0.03, doubleShare: 0.008, lightShare: 0.08, blankShare: 0.004,
                        maxStrays: 4, violationShare: 0.1, notCompletedShare: 0.01)
        }
    }
}
