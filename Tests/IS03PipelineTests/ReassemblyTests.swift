import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03Vision
import IS03TestSupport
import Testing

/// Operators' decisions and new participant lists change results without reading any image.
@Suite(.serialized) struct ReassemblyTests {
    private func processed(_ name: String) async throws -> (SQLiteResultStore, URL, TemplateCatalog, [String: CategoryTable]) {
        let packet = PacketFixture.shared
        let out = try PacketFixture.scratch(name)
        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        _ = try await BatchRun(store: store, options: BatchOptions(
            packets: [packet.folder.path], participantList: packet.participants, outputDirectory: out,
            templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)).run()
        let templates = try TemplateCatalog.load(from: RepositoryPaths.templates)
        return (store, out, templates, try templates.categoryTables(in: RepositoryPaths.templates))
    }

    @Test func aDecidedCriterionChangesTheTotalAndIsKeptOnReassembly() async throws {
        let (store, out, templates, categories) = try await processed("decide")
        defer { try? FileManager.default.removeItem(at: out) }
        // Pick a result and overrule one of its criteria through a review decision.
        let before = try #require(try await store.results(ResultFilter()).first)
        let page = try #require(try await store.page(id: before.pageID))
        let reading = try #require(page.reading)
        let criterion = try #require(reading.fields.first { $0.id == "crit.М1" })
        let newValue = criterion.value == "1" ? "0" : "1"
        // A decision is made on a review item; queue one for this field if the machine had none.
        var items = try await store.reviewItems(pageID: before.pageID).filter { $0.fieldID == "crit.М1" }
        if items.isEmpty {
            _ = try await store.commitPage(PageOutcome(
                pageID: before.pageID, reading: reading, templateVersion: page.templateVersion, participantListID: nil,
                reconciliation: nil, result: nil,
                reviewItems: [ReviewItemInput(fieldID: "crit.М1", reason: "lowConfidenceMark", machineValue: criterion.value, confidence: 0.5)],
                actor: "test"))
            items = try await store.reviewItems(pageID: before.pageID).filter { $0.fieldID == "crit.М1" }
        }
        let item = try #require(items.first)
        _ = try await store.decide(itemID: item.id, operatorName: "op1", value: newValue, reason: nil)

        let stage = AssembleStage(store: store, templates: templates, categories: categories, actor: "test")
        _ = try await stage.run()
        let after = try #require(try await store.results(ResultFilter()).first { $0.participantID == before.participantID })
        let delta = newValue == "1" ? 1 : -1
        #expect(after.total == before.total.map { $0 + delta })
        // Assembling again keeps the decision (the field reads the same as when it was decided).
        _ = try await stage.run()
        let again = try #require(try await store.results(ResultFilter()).first { $0.participantID == before.participantID })
        #expect(again.total == after.total)
        #expect(try await store.decisions(pageID: before.pageID).contains { $0.fieldID == "crit.М1" && $0.value == newValue })
    }

    @Test func aNewParticipantListReMatchesWithoutReadingImages() async throws {
        let (store, out, templates, categories) = try await processed("relist")
        defer { try? FileManager.default.removeItem(at: out) }
        let results = try await store.results(ResultFilter())
        let dropped = try #require(results.first?.participantID)
        // The same list without one participant: their sheet must lose its result.
        let list = try ParticipantList.load(from: PacketFixture.shared.participants)
        let smaller = list.participants.filter { $0.id != dropped }
        _ = try await store.importParticipantList(name: "smaller.csv", sha256: "smaller-\(dropped)", participants: smaller, actor: "test")
        let pagesBefore = try await store.status().pages
        _ = try await AssembleStage(store: store, templates: templates, categories: categories, actor: "test").run()
        let after = try await store.results(ResultFilter())
        #expect(!after.contains { $0.participantID == dropped })
        #expect(after.count == results.count - 1)
        #expect(try await store.status().pages == pagesBefore, "no page was read again")
        let queued = try await store.status().openReviewByReason
        #expect((queued["noParticipant"] ?? 0) + (queued["ambiguousMatch"] ?? 0) + (queued["unreadableName"] ?? 0) >= 1,
                "the orphaned sheet is queued")
    }
}
