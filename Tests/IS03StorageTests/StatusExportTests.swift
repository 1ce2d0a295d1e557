import Foundation
import Testing
@testable import IS03Storage

@Suite("Storage: status and export")
struct StatusExportTests {
    @Test("status counts packets, pages by state and open items by reason; export filters by ОО and auditorium",
          arguments: StoreKind.allCases)
    func statusAndExport(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let pages = try await fixture.ingest(packet: "vdp-a", files: 4)
        try await fixture.ingest(packet: "vdp-b", files: 1)
        _ = try await store.commitPage(Samples.outcome(for: pages[0], participant: "P3", oo: "370045",
                                                       auditorium: "0102", reviewP1: false))
        _ = try await store.commitPage(Samples.outcome(for: pages[1], participant: "P1", oo: "370045",
                                                       auditorium: "0101", reviewP1: true))
        _ = try await store.commitPage(Samples.outcome(for: pages[2], participant: "P2", oo: "370099",
                                                       auditorium: "0101", reviewP1: false))
        try await store.markPageFailed(pageID: pages[3].id, reason: "truncated file", engineVersion: "1.0", actor: "is03")

        let status = try await store.status()
        #expect(status.packets == 2 && status.files == 5 && status.results == 3)
        #expect(status.pages == [.pending: 1, .done: 3, .failed: 1])
        #expect(status.openReviewByReason == ["lowConfidenceMark": 1])
        let packets = try await store.packetSummaries()
        #expect(packets.map(\.packet.name) == ["vdp-a", "vdp-b"])
        #expect(packets.map(\.files) == [4, 1])
        #expect(packets.first?.pages == [.pending: 0, .done: 3, .failed: 1])
        #expect(packets.last?.pages == [.pending: 1, .done: 0, .failed: 0])
        #expect(packets.map(\.openReviewItems) == [1, 0])

        #expect(try await store.results(.all).map(\.participantID) == ["P1", "P3", "P2"])
        #expect(try await store.results(ResultFilter(oo: "370045")).map(\.participantID) == ["P1", "P3"])
        #expect(try await store.results(ResultFilter(oo: "370045", auditorium: "0102")).map(\.participantID) == ["P3"])
        #expect(try await store.openReviewItemCount(.all) == 1)
        #expect(try await store.openReviewItemCount(ResultFilter(oo: "370045")) == 1)
        #expect(try await store.openReviewItemCount(ResultFilter(oo: "370099")) == 0)

        // An unmatched sheet has no result yet: its question holds up every school's export.
        var unmatched = try Samples.outcome(for: pages[3], reviewP1: false)
        unmatched.result = nil
        unmatched.reviewItems = [ReviewItemInput(fieldID: "@participant", reason: "noParticipant",
                                                 machineValue: nil, confidence: 0)]
        _ = try await store.commitPage(unmatched)
        #expect(try await store.openReviewItemCount(ResultFilter(oo: "370099")) == 1)
    }

    @Test("runs record their counts; migrations are listed", arguments: StoreKind.allCases)
    func runs(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let run = try await fixture.store.startRun(command: "process", engineVersion: "1.0")
        try await fixture.store.finishRun(id: run, counts: RunCounts(pagesDone: 3, pagesFailed: 1, itemsQueued: 2))
        #expect(try await fixture.store.integer("SELECT pages_done FROM run WHERE id = \(run)") == 3)
        #expect(try await fixture.store.integer("SELECT pages_failed FROM run WHERE id = \(run)") == 1)
        #expect(try await fixture.store.integer("SELECT COUNT(*) FROM run WHERE id = \(run) AND finished_at IS NOT NULL") == 1)
        let migrations = try await fixture.store.appliedMigrations()
        #expect(migrations.first == "v1 database of record")
        await #expect(throws: StorageError.self) { try await fixture.store.finishRun(id: 99, counts: RunCounts()) }
    }
}
