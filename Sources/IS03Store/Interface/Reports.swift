import Foundation
import IS03Core

/// The versions a page is compared against by ``ResultStore/pagesToReprocess(current:limit:afterID:)``.
public struct ProcessingVersions: Sendable, Hashable {
    /// Current version of each template, by template id (e.g. SHA-256 of its JSON file).
    public var templateVersions: [String: String]
    public var engineVersion: String
    /// The participant list id pages should be reconciled against (nil: don't compare).
    public var participantListID: Int64?

    public init(templateVersions: [String: String], engineVersion: String, participantListID: Int64?) {
        self.templateVersions = templateVersions; self.engineVersion = engineVersion
        self.participantListID = participantListID
    }
}

/// A page that is out of date, and why.
public struct ReprocessCandidate: Sendable, Hashable {
    public struct Reasons: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let template = Reasons(rawValue: 1)
        public static let engine = Reasons(rawValue: 2)
        public static let participantList = Reasons(rawValue: 4)
        /// The page failed last time with another engine version; it may do better now.
        public static let failed = Reasons(rawValue: 8)
        /// Operators decided fields after the page's result was computed: recompute it.
        public static let decisions = Reasons(rawValue: 16)
    }
    public var page: PageRef
    public var reasons: Reasons
    /// False when only the participant list or decisions changed: re-reconcile and re-score
    /// the stored reading, no need to decode the image again.
    public var needsReading: Bool { !reasons.isDisjoint(with: [.template, .engine, .failed]) }

    public init(page: PageRef, reasons: Reasons) { self.page = page; self.reasons = reasons }
}

/// A page as stored.
public struct StoredPage: Sendable, Hashable {
    public var ref: PageRef
    public var failureReason: String?
    public var templateID: String?
    public var templateVersion: String?
    public var engineVersion: String?
    public var pageClass: String?
    public var participantListID: Int64?
    public var reading: SheetReading?
    public var readAt: Date?
    public var purgedAt: Date?

    public init(ref: PageRef, failureReason: String?, templateID: String?, templateVersion: String?,
                engineVersion: String?, pageClass: String?, participantListID: Int64?, reading: SheetReading?,
                readAt: Date?, purgedAt: Date?) {
        self.ref = ref; self.failureReason = failureReason; self.templateID = templateID
        self.templateVersion = templateVersion; self.engineVersion = engineVersion; self.pageClass = pageClass
        self.participantListID = participantListID; self.reading = reading; self.readAt = readAt; self.purgedAt = purgedAt
    }
}

/// Counts written at the end of a run.
public struct RunCounts: Sendable, Hashable, Codable {
    public var pagesDone: Int
    public var pagesFailed: Int
    public var itemsQueued: Int
    public var resultsChanged: Int
    public init(pagesDone: Int = 0, pagesFailed: Int = 0, itemsQueued: Int = 0, resultsChanged: Int = 0) {
        self.pagesDone = pagesDone; self.pagesFailed = pagesFailed
        self.itemsQueued = itemsQueued; self.resultsChanged = resultsChanged
    }
}

/// What `is03 status` shows.
public struct StoreStatus: Sendable, Hashable {
    public var packets: Int
    public var files: Int
    /// Pages by state (every state present, zero when none); purged pages are not counted.
    public var pages: [PageState: Int]
    public var results: Int
    /// Open or deferred review items by reason code.
    public var openReviewByReason: [String: Int]
    public var openReviewItems: Int { openReviewByReason.values.reduce(0, +) }

    public init(packets: Int, files: Int, pages: [PageState: Int], results: Int, openReviewByReason: [String: Int]) {
        self.packets = packets; self.files = files; self.pages = pages; self.results = results
        self.openReviewByReason = openReviewByReason
    }
}

/// One packet and where its pages are (purged pages not counted).
public struct PacketSummary: Sendable, Hashable {
    public var packet: PacketRef
    public var files: Int
    public var pages: [PageState: Int]
    /// Open or deferred review items on the packet's pages.
    public var openReviewItems: Int

    public init(packet: PacketRef, files: Int, pages: [PageState: Int], openReviewItems: Int) {
        self.packet = packet; self.files = files; self.pages = pages; self.openReviewItems = openReviewItems
    }
}

/// Which results to export. Empty fields match everything.
public struct ResultFilter: Sendable, Hashable {
    public var oo: String?
    public var auditorium: String?
    /// Only results and items of this sitting's pages (`YYYY-MM-DD`).
    public var sitting: String?
    public init(oo: String? = nil, auditorium: String? = nil, sitting: String? = nil) {
        self.oo = oo; self.auditorium = auditorium; self.sitting = sitting
    }
    public static let all = ResultFilter()
}

/// Whether a result is final or still waits for an operator.
public enum ResultReviewStatus: String, Sendable, Hashable, Codable {
    /// No open or deferred review item on its page.
    case final
    /// Its page has review items outstanding; the result may still change.
    case pendingReview = "pending-review"
}

/// A result as stored.
public struct StoredResult: Sendable, Hashable {
    public var id: Int64
    public var pageID: Int64
    public var participantID: String?
    public var participantListID: Int64?
    public var oo: String?
    public var auditorium: String?
    public var total: Int?
    public var verdict: String?
    public var reviewStatus: ResultReviewStatus
    /// The full result as JSON, as given to ``ResultInput``.
    public var payload: Data
    public var updatedAt: Date

    public init(id: Int64, pageID: Int64, participantID: String?, participantListID: Int64?, oo: String?,
                auditorium: String?, total: Int?, verdict: String?, reviewStatus: ResultReviewStatus, payload: Data,
                updatedAt: Date) {
        self.id = id; self.pageID = pageID; self.participantID = participantID
        self.participantListID = participantListID; self.oo = oo; self.auditorium = auditorium; self.total = total
        self.verdict = verdict; self.reviewStatus = reviewStatus; self.payload = payload; self.updatedAt = updatedAt
    }
}

/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var at: Date
    /// Operator name or the command that made the change.
    public var actor: String
    /// Table-like name of what changed (`result`, `review_item`, `page`, `purge`, …).
    public var entity: String
    public var entityID: Int64?
    public var field: String?
    /// Old and new values; nil once redacted by a purge (personal data).
    public var from: String?
    public var to: String?
    public var redacted: Bool

    public init(id: Int64, at: Date, actor: String, entity: String, entityID: Int64?, field: String?,
                from: String?, to: String?, redacted: Bool) {
        self.id = id; self.at = at; self.actor = actor; self.entity = entity; self.entityID = entityID
        self.field = field; self.from = from; self.to = to; self.redacted = redacted
    }
}

/// What a purge removed.
public struct PurgeReport: Sendable, Hashable {
    public var id: Int64
    public var cutoff: Date
    public var packets: Int
    public var pages: Int
    public var results: Int
    public var reviewItems: Int
    public var decisions: Int
    public var participantLists: Int
    public var participants: Int
    public var auditEntriesRedacted: Int
    /// Scan files of the purged packets, for the caller to delete from disk.
    public var scanFilePaths: [String]
    /// Review crop images of the purged pages, for the caller to delete from disk.
    public var cropPaths: [String]
    /// File-name prefixes (`<page sha256, 12 digits>-p<page index>-`, see
    /// `ReviewQueueItem.cropPath`) of the crops of every page purged so far, this purge's and
    /// earlier ones': the caller deletes every crop file starting with one, including crops no
    /// review item points at any more, and a purge interrupted after its database step
    /// removes what it left behind when repeated.
    public var cropFilePrefixes: [String] = []
    /// The scan files of every page purged so far (this purge's and earlier ones'), for the
    /// caller to delete (or list, if they are still on disk) on every purge.
    public var purgedScanFilePaths: [String] = []
    /// True when the database file was rewritten so deleted data is not left in free space.
    /// False means the rows are gone but their bytes may linger in the file until reused:
    /// check free disk space and purge again (it is safe to repeat).
    public var compacted: Bool

    public init(id: Int64, cutoff: Date, packets: Int, pages: Int, results: Int, reviewItems: Int, decisions: Int,
                participantLists: Int, participants: Int, auditEntriesRedacted: Int, scanFilePaths: [String],
                cropPaths: [String], compacted: Bool) {
        self.id = id; self.cutoff = cutoff; self.packets = packets; self.pages = pages; self.results = results
        self.reviewItems = reviewItems; self.decisions = decisions; self.participantLists = participantLists
        self.participants = participants; self.auditEntriesRedacted = auditEntriesRedacted
        self.scanFilePaths = scanFilePaths; self.cropPaths = cropPaths; self.compacted = compacted
    }
}

/// What a purge's caller deleted from disk (counts only), recorded in the audit log.
public struct PurgedFiles: Sendable, Hashable, Codable {
    /// Result and review files of the output folder (`results.xml`, `review.json`, …).
    public var resultFiles = 0
    /// Crop images of purged pages.
    public var crops = 0
    /// Scan files deleted (with `--delete-scans`).
    public var scanFiles = 0
    /// Scan files of purged pages still on disk (not asked to delete them).
    public var scanFilesKept = 0
    /// Files that could not be deleted (the command names them to the operator).
    public var failures = 0

    public init() {}
}
