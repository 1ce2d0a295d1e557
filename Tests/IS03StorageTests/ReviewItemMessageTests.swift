import Foundation
import IS03Core
import Testing
@testable import IS03Storage

@Suite("Storage: the pipeline's message of a review item")
struct ReviewItemMessageTests {
    @Test("the message is stored with the item and follows a re-commit", arguments: StoreKind.allCases)
    func messageRoundTrip(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        var outcome = try Samples.outcome(for: page)
        outcome.reviewItems[0].message = "criterion P1: mark could be read more than one way"
        outcome.reviewItems.append(ReviewItemInput(fieldID: "@sheet", reason: "ruleViolation", machineValue: nil, confidence: 1,
                                                   message: "rule r1: Р1 = 4 while task 2 not attempted"))
        _ = try await store.commitPage(outcome)
        var items = Dictionary(uniqueKeysWithValues: try await store.reviewItems(pageID: page.id).map { ($0.fieldID, $0) })
        #expect(items["P1"]?.message == "criterion P1: mark could be read more than one way")
        #expect(items["@sheet"]?.message == "rule r1: Р1 = 4 while task 2 not attempted")
        #expect(try await store.reviewItem(id: try #require(items["@sheet"]).id)?.message == "rule r1: Р1 = 4 while task 2 not attempted")

        // Re-assembly with a new message for the open item replaces it.
        outcome.reviewItems[0].message = "criterion P1: confidence 0.41 below 0.90"
        _ = try await store.commitPage(outcome)
        items = Dictionary(uniqueKeysWithValues: try await store.reviewItems(pageID: page.id).map { ($0.fieldID, $0) })
        #expect(items["P1"]?.message == "criterion P1: confidence 0.41 below 0.90")
    }
}
