import Foundation
import IS03Core
import IS03Store
import Testing

/// The review-item merge decided with no database: what every engine then carries out.
@Suite struct ReviewItemMergePlanTests {
    static func reading(p1: String?, status: FieldReading.Status = .ok) -> SheetReading {
        SheetReading(
            source: PageSource(file: "/scans/a.pdf", page: 0, sha256: String(repeating: "a", count: 64)),
            pageClass: .sheet, templateID: "is03-2023", orientation: 0, registrationResidualMM: 0.2,
            fields: [
                FieldReading(id: "P1", status: status, value: p1, confidence: 0.6,
                             alternatives: [Alternative(value: "1", confidence: 0.3)]),
                FieldReading(id: "P2", status: .ok, value: "1", confidence: 0.99),
            ])
    }

    static func ask(_ field: String, _ value: String?) -> ReviewItemInput {
        ReviewItemInput(fieldID: field, reason: "lowConfidenceMark", machineValue: value, confidence: 0.6)
    }

    static func stored(_ id: Int64, _ field: String, _ state: ReviewState, readingOf reading: SheetReading) -> StoredReviewItem {
        StoredReviewItem(id: id, fieldID: field, state: state,
                         readingFingerprint: StoreRules.fingerprint(field: field, reading: reading, input: nil)!)
    }

    @Test func aDecisionStandsWhileItsFieldReadsTheSame() {
        let reading = Self.reading(p1: "2")
        let plan = ReviewItemPlan.mergePlan(existing: [Self.stored(1, "P1", .decided, readingOf: reading)],
                                            wanted: [Self.ask("P1", "2")], reading: reading)
        #expect(plan == [.keepDecision(fieldID: "P1")])
        #expect(plan.compactMap(\.audit).isEmpty)
    }

    @Test func aDecisionIsReopenedWhenItsFieldReadsDifferently() throws {
        let before = Self.reading(p1: "2"), now = Self.reading(p1: "1")
        let plan = ReviewItemPlan.mergePlan(existing: [Self.stored(7, "P1", .decided, readingOf: before)],
                                            wanted: [], reading: now)
        // The machine is sure now and does not ask: the operator is asked again with the new reading.
        let reopened = try #require(plan.first)
        guard case .reopen(let id, let input, let fingerprint) = reopened else {
            Issue.record("expected a re-opened item, got \(plan)"); return
        }
        #expect(id == 7 && input.fieldID == "P1" && input.machineValue == "1")
        #expect(input.reason == ReviewItem.readingChangedReason)
        #expect(fingerprint == StoreRules.fingerprint(field: "P1", reading: now, input: nil))
        #expect(reopened.audit == ItemAudit(itemID: 7, fieldID: "P1", from: "decided", to: "open: the field's reading changed"))
    }

    @Test func undecidedItemsAreRefreshedOrWithdrawnAndNewOnesQueued() {
        let reading = Self.reading(p1: "2")
        let existing = [Self.stored(1, "P1", .open, readingOf: reading), Self.stored(2, "P2", .deferred, readingOf: reading)]
        let plan = ReviewItemPlan.mergePlan(existing: existing,
                                            wanted: [Self.ask("P1", "2"), Self.ask("@page", nil), Self.ask("@page", "x")],
                                            reading: reading)
        #expect(plan.count == 3)
        guard case .refresh(1, let input, _) = plan[0] else { Issue.record("P1 should be refreshed: \(plan)"); return }
        #expect(input == Self.ask("P1", "2"))
        #expect(plan[1] == .withdraw(id: 2, fieldID: "P2", state: .deferred))
        #expect(plan[1].audit?.from == "deferred" && plan[1].audit?.to == "withdrawn: the new reading needs no review")
        // A page-level question is queued once, the first asked.
        guard case .queue(let queued, let fingerprint) = plan[2] else { Issue.record("@page should be queued: \(plan)"); return }
        #expect(queued.machineValue == nil)
        #expect(fingerprint == FieldFingerprint.of(machineValue: nil, candidates: []))

        var report = PageCommitReport(pageID: 1)
        plan.forEach { report.record($0) }
        #expect(report.queued == ["P1", "@page"] && report.withdrawn == ["P2"] && report.keptDecisions.isEmpty)
    }
}
