/// One participant's result: the fields of seed 000 (ОО and МСУ codes, auditorium, variant,
/// criterion scores, total, зачёт/незачёт, expert's ФИО) plus identity, group totals, flags and
/// where it came from. One record per participant who sat; written by `ResultsXML` and `ResultsCSV`.
public struct ResultRecord: Codable, Sendable, Hashable {
    public var participant: Participant
    /// Variant and КИМ numbers as read from the sheet (nil when unread).
    public var variant: String?
    public var kim: String?
    /// The expert's ФИО as written on the sheet (surname and initials).
    public var expert: String?
    public var score: SheetScore
    /// Machine-readable flags: `provisional`, `duplicateSheet`, `absentOnList`, rule ids, …
    public var flags: [String]
    public var provenance: Provenance

    public init(participant: Participant, variant: String?, kim: String?, expert: String?, score: SheetScore,
                flags: [String], provenance: Provenance) {
        self.participant = participant; self.variant = variant; self.kim = kim; self.expert = expert
        self.score = score; self.flags = flags; self.provenance = provenance
    }
}

/// Where a result came from, so any number can be traced back to a scan.
public struct Provenance: Codable, Sendable, Hashable {
    public var scanFile: String
    /// Zero-based page within the scan file.
    public var page: Int
    /// SHA-256 of the page's image bytes, hex.
    public var sha256: String
    public var templateID: String
    public var engineVersion: String
    /// How the sheet was matched to the participant (`qr`, `packet`, `school`, `region`).
    public var matchMethod: String
    public var reviewStatus: ReviewStatus
    /// For a `verified` result: the people whose decisions it stands on (comma-separated
    /// account names) and when the last of them decided (ISO 8601, UTC).
    public var verifiedBy: String?
    public var verifiedAt: String?

    public init(scanFile: String, page: Int, sha256: String, templateID: String, engineVersion: String,
                matchMethod: String, reviewStatus: ReviewStatus, verifiedBy: String? = nil, verifiedAt: String? = nil) {
        self.scanFile = scanFile; self.page = page; self.sha256 = sha256; self.templateID = templateID
        self.engineVersion = engineVersion; self.matchMethod = matchMethod; self.reviewStatus = reviewStatus
        self.verifiedBy = verifiedBy; self.verifiedAt = verifiedAt
    }
}

/// Whether a result can be loaded as it is.
public enum ReviewStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// Read, matched and scored with nothing uncertain.
    case auto
    /// Something about this result is in the review queue; it is provisional until decided.
    case pending
    /// A person decided or corrected something about it, and nothing is open any more.
    case verified
}
