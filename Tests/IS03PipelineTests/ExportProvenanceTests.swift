import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03Vision
import IS03TestSupport
import Testing

/// A result a person decided says so on export: `verified`, with who and when, even when the
/// decision left the re-scored sheet with nothing uncertain.
@Suite(.serialized) struct ExportProvenanceTests {
    @Test func aSheetDecidedByAnOperatorExportsAsVerifiedWithWhoAndWhen() async throws {
        let packet = PacketFixture.shared
        let out = try PacketFixture.scratch("provenance")
        defer { try? FileManager.default.removeItem(at: out) }
        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        _ = try await BatchRun(store: store, options: BatchOptions(
            packets: [packet.folder.path], participantList: packet.participants, outputDirectory: out,
            templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)).run()
        let templates = try TemplateCatalog.load(from: RepositoryPaths.templates)
        let categories = try templates.categoryTables(in: RepositoryPaths.templates)

        // A sheet the machine was sure of: an operator is asked about one criterion and confirms
        // it (a changed value would make the expert's total disagree and open another item).
        let sure = try await store.results(ResultFilter()).filter { $0.reviewStatus == .final }
        let chosen = try #require(sure.first)
        let untouched = sure.dropFirst().first?.participantID
        let page = try #require(try await store.page(id: chosen.pageID))
        let reading = try #require(page.reading)
        let criterion = try #require(reading.fields.first { $0.id == "crit.М1" })
        _ = try await store.commitPage(PageOutcome(
            pageID: chosen.pageID, reading: reading, templateVersion: page.templateVersion, participantListID: nil,
            reconciliation: nil, result: nil,
            reviewItems: [ReviewItemInput(fieldID: "crit.М1", reason: "lowConfidenceMark", machineValue: criterion.value, confidence: 0.5)],
            actor: "test"))
        let item = try #require(try await store.reviewItems(pageID: chosen.pageID).first { $0.fieldID == "crit.М1" })
        let decision = try await store.decide(itemID: item.id, operatorName: "olga", value: try #require(criterion.value), reason: nil)
        _ = try await AssembleStage(store: store, templates: templates, categories: categories, actor: "test").run()

        let export = try await ResultExport.load(from: store, filter: ResultFilter())
        let record = try #require(export.records.first { $0.participant.id == chosen.participantID })
        #expect(record.provenance.reviewStatus == .verified)
        #expect(record.provenance.verifiedBy == "olga")
        #expect(record.provenance.verifiedAt == decision.decidedAt.formatted(.iso8601))
        let xml = ResultsXML.entry(record)
        #expect(xml.contains(#"reviewStatus="verified""#) && xml.contains(#"verifiedBy="olga""#))
        #expect(xml.contains(#"verifiedAt="\#(decision.decidedAt.formatted(.iso8601))""#))
        // Nobody touched the others: they stay `auto`, with no one named.
        if let untouched, let other = export.records.first(where: { $0.participant.id == untouched }) {
            #expect(other.provenance.reviewStatus == .auto && other.provenance.verifiedBy == nil)
        }
    }
}
