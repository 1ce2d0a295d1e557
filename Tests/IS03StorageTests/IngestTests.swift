import Foundation
import Testing
@testable import IS03Storage

@Suite("Storage: ingest")
struct IngestTests {
    @Test("the same packet and the same files twice add nothing", arguments: StoreKind.allCases)
    func idempotentIngest(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let first = try await fixture.ingest(packet: "vdp-1", files: 3)
        #expect(first.count == 3)
        #expect(first.allSatisfy { $0.state == .pending })

        let again = try await store.registerPacket(name: "vdp-1", sourcePath: "/scans/vdp-1")
        #expect(!again.isNew)
        let second = try await store.registerScanFile(Samples.scanFile(packet: "vdp-1", number: 1), packetID: again.id)
        guard case .alreadyKnown(_, let pages) = second else {
            Issue.record("expected the file to be known, got \(second)"); return
        }
        #expect(pages.map(\.id) == [first[1].id])

        // The same bytes copied under another path and packet are still the same file.
        let other = try await store.registerPacket(name: "copy", sourcePath: "/elsewhere/copy")
        var copy = Samples.scanFile(packet: "vdp-1", number: 2)
        copy.path = "/elsewhere/copy/page2.png"
        let copied = try await store.registerScanFile(copy, packetID: other.id)
        #expect(copied == .alreadyKnown(fileID: first[2].fileID, pages: [first[2]]))

        let status = try await store.status()
        #expect(status.packets == 2)
        #expect(status.files == 3)
        #expect(status.pages[.pending] == 3)
    }

    @Test("a multi-page file registers each page once, keyed by file and index", arguments: StoreKind.allCases)
    func multiPageFile(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let packet = try await fixture.store.registerPacket(name: "tiff", sourcePath: "/scans/tiff")
        let file = ScanFileInput(path: "/scans/tiff/all.tif", sha256: Samples.sha("tiff"), size: 9000,
                                 pages: (0..<4).map { PageImage(index: $0, sha256: Samples.sha("tiff-page\($0)")) })
        let registered = try await fixture.store.registerScanFile(file, packetID: packet.id)
        guard case .added(_, let pages) = registered else { Issue.record("expected added"); return }
        #expect(pages.map(\.pageIndex) == [0, 1, 2, 3])
        #expect(Set(pages.map(\.filePath)) == ["/scans/tiff/all.tif"])
    }

    @Test("pending pages page through the backlog in id order", arguments: StoreKind.allCases)
    func pendingPaging(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let pages = try await fixture.ingest(packet: "vdp", files: 5)
        let head = try await fixture.store.pendingPages(limit: 2, afterID: nil)
        let tail = try await fixture.store.pendingPages(limit: 10, afterID: head.last?.id)
        #expect((head + tail).map(\.id) == pages.map(\.id))

        _ = try await fixture.store.commitPage(Samples.outcome(for: pages[0]))
        try await fixture.store.markPageFailed(pageID: pages[1].id, reason: "cannot decode PNG: truncated",
                                               engineVersion: "1.0", actor: "is03 process")
        let pending = try await fixture.store.pendingPages(limit: 10, afterID: nil)
        #expect(pending.map(\.id) == pages[2...].map(\.id))
        let failed = try await fixture.store.page(id: pages[1].id)
        #expect(failed?.ref.state == .failed)
        #expect(failed?.failureReason == "cannot decode PNG: truncated")
    }

    @Test("files registered together: each added once in order, known bytes reported, an unknown packet refused",
          arguments: StoreKind.allCases)
    func registerTogether(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let packet = try await store.registerPacket(name: "vdp-7", sourcePath: "/scans/vdp-7")
        let first = Samples.scanFile(packet: "vdp-7", number: 0)
        let files = [first, Samples.scanFile(packet: "vdp-7", number: 1), Samples.scanFile(packet: "vdp-7", number: 2)]
        _ = try await store.registerScanFile(first, packetID: packet.id)

        let registered = try await store.registerScanFiles(files, packetID: packet.id)
        #expect(registered.count == 3)
        guard case .alreadyKnown = registered[0] else { Issue.record("the file registered before is known: \(registered[0])"); return }
        let added = registered.dropFirst().compactMap { registration -> PageRef? in
            if case .added(_, let pages) = registration { return pages.first }
            return nil
        }
        #expect(added.map(\.filePath) == files.dropFirst().map(\.path))
        #expect(try await store.status().pages[.pending] == 3)

        // The same files again add nothing; a file for a packet that does not exist is refused.
        let again = try await store.registerScanFiles(files, packetID: packet.id)
        #expect(again.allSatisfy { if case .alreadyKnown = $0 { true } else { false } })
        await #expect(throws: StorageError.self) {
            _ = try await store.registerScanFiles([Samples.scanFile(packet: "vdp-8", number: 0)], packetID: 4242)
        }
        #expect(try await store.status().files == 3)
    }

    @Test("a file for an unknown packet is refused with a message naming the database")
    func unknownPacket() async throws {
        let fixture = try StoreFixture(.memory)
        await #expect(throws: StorageError.self) {
            _ = try await fixture.store.registerScanFile(Samples.scanFile(packet: "x", number: 0), packetID: 42)
        }
    }
}
