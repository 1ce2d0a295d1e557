import Foundation
import IS03Core

/// Everything the pipeline derived from one page, stored together by ``ResultStore/commitPage(_:)``.
public struct PageOutcome: Sendable {
    public var pageID: Int64
    /// The reading the outcome was derived from. With ``keepsStoredReading`` it is the page's
    /// stored reading handed back (nil: the store decodes the stored one itself, and only when
    /// review items need it for their fingerprints).
    public var reading: SheetReading?
    /// True when the page's stored reading stays as it is: the reading, its template and engine
    /// versions and its read time are not written again (re-assembly after reading, where the
    /// reading is unchanged and re-encoding it would be wasted work). The page must have a
    /// stored reading. False: `reading` (required) replaces the stored one.
    public var keepsStoredReading: Bool
    /// Which template version the page was read with (e.g. the SHA-256 of the template file);
    /// nil for pages that are not sheets. Ignored with ``keepsStoredReading``.
    public var templateVersion: String?
    /// Ignored with ``keepsStoredReading``.
    public var engineVersion: String
    /// The participant list version the page was reconciled against, if any.
    public var participantListID: Int64?
    public var reconciliation: ReconciliationInput?
    public var result: ResultInput?
    /// Fields that need an operator. Decided items whose field reading is unchanged stay decided.
    public var reviewItems: [ReviewItemInput]
    /// Who is writing, for the audit log (e.g. `is03 process`).
    public var actor: String

    public init(pageID: Int64, reading: SheetReading, templateVersion: String?,
                engineVersion: String = EngineVersion.current, participantListID: Int64?,
                reconciliation: ReconciliationInput?, result: ResultInput?,
                reviewItems: [ReviewItemInput], actor: String) {
        self.pageID = pageID; self.reading = reading; self.keepsStoredReading = false
        self.templateVersion = templateVersion
        self.engineVersion = engineVersion; self.participantListID = participantListID
        self.reconciliation = reconciliation; self.result = result
        self.reviewItems = reviewItems; self.actor = actor
    }

    /// An outcome that keeps the page's stored reading (see ``keepsStoredReading``): only the
    /// reconciliation, result and review items are stored. `storedReading` is the stored
    /// reading if the caller has it decoded already, else nil.
    public init(pageID: Int64, keepingStoredReading storedReading: SheetReading?, participantListID: Int64?,
                reconciliation: ReconciliationInput?, result: ResultInput?,
                reviewItems: [ReviewItemInput], actor: String) {
        self.pageID = pageID; self.reading = storedReading; self.keepsStoredReading = true
        self.templateVersion = nil; self.engineVersion = EngineVersion.current
        self.participantListID = participantListID
        self.reconciliation = reconciliation; self.result = result
        self.reviewItems = reviewItems; self.actor = actor
    }

    /// The reading review items are judged against: the outcome's, else `stored()` (called at
    /// most once, and only when there are items to merge: `hasItems`).
    public func readingForItems(hasItems: Bool, stored: () throws -> SheetReading?) throws -> SheetReading? {
        if let reading { return reading }
        guard hasItems || !reviewItems.isEmpty else { return nil }
        return try stored()
    }
}

/// How a page was matched to a participant.
public struct ReconciliationInput: Sendable, Hashable, Codable {
    /// The matched participant's list id; nil when nobody matched.
    public var participantID: String?
    /// How: e.g. `qr`, `document`, `name`, `none`.
    public var method: String
    /// Match score of the chosen participant, 0…1.
    public var score: Double
    /// Score gap to the runner-up (nil when there was none).
    public var margin: Double?
    /// True when the match is trusted; false when it went to the review queue.
    public var accepted: Bool

    public init(participantID: String?, method: String, score: Double, margin: Double?, accepted: Bool) {
        self.participantID = participantID; self.method = method; self.score = score
        self.margin = margin; self.accepted = accepted
    }
}

/// A participant's result derived from one page. `payload` is the full result as JSON (the
/// domain's result type); the other fields are copied out for queries and export.
public struct ResultInput: Sendable, Hashable {
    public var participantID: String?
    /// ОО (school) code.
    public var oo: String?
    public var auditorium: String?
    public var total: Int?
    /// e.g. `pass` / `fail` (зачёт / незачёт); nil when not decidable yet.
    public var verdict: String?
    public var payload: Data

    public init(participantID: String?, oo: String?, auditorium: String?, total: Int?,
                verdict: String?, payload: Data) {
        self.participantID = participantID; self.oo = oo; self.auditorium = auditorium
        self.total = total; self.verdict = verdict; self.payload = payload
    }

    /// Builds the input with `payload` encoded as JSON (sorted keys, so equal results give
    /// equal bytes).
    public init<Payload: Encodable>(participantID: String?, oo: String?, auditorium: String?,
                                    total: Int?, verdict: String?, encoding payload: Payload) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.init(participantID: participantID, oo: oo, auditorium: auditorium, total: total,
                  verdict: verdict, payload: try encoder.encode(payload))
    }
}

/// A question for an operator about one field (or the whole page: field ids starting with `@`,
/// e.g. `@participant` for an unmatched sheet).
public struct ReviewItemInput: Sendable, Hashable {
    public var fieldID: String
    /// Why it needs a person, as a stable code (e.g. `low-confidence`, `multiple-marks`,
    /// `rule-violation`, `unmatched-participant`).
    public var reason: String
    /// What the machine read (nil when nothing).
    public var machineValue: String?
    /// Candidate values, best first.
    public var candidates: [Alternative]
    public var confidence: Double
    /// Path of a crop image showing the field, if one was saved.
    public var cropPath: String?
    /// What the pipeline found, specifically (the rule that fired, who already has the
    /// sheet): shown to the operator next to the reason.
    public var message: String?

    public init(fieldID: String, reason: String, machineValue: String?, candidates: [Alternative] = [],
                confidence: Double, cropPath: String? = nil, message: String? = nil) {
        self.fieldID = fieldID; self.reason = reason; self.machineValue = machineValue
        self.candidates = candidates; self.confidence = confidence; self.cropPath = cropPath; self.message = message
    }
}

/// What ``ResultStore/commitPage(_:)`` changed, so `is03 reprocess` can print it.
public struct PageCommitReport: Sendable, Hashable {
    public var pageID: Int64
    public var previousResult: ResultSummary?
    public var newResult: ResultSummary?
    /// Fields whose decision was kept because their reading did not change.
    public var keptDecisions: [String]
    /// Fields whose decision was re-opened because their reading changed.
    public var reopened: [String]
    /// Fields newly queued for review.
    public var queued: [String]
    /// Fields whose open item was withdrawn because the new reading no longer needs a person.
    public var withdrawn: [String]

    /// True when the page's result (participant, total or verdict) differs from before.
    public var resultChanged: Bool { previousResult != newResult }

    public init(pageID: Int64, previousResult: ResultSummary? = nil, newResult: ResultSummary? = nil,
                keptDecisions: [String] = [], reopened: [String] = [], queued: [String] = [], withdrawn: [String] = []) {
        self.pageID = pageID; self.previousResult = previousResult; self.newResult = newResult
        self.keptDecisions = keptDecisions; self.reopened = reopened; self.queued = queued; self.withdrawn = withdrawn
    }
}

/// The key columns of a stored result.
public struct ResultSummary: Sendable, Hashable, Codable {
    public var participantID: String?
    public var total: Int?
    public var verdict: String?

    public init(participantID: String?, total: Int?, verdict: String?) {
        self.participantID = participantID; self.total = total; self.verdict = verdict
    }
}
