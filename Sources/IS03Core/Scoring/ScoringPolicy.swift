/// Thresholds of the scoring step, kept out of the code paths so a region can tune them.
public struct ScoringPolicy: Codable, Sendable, Hashable {
    /// An `ok` mark read with less confidence than this is a guess: the result becomes
    /// provisional and the field goes to review as `lowConfidenceMark`.
    public var minimumMarkConfidence: Double

    public init(minimumMarkConfidence: Double = 0.9) {
        self.minimumMarkConfidence = minimumMarkConfidence
    }

    public static let `default` = ScoringPolicy()
}
