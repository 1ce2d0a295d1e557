import Foundation

/// What every engine decides alike about a purge (docs/storage.md "Retention purge"); the
/// engines only carry out the deletions in their dialect.
public enum PurgeRules {
    /// A purge, in the order every engine follows: the cutoff is checked, `deleteRows` destroys
    /// the data in one transaction and returns what went, then `reclaimSpace` tries to make the
    /// deleted bytes unrecoverable (its success is the report's `compacted`).
    public static func carryOut(before cutoff: Date, now: Date, allowingFutureCutoff: Bool, location: String,
                                deleteRows: () async throws -> PurgeReport,
                                reclaimSpace: () async -> Bool) async throws -> PurgeReport {
        try checkCutoff(cutoff, now: now, allowingFutureCutoff: allowingFutureCutoff, location: location)
        var report = try await deleteRows()
        report.compacted = await reclaimSpace()
        return report
    }

    /// Refuses a cutoff later than `now` unless the operator insisted (`--force`).
    public static func checkCutoff(_ cutoff: Date, now: Date, allowingFutureCutoff: Bool, location: String) throws {
        if !allowingFutureCutoff && cutoff > now {
            throw StorageError(.invalidState, futureCutoffMessage(cutoff), location: location)
        }
    }

    /// Why a cutoff later than now is refused, and what to do.
    public static func futureCutoffMessage(_ cutoff: Date) -> String {
        let day = ISO8601DateFormatter.string(from: cutoff, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return "the cutoff \(day) is later than today: a purge destroys everything registered before it, this season's "
            + "data included; check the date (seed 003 §11: data is kept until 1 March of the following year), "
            + "or pass --force if this is really meant"
    }

    /// The audit log's entity and fields for a purge: what it destroyed (`before`, the
    /// ``PurgeSummary``) and, once the files are gone, which files (`files`).
    public static let auditEntity = "purge"
    public static let summaryField = "before"
    public static let filesField = "files"
}

/// The counts of a purge as written into `purge.summary_json` and the audit log: numbers only,
/// no names or paths (those are what was destroyed). One type for every engine, so the stored
/// JSON has the same keys wherever it was written.
public struct PurgeSummary: Codable, Sendable, Hashable {
    public var packets, pages, results, reviewItems, decisions, participantLists, participants: Int
    public var auditEntriesRedacted, scanFiles, cropImages: Int

    public init(_ report: PurgeReport) {
        packets = report.packets; pages = report.pages; results = report.results
        reviewItems = report.reviewItems; decisions = report.decisions
        participantLists = report.participantLists; participants = report.participants
        auditEntriesRedacted = report.auditEntriesRedacted
        scanFiles = report.scanFilePaths.count; cropImages = report.cropPaths.count
    }

    /// The JSON stored for `report`.
    public static func json(_ report: PurgeReport) throws -> String { try StoreJSON.encode(PurgeSummary(report)) }
}
