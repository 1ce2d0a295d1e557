/// Thresholds of sheet-to-participant matching. Scores are log-likelihood ratios in nats: how
/// much more likely the sheet's readings are if it belongs to the participant than if it
/// belongs to a random person (0 = no evidence either way; +3 ≈ one confident letter).
/// docs/formats.md («How a sheet is matched») explains the model and how it was calibrated.
public struct ReconciliationPolicy: Codable, Sendable, Hashable {
    /// The best candidate must score at least this much to be accepted automatically.
    public var minimumScore: Double
    /// …and beat the runner-up (on the sheet's side and on the participant's side) by this much.
    public var minimumMargin: Double
    /// «Nobody on the list fits» is said only when the best candidate's identity evidence is
    /// at most minus this much: the readings positively exclude every listed candidate. Between
    /// that and `minimumScore` the evidence is too weak to tell, and the sheet is queued as such.
    public var noParticipantScore: Double
    /// Cost of one box written with nothing to match, or one letter of the name left out.
    public var gapPenalty: Double
    /// Cost of the name's last letter having no box: the reader drops a name's last written
    /// letter far more often than any other, so that gap is weak evidence against a candidate.
    public var droppedLastLetterPenalty: Double
    /// Probability left for a letter the reader did not list as an alternative.
    public var unlistedLetterFloor: Double
    /// …raised to this for a pair of letters that hand print often confuses (see `HandprintConfusions`).
    public var confusableLetterFloor: Double
    /// Share of a box's reading that is not believed: its letter probabilities are mixed with
    /// this much of a uniform guess, because a real writer's letter read at 0.99 is right only
    /// about nine times in ten. A box the reader cannot make out then gives almost no evidence
    /// either way instead of vetoing the true name.
    public var letterDoubt: Double
    /// Prior probability that a sheet's writer (participant or expert) is not the one listed
    /// candidate being weighed but someone off the list: it enters every posterior as the
    /// «nobody on the list» hypothesis with no identity evidence.
    public var notOnListPrior: Double
    /// An expert is accepted when the log posterior odds of the best expert against every
    /// other listed expert and «nobody on the list» reach this (8 ≈ 1 error in 3,000).
    public var expertAcceptLogOdds: Double
    /// A digit field read `ok` at this confidence or more, with no unsure column, is certain
    /// enough for a document series + number to identify a sheet on its own.
    public var certainDigitsConfidence: Double
    /// A letter box whose best letter is read at least this surely is a confidently read letter.
    public var confidentLetter: Double
    /// A ФИО whose confidently read letters score at most minus this much against the
    /// participant its document identifies contradicts the document: the sheet is queued,
    /// not matched. (Boxes read less surely say nothing here, so an unreadable name never
    /// contradicts; a writer's own name read surely scores well above zero.)
    public var contradictingNameScore: Double
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
                gapPenalty: Double = 4, droppedLastLetterPenalty: Double = 1,
                unlistedLetterFloor: Double = 0.003, confusableLetterFloor: Double = 0.04,
                letterDoubt: Double = 0.1, notOnListPrior: Double = 0.02, expertAcceptLogOdds: Double = 8,
                certainDigitsConfidence: Double = 0.95, confidentLetter: Double = 0.9, contradictingNameScore: Double = 3,
                candidatesListed: Int = 5, shortlistSize: Int = 12, strayTailGap: Int = 2,
                strayTailConfidence: Double = 0.9) {
        self.minimumScore = minimumScore; self.minimumMargin = minimumMargin
        self.noParticipantScore = noParticipantScore; self.gapPenalty = gapPenalty
        self.droppedLastLetterPenalty = droppedLastLetterPenalty
        self.unlistedLetterFloor = unlistedLetterFloor; self.confusableLetterFloor = confusableLetterFloor
        self.letterDoubt = letterDoubt; self.notOnListPrior = notOnListPrior
        self.expertAcceptLogOdds = expertAcceptLogOdds
        self.certainDigitsConfidence = certainDigitsConfidence; self.confidentLetter = confidentLetter
        self.contradictingNameScore = contradictingNameScore
        self.candidatesListed = candidatesListed; self.shortlistSize = shortlistSize
        self.strayTailGap = strayTailGap; self.strayTailConfidence = strayTailConfidence
    }

    public static let `default` = ReconciliationPolicy()
}
