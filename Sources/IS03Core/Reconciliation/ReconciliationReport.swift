/// The outcome of matching a batch of sheets to the participant list.
public struct ReconciliationReport: Sendable, Hashable, Codable {
    /// One entry per input sheet, in input order.
    public var matches: [SheetMatch]
    /// Participants marked «Н» on the list who have an accepted sheet.
    public var absentWithSheet: [String]
    /// Participants who sat (not «Н») with no sheet accepted or proposed for them, in the
    /// auditoriums whose sheets have arrived (an auditorium with no sheet in the batch or
    /// database yet has simply not been scanned: its people are not reported missing).
    public var missingSheets: [String]
    /// Groups of sheet indices that point at one participant.
    public var duplicateSheets: [[Int]]
    public var countCheck: CountCheck

    /// Seed 000's check: the number of result rows must equal the number who sat. Both counts
    /// are over the auditoriums whose sheets have arrived (see ``missingSheets``), so a batch
    /// of some of a region's auditoriums checks out when each of those is complete.
    public struct CountCheck: Sendable, Hashable, Codable {
        /// Participants not marked «Н» in the arrived auditoriums.
        public var participantsWhoSat: Int
        /// Distinct participants with an accepted sheet (absent ones excluded).
        public var acceptedResults: Int
        public var ok: Bool { participantsWhoSat == acceptedResults }
    }
}

/// How one sheet was matched.
public struct SheetMatch: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        /// The QR code's participant id (personalised sheets).
        case qr
        /// Handwritten ФИО, document and context, within the packet.
        case packet
        /// …within the school, after the packet did not settle it.
        case school
        /// …within the whole list.
        case region
        /// The document series and number, read with certainty, are those of exactly one
        /// participant of the sheet's auditorium (its ОО and auditorium read so too), and the
        /// written ФИО does not contradict them.
        case document
        /// Not matched.
        case none
    }

    /// The score recorded for a QR match (exact by construction; a finite number so reports
    /// encode as JSON).
    public static let qrScore = 100.0

    public var sheetIndex: Int
    /// The accepted participant, or the proposed one when not accepted.
    public var participantID: String?
    public var method: Method
    public var accepted: Bool
    /// Score of the chosen candidate and its gap to the runner-up (nats); the gap is nil when
    /// there was no runner-up.
    public var score: Double
    public var margin: Double?
    /// Why the sheet was not accepted (nil when accepted).
    public var reason: ReviewReason?
    /// Ranked candidates with posterior probabilities, best first.
    public var candidates: [Candidate]
    /// For a sheet not accepted: which fields agreed with the best candidate and which
    /// contradicted it, for the review item's message (nil when there is nothing to add).
    public var detail: String?

    public init(sheetIndex: Int, participantID: String?, method: Method, accepted: Bool, score: Double, margin: Double?,
                reason: ReviewReason?, candidates: [Candidate], detail: String? = nil) {
        self.sheetIndex = sheetIndex; self.participantID = participantID; self.method = method; self.accepted = accepted
        self.score = score; self.margin = margin; self.reason = reason; self.candidates = candidates; self.detail = detail
    }

    public struct Candidate: Sendable, Hashable, Codable {
        public var participantID: String
        public var fullName: String
        public var score: Double
        /// Probability among the listed candidates and "nobody on the list".
        public var probability: Double
    }
}
