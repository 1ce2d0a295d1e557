import Foundation
import IS03Core

/// The database of record: every packet, scan file, page, reading, reconciliation, result,
/// review item, operator decision and audit entry of the РЦОИ workflow.
///
/// One small, engine-neutral interface: SQLite (``SQLiteResultStore``) is the embedded default;
/// a PostgreSQL implementation can stand behind the same protocol. Every method is one database
/// transaction: it either happens completely or not at all, and concurrent callers (several
/// worker tasks, other processes) never see half of it. Implementations are `Sendable` and safe
/// to share between tasks; writes are serialised by the engine, so keep the work you do between
/// calls (image decoding, recognition) outside the store.
///
/// See `docs/storage.md` for the schema and the guarantees of each method.
public protocol ResultStore: Sendable {
    // MARK: Ingest

    /// Registers a packet (ВДП) found at `sourcePath` into `sitting` (`YYYY-MM-DD`, nil: undated);
    /// returns the existing packet when that path was registered before. Idempotent. A packet
    /// belongs to one sitting: registering a known path into another sitting throws
    /// `invalidState` (an undated packet takes the sitting given).
    func registerPacket(name: String, sourcePath: String, sitting: String?) async throws -> PacketRef

    /// Registers a scan file and its pages as `pending`. A file whose SHA-256 is already known
    /// adds nothing (whatever its path) and is reported as ``ScanFileRegistration/alreadyKnown``.
    func registerScanFile(_ file: ScanFileInput, packetID: Int64) async throws -> ScanFileRegistration

    /// Registers several scan files of one packet, each as ``registerScanFile(_:packetID:)``
    /// would, in order. An engine may do it in one transaction (SQLite does: one commit and one
    /// sync to disk instead of one per file); the default registers them one by one.
    func registerScanFiles(_ files: [ScanFileInput], packetID: Int64) async throws -> [ScanFileRegistration]

    // MARK: Processing

    /// Pages still to read, oldest first, at most `limit`, after page id `afterID` (for paging
    /// through a large backlog). Purged pages are never listed.
    func pendingPages(limit: Int, afterID: Int64?) async throws -> [PageRef]

    /// Stores everything derived from one page in ONE transaction: the reading, its
    /// reconciliation, its result and its review items, merged with earlier operator decisions
    /// (kept when the field's reading is unchanged, re-opened otherwise). Marks the page `done`.
    /// If anything fails nothing is stored and the page keeps its previous state.
    func commitPage(_ outcome: PageOutcome) async throws -> PageCommitReport

    /// ``commitPage(_:)`` for each of `outcomes`, in order, as one transaction where the engine
    /// does it (SQLite: all or none are stored, for one commit's cost); the default commits
    /// them one by one. Assembling commits a window of pages at a time through this.
    func commitPages(_ outcomes: [PageOutcome]) async throws -> [PageCommitReport]

    /// Stores a fresh reading of a page and marks it `done`, leaving its reconciliation, result
    /// and review items as they are, for batches that read every page first and reconcile them
    /// all at once afterwards (then ``commitPage(_:)`` per page, which merges decisions against
    /// this reading). Clears the page's participant list so ``pagesToReprocess(current:limit:afterID:)``
    /// lists it for re-reconciliation until that commit happens.
    func storeReading(pageID: Int64, reading: SheetReading, templateVersion: String?,
                      engineVersion: String) async throws

    /// Marks a page `failed` with a reason a person can act on (e.g. "cannot decode TIFF page 3")
    /// and the engine version that failed. What an earlier successful read stored (result,
    /// review items, decisions) is kept.
    func markPageFailed(pageID: Int64, reason: String, engineVersion: String, actor: String) async throws

    /// The page, with its stored reading (nil until read, or after a purge).
    func page(id: Int64) async throws -> StoredPage?

    /// Done or failed pages whose template version, engine version or participant list differ
    /// from `current`, or that got operator decisions after their result was computed, with
    /// why. Pages that need no new reading are marked so the caller can reuse the stored
    /// reading instead of decoding the image again.
    func pagesToReprocess(current: ProcessingVersions, limit: Int, afterID: Int64?) async throws -> [ReprocessCandidate]

    // MARK: Participants

    /// Stores a participant list version, with the optional experts list that goes with it
    /// (empty: none); a version with the same content hash adds nothing. The most recently
    /// imported version is the current one. `sha256` identifies participants and experts
    /// together (see `ReferenceListImport` in IS03Pipeline).
    /// The list is imported for `sitting` (`YYYY-MM-DD`); the same content already imported for
    /// another sitting throws `invalidState`.
    func importParticipantList(name: String, sha256: String, participants: [Participant], experts: [Expert],
                               sitting: String?, actor: String) async throws -> ParticipantListRef

    /// The current participant list of `sitting` (the most recently imported for it, not
    /// purged); with nil, the most recently imported of any sitting.
    func currentParticipantList(sitting: String?) async throws -> ParticipantListRef?

    /// Every sitting with a list or a packet, oldest first, with its counts.
    func sittings() async throws -> [SittingSummary]

    /// The participants of a list version, in list order.
    func participants(listID: Int64) async throws -> [Participant]

    /// The experts imported with a list version, in list order (empty when it has none).
    func experts(listID: Int64) async throws -> [Expert]

    // MARK: Review

    /// Leases the oldest open item (optionally only of `reason`) to `operatorName` until
    /// `leaseSeconds` from now; items whose lease expired are offered again. Nil when none.
    func leaseNextReviewItem(operatorName: String, leaseSeconds: Int, reason: String?) async throws -> ReviewItem?

    /// Records an operator's value for an item, closes it and writes the audit trail.
    func decide(itemID: Int64, operatorName: String, value: String, reason: String?) async throws -> FieldDecision

    /// Puts an item aside (state `deferred`, lease released) with an optional note.
    func deferItem(itemID: Int64, operatorName: String, note: String?) async throws

    /// The review items of one page, by field.
    func reviewItems(pageID: Int64) async throws -> [ReviewItem]

    /// The decisions currently in force for a page (those of `decided` items), by field.
    func decisions(pageID: Int64) async throws -> [FieldDecision]

    // MARK: Runs, status, export

    /// Records the start of a run (`process`, `reprocess`, …); returns its id.
    func startRun(command: String, engineVersion: String) async throws -> Int64

    /// Records the end of a run with its counts.
    func finishRun(id: Int64, counts: RunCounts) async throws

    /// Counts for `is03 status`: packets, files, pages by state, open review items by reason.
    func status() async throws -> StoreStatus

    /// Each packet with its pages by state, in registration order (for `is03 status` and reports).
    func packetSummaries() async throws -> [PacketSummary]

    /// Results for export, ordered by ОО, auditorium and participant.
    func results(_ filter: ResultFilter) async throws -> [StoredResult]

    /// Open or deferred review items on pages matching `filter` (all pages when the filter is
    /// empty), so an export can refuse while work is outstanding.
    func openReviewItemCount(_ filter: ResultFilter) async throws -> Int

    /// Audit entries, oldest first, optionally for one entity (e.g. `"review_item"`, id).
    func auditTrail(entity: String?, entityID: Int64?) async throws -> [AuditEntry]

    // MARK: Retention

    /// Destroys personal data registered before `cutoff` (seed 003 §11): readings, results,
    /// reconciliations, review items and decisions of those packets' pages, participant lists
    /// imported before it, and the values in older audit entries. Keeps page identities
    /// (hashes) so purged scans are not ingested again. Writes a purge record and an audit
    /// entry; returns what was removed, including file paths the caller must delete.
    ///
    /// A cutoff later than the store's clock is refused (`StorageError.invalidState`) unless
    /// `allowingFutureCutoff`: a mistyped year must not destroy this season's data.
    ///
    /// With `sitting`, only that sitting's pages and lists are purged, and only audit entries
    /// about them are redacted: the other sittings stay whole.
    ///
    /// - Warning: Irreversible by design.
    func purge(before cutoff: Date, actor: String, allowingFutureCutoff: Bool, sitting: String?) async throws -> PurgeReport

    /// Adds to the audit log what the caller deleted from disk after purge `purgeID` (counts
    /// only: the names and paths are what was destroyed).
    func recordPurgedFiles(_ files: PurgedFiles, purgeID: Int64, actor: String) async throws
}

extension ResultStore {
    /// Purges with a cutoff no later than now (see ``purge(before:actor:allowingFutureCutoff:)``).
    public func purge(before cutoff: Date, actor: String) async throws -> PurgeReport {
        try await purge(before: cutoff, actor: actor, allowingFutureCutoff: false, sitting: nil)
    }

    /// Purges every sitting (see ``purge(before:actor:allowingFutureCutoff:sitting:)``).
    public func purge(before cutoff: Date, actor: String, allowingFutureCutoff: Bool) async throws -> PurgeReport {
        try await purge(before: cutoff, actor: actor, allowingFutureCutoff: allowingFutureCutoff, sitting: nil)
    }
}

extension ResultStore {
    /// Registers an undated packet (see ``registerPacket(name:sourcePath:sitting:)``).
    public func registerPacket(name: String, sourcePath: String) async throws -> PacketRef {
        try await registerPacket(name: name, sourcePath: sourcePath, sitting: nil)
    }

    /// The most recently imported participant list of any sitting.
    public func currentParticipantList() async throws -> ParticipantListRef? {
        try await currentParticipantList(sitting: nil)
    }

    /// Stores a participant list version with its experts, for no particular sitting.
    public func importParticipantList(name: String, sha256: String, participants: [Participant], experts: [Expert],
                                      actor: String) async throws -> ParticipantListRef {
        try await importParticipantList(name: name, sha256: sha256, participants: participants, experts: experts,
                                        sitting: nil, actor: actor)
    }

    public func registerScanFiles(_ files: [ScanFileInput], packetID: Int64) async throws -> [ScanFileRegistration] {
        var registrations: [ScanFileRegistration] = []
        for file in files { registrations.append(try await registerScanFile(file, packetID: packetID)) }
        return registrations
    }

    /// Stores a participant list version without an experts list.
    public func importParticipantList(name: String, sha256: String, participants: [Participant],
                                      actor: String) async throws -> ParticipantListRef {
        try await importParticipantList(name: name, sha256: sha256, participants: participants, experts: [], sitting: nil,
                                        actor: actor)
    }
}

extension ResultStore {
    public func commitPages(_ outcomes: [PageOutcome]) async throws -> [PageCommitReport] {
        var reports: [PageCommitReport] = []
        for outcome in outcomes { reports.append(try await commitPage(outcome)) }
        return reports
    }
}
