import Foundation
import IS03Core
import Testing
@testable import IS03Storage

@Suite("Storage: nightly re-processing")
struct ReprocessTests {
    @Test("a decision is kept while its field reads the same, and re-opened when the reading changes",
          arguments: StoreKind.allCases)
    func decisionsSurviveUnchangedReadings(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        _ = try await store.commitPage(Samples.outcome(for: page))
        let item = try #require(try await store.reviewItems(pageID: page.id).first)
        let decision = try await store.decide(itemID: item.id, operatorName: "operator-1", value: "1", reason: "faint mark")

        // A newer engine reads the same value with another confidence: the decision stands.
        var same = Samples.reading(for: page)
        same.fields[0].confidence = 0.55
        let kept = try await store.commitPage(Samples.outcome(for: page, reading: same, engine: "1.1"))
        #expect(kept.keptDecisions == ["P1"])
        #expect(kept.reopened.isEmpty)
        #expect(try await store.decisions(pageID: page.id) == [decision])
        #expect(decision.applies(to: same))

        // Now it reads П1 as 0: the operator saw something else, so ask again.
        let changed = Samples.reading(for: page, p1: "0")
        let reopened = try await store.commitPage(Samples.outcome(for: page, reading: changed, engine: "1.2"))
        #expect(reopened.reopened == ["P1"])
        #expect(!decision.applies(to: changed))
        let items = try await store.reviewItems(pageID: page.id)
        #expect(items.map(\.state) == [.open])
        #expect(items.first?.machineValue == "0")
        #expect(items.first?.id == item.id)
        #expect(try await store.decisions(pageID: page.id).isEmpty)
        #expect(try await store.results(.all).first?.reviewStatus == .pendingReview)
        let trail = try await store.auditTrail(entity: "review_item", entityID: item.id)
        #expect(trail.map(\.actor) == ["operator-1", "is03 process"])
        #expect(trail.first?.from == "2" && trail.first?.to == "1")
    }

    @Test("a changed reading re-opens a decision even when the engine is now sure of it",
          arguments: StoreKind.allCases)
    func reopenWithoutNewQuestion(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        _ = try await store.commitPage(Samples.outcome(for: page))
        let item = try #require(try await store.reviewItems(pageID: page.id).first)
        _ = try await store.decide(itemID: item.id, operatorName: "operator-1", value: "1", reason: nil)

        let confident = Samples.reading(for: page, p1: "0")
        let report = try await store.commitPage(Samples.outcome(for: page, reading: confident, reviewP1: false))
        #expect(report.reopened == ["P1"])
        let reopened = try #require(try await store.reviewItems(pageID: page.id).first)
        #expect(reopened.reason == ReviewItem.readingChangedReason)
        #expect(reopened.machineValue == "0")
    }

    @Test("a page-level decision stands until the pipeline asks a different question",
          arguments: StoreKind.allCases)
    func pageLevelDecision(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        let question = ReviewItemInput(fieldID: "@participant", reason: "ambiguousMatch", machineValue: "P1",
                                       candidates: [Alternative(value: "P1", confidence: 0.5),
                                                    Alternative(value: "P2", confidence: 0.45)], confidence: 0.5)
        var outcome = try Samples.outcome(for: page, reviewP1: false)
        outcome.reviewItems = [question]
        _ = try await store.commitPage(outcome)
        let item = try #require(try await store.reviewItems(pageID: page.id).first)
        _ = try await store.decide(itemID: item.id, operatorName: "operator-2", value: "P2", reason: "document number")

        #expect(try await store.commitPage(outcome).keptDecisions == ["@participant"])
        outcome.reviewItems = []
        #expect(try await store.commitPage(outcome).keptDecisions == ["@participant"])
        var different = question
        different.candidates.append(Alternative(value: "P3", confidence: 0.4))
        outcome.reviewItems = [different]
        #expect(try await store.commitPage(outcome).reopened == ["@participant"])
    }

    @Test("read first, reconcile later: a stored reading leaves items and result until the next commit",
          arguments: StoreKind.allCases)
    func twoPhase(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        let list = try await store.importParticipantList(name: "l.csv", sha256: Samples.sha("l"),
                                                         participants: [Samples.participant("P000123")], actor: "op")
        _ = try await store.commitPage(Samples.outcome(for: page, listID: list.id))
        let item = try #require(try await store.reviewItems(pageID: page.id).first)
        _ = try await store.decide(itemID: item.id, operatorName: "anna", value: "1", reason: nil)

        // Phase 1 of a nightly run: a newer engine re-reads П1 differently.
        let reread = Samples.reading(for: page, p1: "0")
        try await store.storeReading(pageID: page.id, reading: reread, templateVersion: "t1", engineVersion: "1.1")
        #expect(try await store.page(id: page.id)?.reading == reread)
        #expect(try await store.reviewItems(pageID: page.id).map(\.state) == [.decided])
        #expect(try await store.results(.all).count == 1)
        let current = ProcessingVersions(templateVersions: ["is03-2023": "t1"], engineVersion: "1.1",
                                         participantListID: list.id)
        #expect(try await store.pagesToReprocess(current: current, limit: 10, afterID: nil).map(\.reasons)
                == [.participantList])

        // Phase 2: reconciled against the stored reading; the changed field is asked again.
        let report = try await store.commitPage(Samples.outcome(for: page, reading: reread, listID: list.id, engine: "1.1"))
        #expect(report.reopened == ["P1"])
        #expect(try await store.pagesToReprocess(current: current, limit: 10, afterID: nil).isEmpty)
    }

    @Test("pages are listed for re-processing with why: engine, template, list, failure, decisions",
          arguments: StoreKind.allCases)
    func reprocessQuery(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let pages = try await fixture.ingest(packet: "vdp", files: 5)
        let list = try await store.importParticipantList(name: "list-1.csv", sha256: Samples.sha("list-1"),
                                                         participants: [Samples.participant("P000123")], actor: "op")
        for page in pages[0..<4] {
            _ = try await store.commitPage(Samples.outcome(for: page, listID: list.id, reviewP1: page.id == pages[3].id))
        }
        try await store.markPageFailed(pageID: pages[4].id, reason: "not an image", engineVersion: "1.0", actor: "is03")
        let current = ProcessingVersions(templateVersions: ["is03-2023": "t1"], engineVersion: "1.0",
                                         participantListID: list.id)
        #expect(try await store.pagesToReprocess(current: current, limit: 100, afterID: nil).isEmpty)

        var newEngine = current
        newEngine.engineVersion = "1.1"
        let all = try await store.pagesToReprocess(current: newEngine, limit: 100, afterID: nil)
        #expect(all.map(\.page.id) == pages.map(\.id))
        #expect(all.last?.reasons == [.engine, .failed])
        #expect(all.allSatisfy { $0.needsReading })

        var newTemplate = current
        newTemplate.templateVersions["is03-2023"] = "t2"
        let byTemplate = try await store.pagesToReprocess(current: newTemplate, limit: 2, afterID: nil)
        #expect(byTemplate.map(\.page.id) == [pages[0].id, pages[1].id])
        #expect(byTemplate.allSatisfy { $0.reasons == .template })
        let nextBatch = try await store.pagesToReprocess(current: newTemplate, limit: 10, afterID: byTemplate.last?.page.id)
        #expect(nextBatch.map(\.page.id) == [pages[2].id, pages[3].id])

        let list2 = try await store.importParticipantList(name: "list-2.csv", sha256: Samples.sha("list-2"),
                                                          participants: [Samples.participant("P000123")], actor: "op")
        var newList = current
        newList.participantListID = list2.id
        let byList = try await store.pagesToReprocess(current: newList, limit: 100, afterID: nil)
        #expect(byList.count == 4)
        #expect(byList.allSatisfy { $0.reasons == .participantList && !$0.needsReading })

        // An operator's decision after the result was computed: recompute that page's result.
        fixture.clock.advance(by: 60)
        let item = try #require(try await store.reviewItems(pageID: pages[3].id).first)
        _ = try await store.decide(itemID: item.id, operatorName: "op", value: "1", reason: nil)
        let byDecision = try await store.pagesToReprocess(current: current, limit: 100, afterID: nil)
        #expect(byDecision.map(\.page.id) == [pages[3].id])
        #expect(byDecision.first?.reasons == .decisions)
        fixture.clock.advance(by: 60)
        _ = try await store.commitPage(Samples.outcome(for: pages[3], listID: list.id))
        #expect(try await store.pagesToReprocess(current: current, limit: 100, afterID: nil).isEmpty)
        #expect(try await store.results(.all).first { $0.pageID == pages[3].id }?.reviewStatus == .final)
    }
}
