import Foundation
import IS03Core
import Testing
@testable import IS03Storage

/// Page claims of `is03 worker` (issue 7), on every engine: disjoint claims, a lease that runs
/// out hands the page to another worker, and only the holder's store counts.
@Suite("Storage: page claims")
struct PageClaimTests {
    @Test("workers claim disjoint pages; an expired lease passes the page on; only the holder stores it",
          arguments: StoreKind.allCases)
    func claims(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let pages = try await fixture.ingest(packet: "vdp", files: 3)
        let first = try await store.claimPendingPages(worker: "w1", limit: 2, leaseSeconds: 60)
        let second = try await store.claimPendingPages(worker: "w2", limit: 2, leaseSeconds: 60)
        #expect(first.map(\.id) == pages.prefix(2).map(\.id))
        #expect(second.map(\.id) == [pages[2].id])
        #expect(try await store.claimPendingPages(worker: "w3", limit: 2, leaseSeconds: 60).isEmpty)
        #expect(try await store.claimCounts() == ClaimCounts(unclaimed: 0, claimed: 3))

        // w1 renews one page only; the other runs out and w3 takes it over.
        fixture.clock.advance(by: 40)
        #expect(try await store.renewClaims(pageIDs: [first[0].id], worker: "w1", leaseSeconds: 60) == [first[0].id])
        fixture.clock.advance(by: 30)
        #expect(try await store.claimCounts() == ClaimCounts(unclaimed: 2, claimed: 1))
        let takenOver = try await store.claimPendingPages(worker: "w3", limit: 5, leaseSeconds: 60)
        #expect(takenOver.map(\.id) == [first[1].id, second[0].id])

        // The late worker's store is refused; the new holder's counts, once.
        let late = first[1]
        #expect(try await !store.storeClaimedReading(pageID: late.id, worker: "w1", reading: Samples.reading(for: late),
                                                       templateVersion: "t1", engineVersion: "1.0"))
        #expect(try await store.storeClaimedReading(pageID: late.id, worker: "w3", reading: Samples.reading(for: late),
                                                    templateVersion: "t1", engineVersion: "1.0"))
        #expect(try await !store.storeClaimedReading(pageID: late.id, worker: "w3", reading: Samples.reading(for: late),
                                                       templateVersion: "t1", engineVersion: "1.0"))
        #expect(try await store.page(id: late.id)?.ref.state == .done)
        #expect(try await store.markClaimedPageFailed(pageID: first[0].id, worker: "w1", reason: "cannot decode JPEG",
                                                      engineVersion: "1.0"))
        try await store.releaseClaims(pageIDs: [second[0].id], worker: "w3")
        #expect(try await store.claimCounts() == ClaimCounts(unclaimed: 1, claimed: 0))
        #expect(try await store.status().pages == [.pending: 1, .done: 1, .failed: 1])
    }

    @Test("one holder at a time for a job lock; a lapsed lock can be taken", arguments: StoreKind.allCases)
    func jobLock(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        #expect(try await store.acquireJobLock("assemble", holder: "w1", leaseSeconds: 60))
        #expect(try await !store.acquireJobLock("assemble", holder: "w2", leaseSeconds: 60))
        #expect(try await store.acquireJobLock("assemble", holder: "w1", leaseSeconds: 60))  // renewal
        fixture.clock.advance(by: 61)
        #expect(try await store.acquireJobLock("assemble", holder: "w2", leaseSeconds: 60))
        try await store.releaseJobLock("assemble", holder: "w1")  // not the holder: no effect
        #expect(try await !store.acquireJobLock("assemble", holder: "w1", leaseSeconds: 60))
        try await store.releaseJobLock("assemble", holder: "w2")
        #expect(try await store.acquireJobLock("assemble", holder: "w1", leaseSeconds: 60))
    }
}
