/// One candidate reading of a box with its probability.
public struct CharacterAlternative: Codable, Sendable, Hashable {
    public var character: String
    /// Calibrated probability 0…1 that this is the character written.
    public var confidence: Double

    public init(character: String, confidence: Double) {
        self.character = character; self.confidence = confidence
    }
}
