import Foundation
import IS03Core
import Testing
@testable import IS03Storage

/// The bound on items one operator holds (`ReviewLeaseFilter.maxHeld`) on every engine: one
/// client must not be able to take the queue away from the others.
@Suite("Storage: lease bound per operator")
struct LeaseBoundTests {
    private func fill(_ fixture: StoreFixture, pages count: Int) async throws {
        for page in try await fixture.ingest(packet: "vdp", files: count) {
            _ = try await fixture.store.commitPage(Samples.outcome(for: page))
        }
    }

    @Test("a lease hands out new items only up to the bound", arguments: StoreKind.allCases)
    func bound(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        try await fill(fixture, pages: 6)
        let bounded = ReviewLeaseFilter(maxHeld: 3)
        let first = try await store.leaseReviewItems(operatorName: "anna", leaseSeconds: 60, filter: bounded, limit: 2)
        #expect(first.count == 2)
        // Items already held come back without counting twice; one new one fits.
        let again = try await store.leaseReviewItems(operatorName: "anna", leaseSeconds: 60, filter: bounded, limit: 10)
        #expect(again.count == 3 && Set(first.map(\.id)).isSubset(of: Set(again.map(\.id))))
        var excluding = bounded
        excluding.excluding = again.map(\.id)
        #expect(try await store.leaseReviewItems(operatorName: "anna", leaseSeconds: 60, filter: excluding, limit: 10).isEmpty)
        #expect(try await store.heldLeaseCount(operatorName: "anna") == 3)
        // Another operator has a bound of their own; without a bound nothing changes.
        #expect(try await store.leaseReviewItems(operatorName: "boris", leaseSeconds: 60, filter: bounded, limit: 10).count == 3)
        #expect(try await store.heldLeaseCount(operatorName: "boris") == 3)
        // A released item frees a place.
        try await store.releaseLeases(itemIDs: [again[0].id], operatorName: "anna")
        #expect(try await store.heldLeaseCount(operatorName: "anna") == 2)
        excluding.excluding = again.dropFirst().map(\.id)
        #expect(try await store.leaseReviewItems(operatorName: "anna", leaseSeconds: 60, filter: excluding, limit: 10).map(\.id)
                == [again[0].id])
    }

    @Test("parallel leases of one operator stay within the bound", arguments: StoreKind.allCases)
    func parallel(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        try await fill(fixture, pages: 10)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    _ = try await store.leaseReviewItems(operatorName: "anna", leaseSeconds: 60,
                                                         filter: ReviewLeaseFilter(maxHeld: 4), limit: 4)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.heldLeaseCount(operatorName: "anna") == 4)
    }
}
