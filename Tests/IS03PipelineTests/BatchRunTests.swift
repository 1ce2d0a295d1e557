import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03Vision
import IS03TestSupport
import Testing

@Suite(.serialized) struct BatchRunTests {
    private func options(_ packet: PacketFixture.Packet, out: URL) -> BatchOptions {
        BatchOptions(packets: [packet.folder.path], participantList: packet.participants, outputDirectory: out,
                     templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)
    }

    @Test func processesAPacketIntoResultsAndReviewFiles() async throws {
        let packet = PacketFixture.shared
        let out = try PacketFixture.scratch("process")
        defer { try? FileManager.default.removeItem(at: out) }
        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        let summary = try await BatchRun(store: store, options: options(packet, out: out)).run()

        let pageCount = try FileManager.default.contentsOfDirectory(atPath: packet.folder.path).count
        #expect(summary.ingest.pagesAdded == pageCount)
        #expect(summary.read.pagesRead == pageCount)
        let sheetTruths = packet.truths.filter { $0.pageClass == .sheet }
        #expect(summary.read.byClass["sheet"] == sheetTruths.count)
        for name in ["results.xml", "results.csv", "review.xml", "review.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        // Every result names a participant whose sheet is in the packet, with the truth's total
        // unless the result is still waiting for review.
        let results = try await store.results(ResultFilter())
        let truthByParticipant = Dictionary(sheetTruths.compactMap { t in t.participantID.map { ($0, t) } }, uniquingKeysWith: { a, _ in a })
        #expect(!results.isEmpty)
        for result in results {
            let id = try #require(result.participantID)
            #expect(truthByParticipant[id] != nil, "result for \(id), who has no sheet")
        }
    }

    @Test func runningTheSameBatchTwiceAddsNothing() async throws {
        let packet = PacketFixture.shared
        let out = try PacketFixture.scratch("rerun")
        defer { try? FileManager.default.removeItem(at: out) }
        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        let first = try await BatchRun(store: store, options: options(packet, out: out)).run()
        let resultsBefore = try await store.results(ResultFilter())
        let second = try await BatchRun(store: store, options: options(packet, out: out)).run()
        #expect(second.ingest.filesAdded == 0)
        #expect(second.ingest.filesAlreadyKnown == first.ingest.filesAdded)
        #expect(second.read.pagesRead == 0)
        let resultsAfter = try await store.results(ResultFilter())
        #expect(resultsAfter.map(\.participantID) == resultsBefore.map(\.participantID))
        #expect(resultsAfter.map(\.total) == resultsBefore.map(\.total))
        #expect(second.queuedByReason == first.queuedByReason)
    }

    @Test func aBadFileIsRecordedAsFailedAndTheBatchGoesOn() async throws {
        let packet = PacketFixture.shared
        let work = try PacketFixture.scratch("badfile")
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("vdp")
        try FileManager.default.copyItem(at: packet.folder, to: folder)
        let firstPage = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first)
        let bytes = try Data(contentsOf: folder.appendingPathComponent(firstPage))
        try bytes.prefix(bytes.count / 3).write(to: folder.appendingPathComponent("zz-truncated.jpg"))
        try Data().write(to: folder.appendingPathComponent("zz-empty.png"))

        let store = try SQLiteResultStore.open(at: work.appendingPathComponent("is03.sqlite"))
        var opts = options(packet, out: work)
        opts.packets = [folder.path]
        let summary = try await BatchRun(store: store, options: opts).run()
        let status = try await store.status()
        #expect(status.pages[.failed] == 2)
        #expect(summary.read.byClass["sheet"] == packet.truths.filter { $0.pageClass == .sheet }.count)
        #expect(summary.ingest.unreadableFiles.count + summary.read.pagesFailed == 2)
        // The reasons name the files.
        let failures = try await store.auditTrail(entity: "page", entityID: nil).compactMap(\.to).filter { $0.hasPrefix("failed") }
        #expect(failures.contains { $0.contains("zz-empty.png") || $0.contains("empty") })
        #expect(failures.count == 2)
    }

    @Test func aScanReplacedAfterRegisteringIsNotReadUnderItsOldPage() async throws {
        let packet = PacketFixture.shared
        let work = try PacketFixture.scratch("replaced")
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("vdp")
        try FileManager.default.copyItem(at: packet.folder, to: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let store = try SQLiteResultStore.open(at: work.appendingPathComponent("is03.sqlite"))
        _ = try await PacketIngest(store: store, actor: "test").ingest(ScanInventory.packets(from: [folder.path]).packets)

        // A rescan saved over the first file after it was registered: other bytes at its path
        // (another sheet's scan plus a byte after its end, so the file is new to the database).
        var rescan = try Data(contentsOf: folder.appendingPathComponent(names[1]))
        rescan.append(0)
        try rescan.write(to: folder.appendingPathComponent(names[0]))
        let report = try await ReadStage(store: store, templates: try TemplateCatalog.load(from: RepositoryPaths.templates),
                                         workers: 2, actor: "test").run(progress: nil)
        #expect(report.pagesRead == names.count - 1)
        #expect(report.pagesFailed == 1)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.contains(names[0]) == true)
        #expect(report.failures.first?.contains("changed since it was registered") == true)
        #expect(try await store.status().pages[.failed] == 1)

        // As the reason says: giving the packet again registers the file as it is now and reads it.
        let again = try await PacketIngest(store: store, actor: "test").ingest(ScanInventory.packets(from: [folder.path]).packets)
        #expect(again.filesAdded == 1)
        let reread = try await ReadStage(store: store, templates: try TemplateCatalog.load(from: RepositoryPaths.templates),
                                         workers: 2, actor: "test").run(progress: nil)
        #expect(reread.pagesRead == 1 && reread.pagesFailed == 0)
    }
}
