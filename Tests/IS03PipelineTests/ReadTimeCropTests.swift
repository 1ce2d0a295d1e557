import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03TestSupport
import IS03Vision
import Testing

/// Issue 5: the read stage cuts the crops a page needs whoever its participant is while the
/// image is in hand, so assembling does not decode those pages again; the streamed assembly
/// gives what assembling the whole batch in memory gives.
@Suite(.serialized) struct ReadTimeCropTests {
    @Test func cropsKnownAtReadTimeAreCutThenAndTheStreamedAssemblyMatchesTheWholeOne() async throws {
        let packet = PacketFixture.shared
        let out = try PacketFixture.scratch("readtime-crops")
        defer { try? FileManager.default.removeItem(at: out) }
        // The packet plus a foreign page (ink, no registration marks): its item is known at once.
        let folder = out.appendingPathComponent("vdp-0101")
        try FileManager.default.copyItem(at: packet.folder, to: folder)
        var foreign = GrayImage(width: 1_240, height: 1_754)
        for y in 400..<900 { for x in 200..<1_000 { foreign.pixels[y * foreign.width + x] = 20 } }
        let foreignFile = folder.appendingPathComponent("zz-foreign.png")
        try foreign.write(to: foreignFile)

        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        let templates = try TemplateCatalog.load(from: RepositoryPaths.templates)
        let categories = try templates.categoryTables(in: RepositoryPaths.templates)
        // A list without one sheet's participant, so that sheet gets an item only matching knows.
        let dropped = try #require(packet.truths.compactMap(\.participantID).first)
        let participants = try ParticipantList.load(from: packet.participants).participants.filter { $0.id != dropped }
        _ = try await store.importParticipantList(name: "list", sha256: "list-1", participants: participants,
                                                  experts: packet.expertList, actor: "test")
        _ = try await PacketIngest(store: store, actor: "test").ingest(ScanInventory.packets(from: [folder.path]).packets)

        let spill = try ReadingSpill(directory: out)
        let crops = ReadTimeCrops(directory: out, templates: templates, categories: categories, experts: packet.expertList)
        let read = try await ReadStage(store: store, templates: templates, workers: 2, actor: "test", spill: spill, crops: crops)
            .run(progress: nil)
        #expect(read.pagesRead == packet.truths.count + 1)

        // Before anything is assembled, the foreign page's crop is there.
        var foreignCrop: String?
        for id in spill.pageIDs {
            let reading = try #require(try spill.reading(pageID: id))
            if reading.source.file == foreignFile.path {
                #expect(reading.pageClass == .foreign)
                foreignCrop = ReviewQueueItem.cropPath(for: reading.source, fieldID: "@page")
            }
        }
        let foreignPath = try #require(foreignCrop)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(foreignPath).path))

        // Assembling and writing the crops never needs that page's image again: its scan can be gone.
        try FileManager.default.removeItem(at: foreignFile)
        let collected = CollectedResults()
        let report = try #require(try await AssembleStage(store: store, templates: templates, categories: categories,
                                                          actor: "test", spill: spill).run(into: collected))
        let output = collected.output(listItems: report.listItems, reconciliation: report.reconciliation, summary: report.summary)
        #expect(report.cropJobs.contains { $0.crops.contains { $0.path == foreignPath } })
        #expect(await CropWriter(workers: 2).write(report.cropJobs, to: out).isEmpty)
        let used = Set(report.cropJobs.flatMap { $0.crops.map(\.path) })
        crops.removeUnused(keeping: used)
        // The crops folder holds exactly the crops the review items point at.
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("crops").path)
            .filter { !$0.hasPrefix(".") }.map { "crops/" + $0 })
        #expect(onDisk == Set(output.review.items.compactMap(\.crop)))
        #expect(output.review.items.contains { $0.fieldID == "@participant" },
                "\(output.review.items.map { "\($0.reason) \($0.fieldID)" })")

        // The streamed assembly is the whole-batch assembly, item for item and result for result.
        let pages = try await store.readPages(limit: 1_000, afterID: nil)
        let whole = ResultAssembler(template: report.template, categories: try #require(categories[report.template.id]),
                                    experts: packet.expertList)
            .assemble(try pages.map { SheetToMatch(reading: try #require($0.reading), packet: $0.packetName) }, participants: participants)
        #expect(output.results == whole.results)
        #expect(output.review == whole.review)
        #expect(output.reconciliation == whole.reconciliation)
        #expect(output.summary == whole.summary)
        #expect(report.results == whole.results.count)
        #expect(report.reviewItems == whole.review.items.count)

        // The files streamed while assembling are, byte for byte, the whole output's documents.
        let streamed = out.appendingPathComponent("streamed")
        let files = try ResultFileStream(directory: streamed)
        let again = try #require(try await AssembleStage(store: store, templates: templates, categories: categories,
                                                         actor: "test", spill: spill).run(into: files))
        try files.finish(listItems: again.listItems, summary: again.summary, generated: "2023-02-14T10:00:00Z")
        let documents: [(String, Data)] = [
            (ResultFiles.resultsXML, Data(ResultsXML.document(whole.results, summary: whole.summary, generated: "2023-02-14T10:00:00Z").utf8)),
            (ResultFiles.resultsCSV, Data(ResultsCSV.document(whole.results, template: report.template).utf8)),
            (ResultFiles.reviewXML, Data(whole.review.xml().utf8)),
            (ResultFiles.reviewJSON, try whole.review.json()),
        ]
        for (name, document) in documents {
            #expect(try Data(contentsOf: streamed.appendingPathComponent(name)) == document, "\(name)")
        }
        #expect(!whole.results.isEmpty && !whole.review.items.isEmpty)
    }
}
