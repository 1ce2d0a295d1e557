import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03Vision
import IS03TestSupport
import Testing

/// Issue 5: assembling right after reading works from the readings the read stage spilled and
/// keeps the stored readings as they are; it must store exactly what assembling from the
/// stored readings stores, and a rerun with nothing new must change nothing.
@Suite(.serialized) struct AssemblyEvidenceTests {
    /// What a run leaves in the database, less the times of writing.
    struct Snapshot: Equatable {
        struct Page: Equatable { var id: Int64; var reading: SheetReading?; var readAt: Date?; var listID: Int64? }
        struct Result: Equatable {
            var pageID: Int64; var participant: String?; var total: Int?; var verdict: String?
            var status: ResultReviewStatus; var payload: Data
        }
        struct Item: Equatable {
            var pageID: Int64; var field: String; var reason: String; var machineValue: String?
            var candidates: [Alternative]; var crop: String?; var state: ReviewState; var fingerprint: String
        }
        var pages: [Page] = []
        var results: [Result] = []
        var items: [Item] = []
    }

    private func snapshot(_ store: SQLiteResultStore) async throws -> Snapshot {
        var snapshot = Snapshot()
        var after: Int64?
        while let last = try await store.readPages(limit: 100, afterID: after).last?.ref.id {
            for page in try await store.readPages(limit: 100, afterID: after) {
                let stored = try #require(try await store.page(id: page.ref.id))
                snapshot.pages.append(.init(id: page.ref.id, reading: stored.reading, readAt: stored.readAt,
                                            listID: stored.participantListID))
                snapshot.items += try await store.reviewItems(pageID: page.ref.id).map {
                    .init(pageID: $0.pageID, field: $0.fieldID, reason: $0.reason, machineValue: $0.machineValue,
                          candidates: $0.candidates, crop: $0.cropPath, state: $0.state, fingerprint: $0.readingFingerprint)
                }
            }
            after = last
        }
        snapshot.results = try await store.results(ResultFilter()).map {
            .init(pageID: $0.pageID, participant: $0.participantID, total: $0.total, verdict: $0.verdict,
                  status: $0.reviewStatus, payload: $0.payload)
        }.sorted { $0.pageID < $1.pageID }
        return snapshot
    }

    @Test func assemblingFromTheReadEvidenceStoresWhatTheStoredReadingsGive() async throws {
        let packet = PacketFixture.shared
        let out = try PacketFixture.scratch("evidence")
        defer { try? FileManager.default.removeItem(at: out) }
        // A list without one sheet's participant, so that sheet is queued (with a crop).
        let list = try ParticipantList.load(from: packet.participants)
        let smaller = out.appendingPathComponent("participants.csv")
        try ParticipantCSV.encode(Array(list.participants.dropFirst())).write(to: smaller, atomically: true, encoding: .utf8)
        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        let options = BatchOptions(packets: [packet.folder.path], participantList: smaller, outputDirectory: out,
                                   templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)
        let first = try await BatchRun(store: store, options: options).run()
        #expect(first.read.pagesRead == packet.truths.count)
        let fromEvidence = try await snapshot(store)
        #expect(fromEvidence.pages.count == packet.truths.count)
        let dropped = try #require(list.participants.first?.id)
        #expect(!fromEvidence.results.isEmpty && !fromEvidence.results.contains { $0.participant == dropped })
        #expect(!fromEvidence.items.isEmpty)
        for item in fromEvidence.items {
            let crop = try #require(item.crop, "\(item.field) of page \(item.pageID) has a crop")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(crop).path), "\(crop)")
        }

        // The same assembly from the stored readings (nothing spilled): the same outcome, and the
        // readings and their read times are left as the read stage stored them.
        let templates = try TemplateCatalog.load(from: RepositoryPaths.templates)
        let categories = try templates.categoryTables(in: RepositoryPaths.templates)
        let report = try #require(try await AssembleStage(store: store, templates: templates, categories: categories,
                                                          actor: "test").run())
        #expect(report.resultsChanged == 0)
        #expect(report.cropJobs.count == Set(fromEvidence.items.map(\.pageID)).count)
        #expect(try await snapshot(store) == fromEvidence)

        // A rerun with nothing new reads nothing and changes nothing; its crops, written after
        // their readings, are current and not cut again.
        let crops = Set(fromEvidence.items.compactMap(\.crop)).map { out.appendingPathComponent($0).path }
        let written = try crops.map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
        let rerun = try await BatchRun(store: store, options: options).run()
        #expect(rerun.read.pagesRead == 0)
        #expect(rerun.results == first.results && rerun.reviewItems == first.reviewItems)
        #expect(rerun.cropProblems.isEmpty)
        #expect(try await snapshot(store) == fromEvidence)
        #expect(try crops.map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date } == written)

        // A crop that went missing is cut again by the next run.
        let missing = try #require(crops.first)
        try FileManager.default.removeItem(atPath: missing)
        _ = try await BatchRun(store: store, options: options).run()
        #expect(FileManager.default.fileExists(atPath: missing))
        #expect(try FileManager.default.contentsOfDirectory(atPath: (missing as NSString).deletingLastPathComponent)
                    .allSatisfy { !$0.hasSuffix(".partial.png") })
    }
}
