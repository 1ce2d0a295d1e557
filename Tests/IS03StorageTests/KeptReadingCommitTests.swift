import Foundation
import IS03Core
import Testing
@testable import IS03Storage

/// Re-assembly (issue 5): a commit that keeps the page's stored reading writes only the
/// reconciliation, result and review items, and judges decisions against the stored reading
/// exactly as a commit that hands the reading back would.
@Suite("Storage: commits that keep the stored reading")
struct KeptReadingCommitTests {
    /// The outcome `Samples.outcome` would commit, keeping the stored reading instead of writing one.
    private func kept(_ outcome: PageOutcome, reading: SheetReading? = nil) -> PageOutcome {
        PageOutcome(pageID: outcome.pageID, keepingStoredReading: reading, participantListID: outcome.participantListID,
                    reconciliation: outcome.reconciliation, result: outcome.result,
                    reviewItems: outcome.reviewItems, actor: outcome.actor)
    }

    @Test("the reading, its versions and read time stay; result and list move; decisions are kept",
          arguments: StoreKind.allCases)
    func keepsTheReading(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        let reading = Samples.reading(for: page)
        try await store.storeReading(pageID: page.id, reading: reading, templateVersion: "t1", engineVersion: "1.0")
        let stored = try #require(try await store.page(id: page.id))
        fixture.clock.advance(by: 3600)

        let list = try await store.importParticipantList(name: "l.csv", sha256: Samples.sha("l"),
                                                         participants: [Samples.participant("P000123")], actor: "op")
        let first = try await store.commitPage(kept(Samples.outcome(for: page, listID: list.id, engine: "9.9",
                                                                     templateVersion: "t9")))
        #expect(first.queued == ["P1"])
        let after = try #require(try await store.page(id: page.id))
        #expect(after.reading == reading)
        #expect(after.readAt == stored.readAt)
        #expect(after.engineVersion == "1.0" && after.templateVersion == "t1")
        #expect(after.participantListID == list.id)
        #expect(try await store.results(.all).map(\.participantID) == ["P000123"])
        let item = try #require(try await store.reviewItems(pageID: page.id).first)
        #expect(item.machineValue == reading.field("P1")?.value)

        // An operator decides; re-assembling with the same stored reading keeps the decision,
        // whether the caller hands the reading back or leaves the store to decode it.
        _ = try await store.decide(itemID: item.id, operatorName: "anna", value: "1", reason: nil)
        #expect(try await store.commitPage(kept(Samples.outcome(for: page, listID: list.id))).keptDecisions == ["P1"])
        #expect(try await store.commitPage(kept(Samples.outcome(for: page, listID: list.id), reading: reading))
                    .keptDecisions == ["P1"])
        #expect(try await store.decisions(pageID: page.id).map(\.value) == ["1"])
    }

    @Test("a re-read that changed a decided field re-opens it, judged against the stored reading",
          arguments: StoreKind.allCases)
    func reopensAgainstTheStoredReading(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        _ = try await store.commitPage(Samples.outcome(for: page))
        let item = try #require(try await store.reviewItems(pageID: page.id).first)
        _ = try await store.decide(itemID: item.id, operatorName: "anna", value: "1", reason: nil)

        // The read stage stores a new reading of П1; the assembler no longer asks about it and
        // keeps the stored reading: the store must decode it to see the decision is stale.
        try await store.storeReading(pageID: page.id, reading: Samples.reading(for: page, p1: "0"),
                                     templateVersion: "t1", engineVersion: "1.1")
        let report = try await store.commitPage(kept(Samples.outcome(for: page, reviewP1: false)))
        #expect(report.reopened == ["P1"])
        let items = try await store.reviewItems(pageID: page.id)
        #expect(items.map(\.state) == [.open])
        #expect(items.first?.machineValue == "0")
        #expect(try await store.decisions(pageID: page.id).isEmpty)

        // Nobody decides; the next assembly does not ask: the open question is withdrawn.
        let withdrawn = try await store.commitPage(kept(Samples.outcome(for: page, reviewP1: false)))
        #expect(withdrawn.withdrawn == ["P1"])
        #expect(try await store.reviewItems(pageID: page.id).isEmpty)
        #expect(try await store.page(id: page.id)?.reading == Samples.reading(for: page, p1: "0"))
    }

    @Test("keeping the reading of a page that has none is refused and changes nothing",
          arguments: StoreKind.allCases)
    func refusedWithoutAReading(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        await #expect(throws: StorageError.self) {
            _ = try await store.commitPage(kept(Samples.outcome(for: page)))
        }
        #expect(try await store.results(.all).isEmpty)
        #expect(try await store.reviewItems(pageID: page.id).isEmpty)
        #expect(try await store.page(id: page.id)?.reading == nil)
    }
}
