import Foundation

/// Which open items a lease may take. Empty fields match everything.
public struct ReviewLeaseFilter: Sendable, Hashable {
    public var fieldID: String?
    public var reason: String?
    /// Items the caller already holds (its prefetch buffer), so the lease hands out new ones.
    public var excluding: [Int64]
    /// Supervisors see double-verification disagreements (first) and may take them.
    public var includeDisagreements: Bool
    /// At most this many open items leased to the caller once the lease is done (those it
    /// already held count, and are handed out again without counting twice); nil: no bound.
    /// Checked in the lease's own transaction, so parallel calls cannot pass it together.
    public var maxHeld: Int?

    public init(fieldID: String? = nil, reason: String? = nil, excluding: [Int64] = [],
                includeDisagreements: Bool = false, maxHeld: Int? = nil) {
        self.fieldID = fieldID; self.reason = reason; self.excluding = excluding
        self.includeDisagreements = includeDisagreements; self.maxHeld = maxHeld
    }

    /// The candidates a lease may hand out under ``maxHeld``, in their order: every one the
    /// caller already holds (`isHeld`), and new ones while the caller's total (`held` now)
    /// stays within the bound.
    public func withinBound<Candidate>(_ candidates: [Candidate], held: Int, isHeld: (Candidate) -> Bool) -> [Candidate] {
        guard let maxHeld else { return candidates }
        var room = maxHeld - held
        return candidates.filter { candidate in
            if isHeld(candidate) { return true }
            guard room > 0 else { return false }
            room -= 1
            return true
        }
    }
}

/// A kind of open item (same field, same reason) and how many are waiting: one screen of
/// the review station's group mode.
public struct ReviewGroup: Sendable, Hashable, Codable {
    public var fieldID: String
    public var reason: String
    public var count: Int

    public init(fieldID: String, reason: String, count: Int) {
        self.fieldID = fieldID; self.reason = reason; self.count = count
    }
}

/// One operator's value for an item under double verification.
public struct ReviewOpinion: Sendable, Hashable, Codable {
    public var itemID: Int64
    public var operatorName: String
    public var value: String
    public var at: Date

    public init(itemID: Int64, operatorName: String, value: String, at: Date) {
        self.itemID = itemID; self.operatorName = operatorName; self.value = value; self.at = at
    }
}

/// The review station's queries over the review queue, beyond ``ResultStore``'s one-at-a-time
/// lease: batches (prefetch, group mode), holding a lease before ``ResultStore/decide``, re-opening
/// and double-verification opinions. Leases follow the same rules as
/// ``ResultStore/leaseNextReviewItem(operatorName:leaseSeconds:reason:)``: an item leased to one
/// operator is not offered to another until the lease runs out.
public protocol ReviewQueueStore: ResultStore {
    /// One review item by id (any state).
    func reviewItem(id: Int64) async throws -> ReviewItem?

    /// Leases up to `limit` open items matching `filter` to `operatorName`, oldest first, in one
    /// transaction. Items this operator already gave an opinion on are never offered again;
    /// `filter.maxHeld` bounds what the operator holds afterwards.
    /// - Complexity: one indexed query; the queue's size does not matter beyond the index walk.
    func leaseReviewItems(operatorName: String, leaseSeconds: Int, filter: ReviewLeaseFilter, limit: Int) async throws -> [ReviewItem]

    /// Confirms `operatorName` holds the item and extends the lease, so nobody can take it before
    /// the caller's `decide`. Throws ``StorageError/Code/invalidState`` when another operator holds
    /// it or it is no longer open; `force` (supervisors) skips the holder check.
    func holdLease(itemID: Int64, operatorName: String, leaseSeconds: Int, force: Bool) async throws -> ReviewItem

    /// How many open items are leased to `operatorName` right now (leases not run out).
    func heldLeaseCount(operatorName: String) async throws -> Int

    /// Hands leased items back to the queue (a closed browser tab, a left group screen).
    func releaseLeases(itemIDs: [Int64], operatorName: String) async throws

    /// Open items grouped by field and reason, biggest group first.
    func reviewGroups() async throws -> [ReviewGroup]

    /// Every item still outstanding (open, leased or not, and deferred), oldest first: the
    /// supervisor's list, which filters and pages them itself.
    func outstandingReviewItems() async throws -> [ReviewItem]

    /// Re-opens a decided (or deferred) item so it is asked again; audit entry with `note`.
    func reopen(itemID: Int64, actor: String, note: String) async throws

    /// The item for `fieldID` of `pageID`, creating an open one (reason `reason`, no machine
    /// doubt) when the pipeline never queued that field, so a supervisor can correct any field
    /// through ``ResultStore/decide``.
    func reviewItemForCorrection(pageID: Int64, fieldID: String, machineValue: String?,
                                 readingFingerprint: String, reason: String, actor: String) async throws -> ReviewItem

    /// Records a double-verification opinion and releases the lease; returns all opinions on
    /// the item so far, oldest first.
    func recordOpinion(itemID: Int64, operatorName: String, value: String) async throws -> [ReviewOpinion]

    /// Opinions recorded on an item, oldest first.
    func opinions(itemID: Int64) async throws -> [ReviewOpinion]
}
