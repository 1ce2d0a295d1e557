import Foundation
import IS03Core
import Testing
@testable import IS03Storage

/// The supervisor's list reads every outstanding item from the store: open (leased or not) and
/// deferred, never decided ones, oldest first, the same on every engine.
@Suite("Storage: outstanding review items")
struct OutstandingItemsTests {
    @Test("open and deferred items are outstanding, decided ones are not", arguments: StoreKind.allCases)
    func outstanding(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        var all: [ReviewItem] = []
        for page in try await fixture.ingest(packet: "vdp", files: 3) {
            _ = try await store.commitPage(Samples.outcome(for: page))
            all += try await store.reviewItems(pageID: page.id)
        }
        #expect(all.count >= 3)
        let leased = try await store.leaseReviewItems(operatorName: "anna", leaseSeconds: 60, filter: ReviewLeaseFilter(), limit: 3)
        #expect(leased.count == 3)
        try await store.deferItem(itemID: leased[0].id, operatorName: "anna", note: "не видно")
        _ = try await store.decide(itemID: leased[1].id, operatorName: "anna", value: "1", reason: nil)
        let outstanding = try await store.outstandingReviewItems()
        #expect(outstanding.map(\.id) == all.map(\.id).filter { $0 != leased[1].id }.sorted())
        #expect(outstanding.first { $0.id == leased[0].id }?.state == .deferred)
        #expect(outstanding.first { $0.id == leased[2].id }?.assignedOperator == "anna")
    }
}
