import Foundation
import IS03Core
import Testing
@testable import IS03Storage

/// The review station's queries (`ReviewQueueStore`, `AccountStore`) on every engine, so the
/// station works unchanged on PostgreSQL (issue 7).
@Suite("Storage: review station queries")
struct ReviewStationStoreTests {
    @Test("batch leases, holding, groups, opinions, re-opening and corrections", arguments: StoreKind.allCases)
    func queue(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let pages = try await fixture.ingest(packet: "vdp", files: 3)
        for page in pages { _ = try await store.commitPage(Samples.outcome(for: page)) }
        let items = try await store.leaseReviewItems(operatorName: "anna", leaseSeconds: 60,
                                                     filter: ReviewLeaseFilter(fieldID: "P1", excluding: []), limit: 2)
        #expect(items.count == 2 && items.allSatisfy { $0.assignedOperator == "anna" })
        let others = try await store.leaseReviewItems(operatorName: "boris", leaseSeconds: 60,
                                                      filter: ReviewLeaseFilter(excluding: [items[0].id]), limit: 5)
        #expect(others.map(\.id) == [try #require(try await store.reviewItems(pageID: pages[2].id).first).id])
        #expect(try await store.reviewGroups() == [ReviewGroup(fieldID: "P1", reason: "lowConfidenceMark", count: 3)])

        _ = try await store.holdLease(itemID: items[0].id, operatorName: "anna", leaseSeconds: 60, force: false)
        await #expect(throws: StorageError.self) {
            _ = try await store.holdLease(itemID: items[0].id, operatorName: "boris", leaseSeconds: 60, force: false)
        }
        try await store.releaseLeases(itemIDs: [items[1].id], operatorName: "anna")
        #expect(try await store.reviewItem(id: items[1].id)?.assignedOperator == nil)

        // Double verification: two different opinions make a disagreement only supervisors see.
        _ = try await store.recordOpinion(itemID: items[0].id, operatorName: "anna", value: "1")
        let opinions = try await store.recordOpinion(itemID: items[0].id, operatorName: "boris", value: "2")
        #expect(opinions.map(\.operatorName) == ["anna", "boris"])
        let operatorView = try await store.leaseReviewItems(operatorName: "carl", leaseSeconds: 60,
                                                            filter: ReviewLeaseFilter(), limit: 5)
        #expect(!operatorView.map(\.id).contains(items[0].id))
        let supervisorView = try await store.leaseReviewItems(operatorName: "sveta", leaseSeconds: 60,
                                                              filter: ReviewLeaseFilter(includeDisagreements: true), limit: 1)
        #expect(supervisorView.map(\.id) == [items[0].id])

        _ = try await store.decide(itemID: items[0].id, operatorName: "sveta", value: "2", reason: "settled")
        try await store.reopen(itemID: items[0].id, actor: "sveta", note: "check again")
        #expect(try await store.reviewItem(id: items[0].id)?.state == .open)
        #expect(try await store.opinions(itemID: items[0].id).isEmpty)

        let correction = try await store.reviewItemForCorrection(pageID: pages[0].id, fieldID: "surname", machineValue: "ИВАНОВ",
                                                                 readingFingerprint: "ok:ИВАНОВ", reason: "correction", actor: "sveta")
        #expect(correction.fieldID == "surname" && correction.state == .open)
        let again = try await store.reviewItemForCorrection(pageID: pages[0].id, fieldID: "surname", machineValue: "ИВАНОВ",
                                                            readingFingerprint: "ok:ИВАНОВ", reason: "correction", actor: "sveta")
        #expect(again.id == correction.id)
    }

    @Test("accounts and sessions", arguments: StoreKind.allCases)
    func accounts(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let anna = try await store.saveAccount(name: "anna", role: .operator, passwordHash: "h1", actor: "admin")
        _ = try await store.saveAccount(name: "anna", role: .supervisor, passwordHash: "h2", actor: "admin")
        #expect(try await store.account(named: "anna")?.role == .supervisor)
        #expect(try await store.accounts().map(\.name) == ["anna"])
        try await store.createSession(tokenHash: "t1", accountID: anna.id, csrfToken: "c1",
                                      expiresAt: fixture.clock.now.addingTimeInterval(60))
        #expect(try await store.session(tokenHash: "t1")?.account.name == "anna")
        fixture.clock.advance(by: 120)
        #expect(try await store.session(tokenHash: "t1") == nil)
        #expect(try await store.deleteExpiredSessions() == 1)
        try await store.disableAccount(named: "anna", actor: "admin")
        #expect(try await store.account(named: "anna")?.disabled == true)
        #expect(try await store.auditTrail(entity: "account", entityID: anna.id).map(\.field) == ["role", "role", "disabled"])
    }
}
