import Foundation
import Testing
@testable import IS03Storage

@Suite("Storage: retention purge")
struct RetentionTests {
    @Test("purge destroys personal data registered before the cutoff and records what went",
          arguments: StoreKind.allCases)
    func purgeBeforeCutoff(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        // Last year's exam: a list, a packet, results and an operator's decision.
        let oldList = try await store.importParticipantList(
            name: "2023.csv", sha256: Samples.sha("2023"),
            participants: [Samples.participant("P1"), Samples.participant("P2", surname: "Петрова")], actor: "op")
        let oldPages = try await fixture.ingest(packet: "vdp-2023", files: 2)
        for page in oldPages { _ = try await store.commitPage(Samples.outcome(for: page, listID: oldList.id)) }
        let oldItem = try #require(try await store.reviewItems(pageID: oldPages[0].id).first)
        _ = try await store.decide(itemID: oldItem.id, operatorName: "operator-1", value: "ПЕТРОВА", reason: nil)

        // This year's, after the cutoff: must survive untouched.
        fixture.clock.advance(by: 365 * 86_400)
        let cutoff = fixture.clock.now
        fixture.clock.advance(by: 86_400)
        let newList = try await store.importParticipantList(
            name: "2024.csv", sha256: Samples.sha("2024"), participants: [Samples.participant("P9")], actor: "op")
        let newPage = try #require(try await fixture.ingest(packet: "vdp-2024", files: 1).first)
        _ = try await store.commitPage(Samples.outcome(for: newPage, listID: newList.id, participant: "P9"))

        let report = try await store.purge(before: cutoff, actor: "is03 purge")
        #expect(report.packets == 1)
        #expect(report.pages == 2)
        #expect(report.results == 2)
        #expect(report.reviewItems == 2)
        #expect(report.decisions == 1)
        #expect(report.participantLists == 1)
        #expect(report.participants == 2)
        #expect(report.auditEntriesRedacted >= 2) // the list import and the decision's values
        #expect(report.scanFilePaths == oldPages.map(\.filePath).sorted())
        #expect(report.cropPaths == oldPages.map { "/crops/\($0.id)-P1.png" }.sorted())
        #expect(report.compacted)
        if kind == .disk {
            // Not just unreachable through SQL: the bytes are gone from the files themselves.
            let path = store.location
            for file in [path, path + "-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
                for secret in ["Петрова", "ПЕТРОВА"] {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) still in \(file)")
                }
            }
        }

        for page in oldPages {
            let stored = try #require(try await store.page(id: page.id))
            #expect(stored.reading == nil)
            #expect(stored.purgedAt != nil)
            #expect(try await store.reviewItems(pageID: page.id).isEmpty)
        }
        #expect(try await store.participants(listID: oldList.id).isEmpty)
        #expect(try await store.results(.all).map(\.participantID) == ["P9"])
        #expect(try await store.page(id: newPage.id)?.reading != nil)
        #expect(try await store.participants(listID: newList.id).map(\.id) == ["P9"])
        #expect(try await store.currentParticipantList()?.id == newList.id)

        // No trace of the personal values in the audit log, but who/when/what is still there.
        let trail = try await store.auditTrail(entity: nil, entityID: nil)
        #expect(!trail.contains { [$0.from, $0.to].contains("ПЕТРОВА") })
        #expect(trail.contains { $0.entity == "review_item" && $0.actor == "operator-1" && $0.redacted })
        let purgeEntry = try #require(trail.last)
        #expect(purgeEntry.entity == "purge" && purgeEntry.entityID == report.id && purgeEntry.actor == "is03 purge")
        #expect(purgeEntry.to?.contains("\"participants\":2") == true)

        // Purged scans are not taken in again, not listed for work, and cannot be re-filled.
        let oldPacket = try await store.registerPacket(name: "vdp-2023", sourcePath: "/scans/vdp-2023")
        let again = try await store.registerScanFile(Samples.scanFile(packet: "vdp-2023", number: 0),
                                                     packetID: oldPacket.id)
        #expect(again == .alreadyKnown(fileID: oldPages[0].fileID, pages: [oldPages[0].with(state: .done)]))
        #expect(try await store.pendingPages(limit: 10, afterID: nil).isEmpty)
        let versions = ProcessingVersions(templateVersions: [:], engineVersion: "2.0", participantListID: nil)
        #expect(try await store.pagesToReprocess(current: versions, limit: 10, afterID: nil).map(\.page.id) == [newPage.id])
        await #expect(throws: StorageError.self) {
            _ = try await store.commitPage(Samples.outcome(for: oldPages[0]))
        }
        let status = try await store.status()
        #expect(status.pages[.done] == 1)

        // A second purge with the same cutoff finds nothing more.
        let second = try await store.purge(before: cutoff, actor: "is03 purge")
        #expect(second.pages == 0 && second.participants == 0 && second.scanFilePaths.isEmpty)
    }
}

@Suite("Storage: retention purge, what the caller must delete and when it is refused")
struct RetentionFilesTests {
    @Test("a cutoff later than now is refused unless allowed; files of every purged page are listed",
          arguments: StoreKind.allCases)
    func futureCutoffAndPurgedFiles(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let list = try await store.importParticipantList(
            name: "2023.csv", sha256: Samples.sha("2023"), participants: [Samples.participant("P1")], actor: "op")
        let pages = try await fixture.ingest(packet: "vdp-2023", files: 2)
        for page in pages { _ = try await store.commitPage(Samples.outcome(for: page, listID: list.id)) }

        // Tomorrow is refused (a mistyped year must not destroy this season), and nothing is gone.
        let tomorrow = fixture.clock.now.addingTimeInterval(86_400)
        let refused = await #expect(throws: StorageError.self) {
            _ = try await store.purge(before: tomorrow, actor: "is03 purge")
        }
        #expect(refused?.code == .invalidState)
        #expect(refused?.description.contains("later than today") == true)
        #expect(try await store.results(.all).count == 2)
        #expect(try await store.page(id: pages[0].id)?.reading != nil)

        // Allowed, it purges; the report lists every purged page's crop prefix and scan file.
        let report = try await store.purge(before: tomorrow, actor: "is03 purge", allowingFutureCutoff: true)
        #expect(report.pages == 2)
        // (The fixture's pages may share a hash: one prefix then stands for both.)
        let prefixes = Set(pages.map { "\($0.sha256.prefix(12))-p\($0.pageIndex)-" }).sorted()
        #expect(report.cropFilePrefixes == prefixes)
        #expect(report.purgedScanFilePaths == pages.map(\.filePath).sorted())

        // A repeated purge finds nothing new but still lists them, so it can finish the files.
        let again = try await store.purge(before: tomorrow, actor: "is03 purge", allowingFutureCutoff: true)
        #expect(again.pages == 0 && again.scanFilePaths.isEmpty)
        #expect(again.cropFilePrefixes == prefixes)
        #expect(again.purgedScanFilePaths == report.purgedScanFilePaths)

        // What the caller deleted goes into the audit log as counts, never as names or paths.
        var files = PurgedFiles()
        files.resultFiles = 4; files.crops = 3; files.scanFiles = 2
        try await store.recordPurgedFiles(files, purgeID: report.id, actor: "is03 purge")
        let entry = try #require(try await store.auditTrail(entity: "purge", entityID: report.id).last)
        #expect(entry.field == "files" && entry.actor == "is03 purge")
        #expect(entry.to?.contains("\"resultFiles\":4") == true)
        #expect(entry.to?.contains("\"scanFiles\":2") == true)
        #expect(pages.allSatisfy { entry.to?.contains($0.filePath) == false })
    }
}

extension PageRef {
    func with(state: PageState) -> PageRef {
        var copy = self
        copy.state = state
        return copy
    }
}
