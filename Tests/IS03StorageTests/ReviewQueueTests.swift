import Foundation
import IS03Core
import Testing
@testable import IS03Storage

@Suite("Storage: review queue")
struct ReviewQueueTests {
    @Test("operators lease items one at a time; an expired lease is offered again", arguments: StoreKind.allCases)
    func leases(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        for page in try await fixture.ingest(packet: "vdp", files: 2) {
            _ = try await store.commitPage(Samples.outcome(for: page))
        }
        let first = try #require(try await store.leaseNextReviewItem(operatorName: "anna", leaseSeconds: 300, reason: nil))
        let second = try #require(try await store.leaseNextReviewItem(operatorName: "boris", leaseSeconds: 300, reason: nil))
        #expect(first.id != second.id)
        #expect(try await store.leaseNextReviewItem(operatorName: "vera", leaseSeconds: 300, reason: nil) == nil)
        // Asking again gives anna her own item back rather than nothing.
        #expect(try await store.leaseNextReviewItem(operatorName: "anna", leaseSeconds: 300, reason: nil)?.id == first.id)
        #expect(try await store.leaseNextReviewItem(operatorName: "vera", leaseSeconds: 300,
                                                    reason: "lowConfidenceMark") == nil)

        fixture.clock.advance(by: 301)
        let taken = try #require(try await store.leaseNextReviewItem(operatorName: "vera", leaseSeconds: 300, reason: nil))
        #expect(taken.assignedOperator == "vera")

        try await store.deferItem(itemID: taken.id, operatorName: "vera", note: "ask the school")
        let deferred = try await store.reviewItems(pageID: taken.pageID)
        #expect(deferred.first?.state == .deferred)
        #expect(try await store.status().openReviewItems == 2)

        _ = try await store.decide(itemID: taken.id, operatorName: "vera", value: "1", reason: "school confirmed")
        await #expect(throws: StorageError.self) {
            try await store.deferItem(itemID: taken.id, operatorName: "vera", note: nil)
        }
        #expect(try await store.status().openReviewByReason == ["lowConfidenceMark": 1])
    }

    @Test("deciding again replaces the value in force and is audited from the old value")
    func redecide() async throws {
        let fixture = try StoreFixture(.memory)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        _ = try await store.commitPage(Samples.outcome(for: page))
        let item = try #require(try await store.reviewItems(pageID: page.id).first)
        _ = try await store.decide(itemID: item.id, operatorName: "anna", value: "1", reason: nil)
        _ = try await store.decide(itemID: item.id, operatorName: "boris", value: "0", reason: "second look")
        #expect(try await store.decisions(pageID: page.id).map(\.value) == ["0"])
        let trail = try await store.auditTrail(entity: "review_item", entityID: item.id)
        #expect(trail.map { "\($0.from ?? "")→\($0.to ?? "")" } == ["2→1", "1→0"])
        await #expect(throws: StorageError.self) {
            _ = try await store.decide(itemID: 999, operatorName: "anna", value: "1", reason: nil)
        }
    }
}
