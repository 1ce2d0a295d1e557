/// One question for an operator: what is uncertain, on which sheet and field, what the machine
/// read, the candidates it considered, and a crop of the field to look at.
///
/// Named `ReviewQueueItem` so it does not clash with the storage layer's `ReviewItem` (the
/// stored, leased form of the same question).
public struct ReviewQueueItem: Codable, Sendable, Hashable {
    /// Stable id: the page's SHA-256 prefix, page, field and reason (participant id for
    /// list-side items), so re-processing yields the same id.
    public var id: String
    public var reason: ReviewReason
    /// A field id of the template (`crit.П1`, `surname`), or `@participant` (the match),
    /// `@sheet` (sheet-wide, e.g. a rule over a group), `@page` (the page as a whole),
    /// `@list` (a participant without a sheet).
    public var fieldID: String
    public var message: String
    /// What the machine read or proposed.
    public var machineValue: String?
    public var confidence: Double?
    /// Other values (for a match: participant ids) with their confidences, best first.
    public var candidates: [ReviewCandidate]
    /// Path, relative to the output folder, of a PNG crop of the field (written by the pipeline).
    public var crop: String?
    /// The sheet concerned; nil for list-side items (a participant without a sheet).
    public var sheet: SheetReference?
    /// The participant concerned, when known.
    public var participantID: String?
    /// The template rule, for rule violations.
    public var ruleID: String?

    public init(id: String, reason: ReviewReason, fieldID: String, message: String, machineValue: String? = nil,
                confidence: Double? = nil, candidates: [ReviewCandidate] = [], crop: String? = nil,
                sheet: SheetReference? = nil, participantID: String? = nil, ruleID: String? = nil) {
        self.id = id; self.reason = reason; self.fieldID = fieldID; self.message = message
        self.machineValue = machineValue; self.confidence = confidence; self.candidates = candidates
        self.crop = crop; self.sheet = sheet; self.participantID = participantID; self.ruleID = ruleID
    }
}

/// A value an operator may pick, with the machine's confidence in it.
public struct ReviewCandidate: Codable, Sendable, Hashable {
    public var value: String
    /// Human-readable description (the participant's ФИО for match candidates).
    public var label: String?
    public var confidence: Double
    public init(value: String, label: String? = nil, confidence: Double) {
        self.value = value; self.label = label; self.confidence = confidence
    }
}

/// Which page an item is about.
public struct SheetReference: Codable, Sendable, Hashable {
    public var file: String
    public var page: Int
    public var sha256: String
    /// The packet (ВДП) the page was scanned in.
    public var packet: String?
    public init(file: String, page: Int, sha256: String, packet: String? = nil) {
        self.file = file; self.page = page; self.sha256 = sha256; self.packet = packet
    }
    public init(_ source: PageSource, packet: String? = nil) {
        self.init(file: source.file, page: source.page, sha256: source.sha256, packet: packet)
    }
}

extension ReviewQueueItem {
    /// Where the pipeline writes the crop of `fieldID` on `source`: `crops/<sha12>-p<page>-<field>.png`,
    /// with characters other than letters, digits, `.`, `-` and `_` in the field id replaced by `_`.
    public static func cropPath(for source: PageSource, fieldID: String) -> String {
        let safe = String(fieldID.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
        return "crops/\(source.sha256.prefix(12))-p\(source.page)-\(safe).png"
    }

    /// The stable id for an item on a page.
    static func makeID(_ source: PageSource, fieldID: String, reason: ReviewReason) -> String {
        "\(source.sha256.prefix(12))-p\(source.page)-\(fieldID)-\(reason.rawValue)"
    }
}
