import Foundation
import IS03Core
import IS03Store
import Testing

/// A commit's and a purge's decisions with no database.
@Suite struct CommitPlanTests {
    @Test func onlyChangedKeyColumnsOfAResultAreAudited() {
        let before = ResultSummary(participantID: "P1", total: 12, verdict: "pass")
        let after = ResultSummary(participantID: "P1", total: 9, verdict: "fail")
        #expect(CommitPlan.resultChanges(from: before, to: after)
            == [ResultAudit(field: "total", from: "12", to: "9"), ResultAudit(field: "verdict", from: "pass", to: "fail")])
        #expect(CommitPlan.resultChanges(from: before, to: before).isEmpty)
        #expect(CommitPlan.removedResult(before) == ResultAudit(field: "participant", from: "P1",
                                                                 to: "removed: the page yields no result"))
    }

    @Test func aResultIsFinalOnlyWithNothingOutstanding() {
        #expect(CommitPlan.resultReviewStatus(outstandingItems: 0) == .final)
        #expect(CommitPlan.resultReviewStatus(outstandingItems: 2) == .pendingReview)
    }

    @Test func keepingAReadingNeedsADonePageThatHoldsOne() throws {
        try CommitPlan.checkKeptReading(pageID: 3, state: .done, hasReading: true, location: "db")
        #expect(throws: StorageError.self) {
            try CommitPlan.checkKeptReading(pageID: 3, state: .pending, hasReading: true, location: "db")
        }
        #expect(throws: StorageError.self) {
            try CommitPlan.checkKeptReading(pageID: 3, state: .done, hasReading: false, location: "db")
        }
    }

    @Test func aFutureCutoffIsRefusedUnlessForced() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(throws: StorageError.self) {
            try PurgeRules.checkCutoff(now.addingTimeInterval(86_400), now: now, allowingFutureCutoff: false, location: "db")
        }
        try PurgeRules.checkCutoff(now.addingTimeInterval(86_400), now: now, allowingFutureCutoff: true, location: "db")
        try PurgeRules.checkCutoff(now, now: now, allowingFutureCutoff: false, location: "db")
    }

    @Test func aFutureCutoffDeletesNothingAndACompletedPurgeSaysWhetherSpaceWasReclaimed() async throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var deleted = 0
        await #expect(throws: StorageError.self) {
            try await PurgeRules.carryOut(before: now.addingTimeInterval(86_400), now: now, allowingFutureCutoff: false,
                                          location: "db", deleteRows: { deleted += 1; return Self.report() },
                                          reclaimSpace: { true })
        }
        #expect(deleted == 0)
        let report = try await PurgeRules.carryOut(before: now, now: now, allowingFutureCutoff: false, location: "db",
                                                   deleteRows: { Self.report() }, reclaimSpace: { true })
        #expect(report.compacted && report.pages == 2)
    }

    @Test func aStoredStateOutsideTheSchemaIsCorruptData() throws {
        #expect(try ReviewState.stored("deferred", location: "db") == .deferred)
        #expect(try PageState.stored("done", location: "db") == .done)
        let error = try #require(throws: StorageError.self) { try ReviewState.stored("closed", location: "db") }
        #expect(error.code == .corruptData && error.message.contains("'closed'"))
    }

    static func report() -> PurgeReport {
        PurgeReport(id: 1, cutoff: Date(timeIntervalSince1970: 0), packets: 1, pages: 2, results: 2,
                    reviewItems: 3, decisions: 1, participantLists: 1, participants: 40,
                    auditEntriesRedacted: 5, scanFilePaths: ["/scans/secret.pdf"], cropPaths: [], compacted: false)
    }

    @Test func thePurgeSummaryKeepsItsStoredKeysAndNoPaths() throws {
        let json = try PurgeSummary.json(Self.report())
        #expect(json == #"{"auditEntriesRedacted":5,"cropImages":0,"decisions":1,"packets":1,"pages":2,"#
            + #""participantLists":1,"participants":40,"results":2,"reviewItems":3,"scanFiles":1}"#)
    }
}
