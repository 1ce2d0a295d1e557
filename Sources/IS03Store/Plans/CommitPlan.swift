import Foundation
import IS03Core

/// An audit line about a page's result, written the same way by every engine.
public struct ResultAudit: Sendable, Hashable {
    public static let entity = "result"
    public var field: String
    public var from: String?
    public var to: String?

    public init(field: String, from: String?, to: String?) {
        self.field = field; self.from = from; self.to = to
    }
}

/// What a page commit decides, apart from the review-item merge (``ReviewItemPlan``): every
/// engine asks these and only writes the answers in its dialect.
public enum CommitPlan {
    /// The reading a commit that replaces the stored one writes; an outcome that neither keeps
    /// the stored reading nor brings one is refused.
    public static func newReading(_ outcome: PageOutcome, location: String) throws -> SheetReading {
        guard let reading = outcome.reading else {
            throw StorageError(.invalidState, "the outcome of page \(outcome.pageID) has no reading to store",
                               location: location)
        }
        return reading
    }

    /// A commit that keeps the stored reading needs a read page that holds one.
    public static func checkKeptReading(pageID: Int64, state: PageState, hasReading: Bool, location: String) throws {
        guard state == .done, hasReading else {
            throw StorageError(.invalidState, "page \(pageID) has no stored reading to keep", location: location)
        }
    }

    /// Why nothing may be stored for a purged page.
    public static func purgedPage(_ pageID: Int64, location: String) -> StorageError {
        StorageError(.invalidState, "page \(pageID) was purged; its data may not be stored again", location: location)
    }

    /// A result is final only when none of the page's items waits for an operator.
    public static func resultReviewStatus(outstandingItems: Int) -> ResultReviewStatus {
        outstandingItems > 0 ? .pendingReview : .final
    }

    /// The audit line when a page that had a result yields none any more.
    public static func removedResult(_ previous: ResultSummary) -> ResultAudit {
        ResultAudit(field: "participant", from: previous.participantID, to: "removed: the page yields no result")
    }

    /// The audit lines of a result that replaced `previous`: one per key column that changed.
    /// First results are not audited (the page's read_at says when).
    public static func resultChanges(from previous: ResultSummary, to new: ResultSummary) -> [ResultAudit] {
        [
            ResultAudit(field: "participant", from: previous.participantID, to: new.participantID),
            ResultAudit(field: "total", from: previous.total.map(String.init), to: new.total.map(String.init)),
            ResultAudit(field: "verdict", from: previous.verdict, to: new.verdict),
        ].filter { $0.from != $0.to }
    }
}

extension ResultInput {
    /// The key columns this result stores.
    public var summary: ResultSummary { ResultSummary(participantID: participantID, total: total, verdict: verdict) }
}
