import Foundation
import IS03Core
import Testing
@testable import IS03Storage

@Suite("Storage: page commit")
struct PageCommitTests {
    @Test("a commit stores reading, reconciliation, result and review items, and marks the page done",
          arguments: StoreKind.allCases)
    func commitStoresEverything(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        let outcome = try Samples.outcome(for: page)
        let report = try await store.commitPage(outcome)
        #expect(report.queued == ["P1"])
        #expect(report.previousResult == nil)
        #expect(report.newResult == ResultSummary(participantID: "P000123", total: 12, verdict: "pass"))

        let stored = try #require(try await store.page(id: page.id))
        #expect(stored.ref.state == .done)
        #expect(stored.reading == outcome.reading)
        #expect(stored.engineVersion == "1.0")
        #expect(stored.templateID == "is03-2023")
        let items = try await store.reviewItems(pageID: page.id)
        #expect(items.map(\.fieldID) == ["P1"])
        #expect(items.first?.candidates == [Alternative(value: "1", confidence: 0.3)])
        let results = try await store.results(.all)
        #expect(results.count == 1)
        #expect(results.first?.reviewStatus == .pendingReview)
        let payload = try JSONDecoder().decode(Samples.Payload.self, from: try #require(results.first?.payload))
        #expect(payload.total == 12)
        #expect(try await store.pendingPages(limit: 10, afterID: nil).isEmpty)
    }

    @Test("a commit that fails half-way leaves nothing behind", arguments: StoreKind.allCases)
    func allOrNothing(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        // The result is written last, after the page, reconciliation and review items; a payload
        // that is not JSON is rejected by the database's CHECK there, so the transaction must
        // roll back what it already wrote.
        var broken = try Samples.outcome(for: page)
        broken.result?.payload = Data("not json {".utf8)
        let error = await #expect(throws: StorageError.self) { _ = try await store.commitPage(broken) }
        #expect(error?.code == .constraintViolated)

        let stored = try #require(try await store.page(id: page.id))
        #expect(stored.ref.state == .pending)
        #expect(stored.reading == nil)
        #expect(try await store.reviewItems(pageID: page.id).isEmpty)
        #expect(try await store.results(.all).isEmpty)
        #expect(try await store.pendingPages(limit: 10, afterID: nil).map(\.id) == [page.id])
        let reconciliations = try await store.integer("SELECT COUNT(*) FROM reconciliation")
        #expect(reconciliations == 0)

        // A page that was done keeps its previous data when a later commit fails.
        _ = try await store.commitPage(Samples.outcome(for: page, total: 12))
        var brokenAgain = try Samples.outcome(for: page, total: 5)
        brokenAgain.result?.payload = Data("{".utf8)
        await #expect(throws: StorageError.self) { _ = try await store.commitPage(brokenAgain) }
        #expect(try await store.results(.all).map(\.total) == [12])
    }

    @Test("a window of pages commits every page as one commit each would; on SQLite all or none",
          arguments: StoreKind.allCases)
    func windowCommit(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let pages = try await fixture.ingest(packet: "vdp", files: 3)
        let reports = try await store.commitPages(try pages.map { try Samples.outcome(for: $0) })
        #expect(reports.count == 3)
        #expect(reports.allSatisfy { $0.queued == ["P1"] && $0.newResult?.total == 12 })
        for page in pages { #expect(try await store.page(id: page.id)?.ref.state == .done) }
        #expect(try await store.results(.all).count == 3)

        guard kind != .postgres else { return }   // PostgreSQL commits a window page by page
        let more = try await fixture.ingest(packet: "vdp2", files: 3)
        var window = try more.map { try Samples.outcome(for: $0) }
        window[2].result?.payload = Data("not json {".utf8)   // the last page fails at its result
        await #expect(throws: StorageError.self) { _ = try await store.commitPages(window) }
        // The pages before it were rolled back with it: nothing of the window was stored.
        #expect(try await store.pendingPages(limit: 10, afterID: nil).map(\.id) == more.map(\.id))
        #expect(try await store.results(.all).count == 3)
    }

    @Test("re-committing replaces the page's data instead of adding to it", arguments: StoreKind.allCases)
    func recommitReplaces(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        _ = try await store.commitPage(Samples.outcome(for: page, total: 12))
        let report = try await store.commitPage(Samples.outcome(for: page, total: 9, reviewP1: false))
        #expect(report.resultChanged)
        #expect(report.withdrawn == ["P1"])
        let results = try await store.results(.all)
        #expect(results.map(\.total) == [9])
        #expect(results.first?.reviewStatus == .final)
        #expect(try await store.reviewItems(pageID: page.id).isEmpty)
        let trail = try await store.auditTrail(entity: "result", entityID: results.first?.id)
        #expect(trail.contains { $0.field == "total" && $0.from == "12" && $0.to == "9" })
        #expect(trail.contains { $0.field == "verdict" && $0.from == "pass" && $0.to == "fail" })
    }

    @Test("an unknown page cannot be committed")
    func unknownPage() async throws {
        let fixture = try StoreFixture(.memory)
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        var outcome = try Samples.outcome(for: page)
        outcome.pageID = 999
        await #expect(throws: StorageError.self) { _ = try await fixture.store.commitPage(outcome) }
    }
}
