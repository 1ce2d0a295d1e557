/// Thresholds of sheet-to-participant matching. Scores are log-likelihood ratios in nats: how
/// much more likely the sheet's readings are if it belongs to the participant than if it
/// belongs to a random person (0 = no evidence either way; +3 ≈ one confident letter).
public struct ReconciliationPolicy: Codable, Sendable, Hashable {
    /// The best candidate must score at least this much to be accepted automatically.
    public var minimumScore: Double
    /// …and beat the runner-up (on the sheet's side and on the participant's side) by this much.
    public var minimumMargin: Double
    /// Below this best score the sheet is reported as having no participant.
    public var noParticipantScore: Double
    /// Cost of one box written with nothing to match, or one letter of the name left out.
    public var gapPenalty: Double
    /// Probability left for a letter the reader did not list as an alternative.
    public var unlistedLetterFloor: Double
    /// …raised to this for a pair of letters that hand print often confuses (see `HandprintConfusions`).
    public var confusableLetterFloor: Double
    /// How many candidates a review item lists.
    public var candidatesListed: Int
    /// How many participants of the whole list are checked (after a cheap positional score)
    /// as rivals for a sheet whose own ОО/auditorium do not confirm its packet.
    public var shortlistSize: Int
    /// Names are written from the first box on without gaps, so boxes that come after this many
    /// blank boxes in a row are specks, bleed-through or slips, not letters…
    public var strayTailGap: Int
    /// …unless one of them holds a letter the reader is at least this sure of (then the tail
    /// stays as evidence, and a match has to stand despite it).
    public var strayTailConfidence: Double

    public init(minimumScore: Double = 8, minimumMargin: Double = 8, noParticipantScore: Double = 4,
                gapPenalty: Double = 4, unlistedLetterFloor: Double = 0.003, confusableLetterFloor: Double = 0.04,
                candidatesListed: Int = 5, shortlistSize: Int = 12, strayTailGap: Int = 2,
                strayTailConfidence: Double = 0.9) {
        self.minimumScore = minimumScore; self.minimumMargin = minimumMargin
        self.noParticipantScore = noParticipantScore; self.gapPenalty = gapPenalty
        self.unlistedLetterFloor = unlistedLetterFloor; self.confusableLetterFloor = confusableLetterFloor
        self.candidatesListed = candidatesListed; self.shortlistSize = shortlistSize
        self.strayTailGap = strayTailGap; self.strayTailConfidence = strayTailConfidence
    }

    public static let `default` = ReconciliationPolicy()
}
