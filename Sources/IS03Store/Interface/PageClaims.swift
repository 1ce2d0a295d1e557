import Foundation
import IS03Core

/// How pending pages are shared between many `is03 worker` processes, on one machine or many:
/// a worker claims a few pages under a lease, reads them, and stores each reading only while it
/// still holds the claim. A worker that dies simply stops renewing; when its lease runs out the
/// pages are offered to the others. The database decides who holds what, so no page is read
/// into the database twice.
public protocol PageClaimStore: ResultStore {
    /// Claims up to `limit` pending pages nobody holds (or whose lease ran out) for `worker`,
    /// until `leaseSeconds` from now, oldest first, whole files together where possible.
    /// Concurrent callers never get the same page (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
    func claimPendingPages(worker: String, limit: Int, leaseSeconds: Int) async throws -> [PageRef]

    /// Extends the lease of the pages `worker` still holds among `pageIDs`; returns their ids
    /// (a page missing from the answer was taken over or finished: do not store it).
    func renewClaims(pageIDs: [Int64], worker: String, leaseSeconds: Int) async throws -> [Int64]

    /// Stores a reading like ``ResultStore/storeReading(pageID:reading:templateVersion:engineVersion:)``,
    /// but only if the page is still pending and claimed by `worker`. Returns false (and stores
    /// nothing) when the claim was lost, so a page is stored exactly once.
    func storeClaimedReading(pageID: Int64, worker: String, reading: SheetReading, templateVersion: String?,
                             engineVersion: String) async throws -> Bool

    /// Marks a claimed page failed like ``ResultStore/markPageFailed(pageID:reason:engineVersion:actor:)``,
    /// only if `worker` still holds it. Returns false when the claim was lost.
    func markClaimedPageFailed(pageID: Int64, worker: String, reason: String, engineVersion: String) async throws -> Bool

    /// Gives claimed pages back (a worker stopping cleanly) so others need not wait for the lease.
    func releaseClaims(pageIDs: [Int64], worker: String) async throws

    /// Takes (or renews) the named lock for `holder` until `leaseSeconds` from now; false when
    /// another holder has it under a live lease. For jobs one worker at a time should run, such
    /// as assembling the batch once every page is read.
    func acquireJobLock(_ name: String, holder: String, leaseSeconds: Int) async throws -> Bool

    /// Gives the lock back (only if `holder` has it).
    func releaseJobLock(_ name: String, holder: String) async throws

    /// Pending pages: how many nobody holds, and how many are held under a live lease.
    func claimCounts() async throws -> ClaimCounts
}

/// The state of the shared backlog, for workers deciding whether to wait or to assemble.
public struct ClaimCounts: Sendable, Hashable {
    /// Pending pages free to claim (never claimed, or their lease ran out).
    public var unclaimed: Int
    /// Pending pages a worker holds under a live lease.
    public var claimed: Int
    public init(unclaimed: Int, claimed: Int) { self.unclaimed = unclaimed; self.claimed = claimed }
}

/// Everything the commands need from the database of record, whichever engine stands behind it.
public typealias DatabaseOfRecord = ReviewQueueStore & ReadingCatalog & AccountStore & PageClaimStore
