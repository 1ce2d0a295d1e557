import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03TestSupport
import Testing

/// `WorkerRun` in-process on one SQLite file: the same page reading, assembly and output
/// steps as `BatchRun`, so a worker's files equal `is03 process`'s; and a scan file it cannot
/// open leaves the page pending (the PostgreSQL suite kills a worker in that state).
@Suite(.serialized) struct WorkerRunTests {
    /// Registers the packet and the participant list as `is03 process --enqueue` does.
    private func enqueue(_ packet: URL, participants: URL, into store: any DatabaseOfRecord) async throws {
        let imported = try await ReferenceListImport(participants: participants, experts: nil).run(into: store, actor: "test --enqueue")
        // Into the list's sitting, as `--enqueue` does: the worker assembles that sitting's pages.
        var ingest = PacketIngest(store: store, actor: "test --enqueue")
        ingest.sitting = imported.sitting
        _ = try await ingest.ingest(ScanInventory.packets(from: [packet.path]).packets)
    }

    private func worker(_ out: URL) -> WorkerOptions {
        WorkerOptions(name: "test-worker", templateDirectory: RepositoryPaths.templates, outputDirectory: out,
                      batch: 3, leaseSeconds: 30, poll: 0.1)
    }

    @Test func aWorkerWritesWhatProcessWrites() async throws {
        let packet = PacketFixture.shared
        let work = try PacketFixture.scratch("worker-run")
        defer { try? FileManager.default.removeItem(at: work) }
        let processed = work.appendingPathComponent("process"), worked = work.appendingPathComponent("worker")
        let options = BatchOptions(packets: [packet.folder.path], participantList: packet.participants, outputDirectory: processed,
                                   templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)
        try FileManager.default.createDirectory(at: processed, withIntermediateDirectories: true)
        _ = try await BatchRun(store: try SQLiteResultStore.open(at: processed.appendingPathComponent("is03.sqlite")), options: options).run()

        try FileManager.default.createDirectory(at: worked, withIntermediateDirectories: true)
        let store = try SQLiteResultStore.open(at: worked.appendingPathComponent("is03.sqlite"))
        try await enqueue(packet.folder, participants: packet.participants, into: store)
        let report = try await WorkerRun(store: store, options: worker(worked), log: { _ in }).run()
        let pages = try FileManager.default.contentsOfDirectory(atPath: packet.folder.path).count
        #expect(report.stored == pages && report.failed == 0 && report.lost == 0 && report.leftUnread.isEmpty)

        for name in [ResultFiles.resultsCSV, ResultFiles.reviewXML, ResultFiles.reviewJSON] {
            #expect(try Data(contentsOf: processed.appendingPathComponent(name)) == Data(contentsOf: worked.appendingPathComponent(name)), "\(name)")
        }
        // results.xml differs only in when it was generated.
        func undated(_ folder: URL) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(ResultFiles.resultsXML), encoding: .utf8)
                .replacingOccurrences(of: #" generated="[^"]*""#, with: "", options: .regularExpression)
        }
        #expect(try undated(processed) == undated(worked))
        let crops = try FileManager.default.contentsOfDirectory(atPath: worked.appendingPathComponent("crops").path)
        #expect(!crops.isEmpty)
        #expect(Set(crops) == Set(try FileManager.default.contentsOfDirectory(atPath: processed.appendingPathComponent("crops").path)))
    }

    @Test func aWorkerAssemblesEverySittingAndWritesTheNewestsFiles() async throws {
        let work = try PacketFixture.scratch("worker-sittings")
        defer { try? FileManager.default.removeItem(at: work) }
        let feb = try SittingsRunTests.write(seed: 3201, count: 3, examDate: SittingsRunTests.february, to: work, name: "feb")
        let may = try SittingsRunTests.write(seed: 3202, count: 2, examDate: SittingsRunTests.may, firstID: 500,
                                             firstSerial: 201, to: work, name: "may")
        let store = try SQLiteResultStore.open(at: work.appendingPathComponent("is03.sqlite"))
        try await enqueue(feb.folder, participants: feb.list, into: store)
        try await enqueue(may.folder, participants: may.list, into: store)
        let out = work.appendingPathComponent("out")
        _ = try await WorkerRun(store: store, options: worker(out), log: { _ in }).run()

        // Both sittings matched, each within its own list (the older one too).
        for (sitting, written) in [(SittingsRunTests.february, feb), (SittingsRunTests.may, may)] {
            let results = try await store.results(ResultFilter(sitting: sitting))
            #expect(Set(results.compactMap(\.participantID)) == Set(written.truths.compactMap(\.participantID)), "\(sitting)")
        }
        // The files carry the newest sitting, as `is03 process` of that packet would.
        #expect(OutputFolderPurge.sittingsHeld(in: out) == [SittingsRunTests.may])
        #expect(try SittingsRunTests.surnames(in: out.appendingPathComponent(ResultFiles.resultsCSV)).count == may.truths.count)
    }

    @Test func aScanFileThatCannotBeOpenedLeavesItsPagePending() async throws {
        let work = try PacketFixture.scratch("worker-missing")
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("vdp-0101")
        try FileManager.default.copyItem(at: PacketFixture.shared.folder, to: folder)
        let store = try SQLiteResultStore.open(at: work.appendingPathComponent("is03.sqlite"))
        try await enqueue(folder, participants: PacketFixture.shared.participants, into: store)
        let page = try #require(try await store.pendingPages(limit: 1000, afterID: nil).last)
        let parked = work.appendingPathComponent("parked")
        try FileManager.default.moveItem(atPath: page.filePath, toPath: parked.path)

        let first = try await WorkerRun(store: store, options: worker(work.appendingPathComponent("out")), log: { _ in }).run()
        #expect(first.failed == 0 && first.leftUnread.count == 1)
        #expect(try await store.page(id: page.id)?.failureReason == nil)
        #expect(try await store.pendingPages(limit: 1000, afterID: nil).map(\.id) == [page.id])
        #expect(try await store.claimCounts() == ClaimCounts(unclaimed: 1, claimed: 0))

        try FileManager.default.moveItem(atPath: parked.path, toPath: page.filePath)
        let second = try await WorkerRun(store: store, options: worker(work.appendingPathComponent("out")), log: { _ in }).run()
        #expect(second.stored == 1 && second.leftUnread.isEmpty)
        #expect(try await store.status().pages[.pending] == 0)
        #expect(try await store.status().pages[.failed] == 0)
    }
}
