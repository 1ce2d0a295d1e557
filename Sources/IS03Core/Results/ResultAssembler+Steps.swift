import Foundation

/// The three steps of assembling, shared by ``ResultAssembler/assemble(_:participants:)`` (a
/// batch held in memory) and `AssembleStage` (IS03Pipeline, the production path, which streams
/// the readings from a scratch file a window at a time): ``identify(_:index:)`` each page,
/// ``match(_:participants:)`` every identity at once, ``score(_:index:isSheet:matching:)`` each page.
extension ResultAssembler {
    /// A page as this run treats it (see ``admit(_:)``), with what matching needs of it.
    public struct IdentifiedSheet: Sendable {
        public var sheet: SheetToMatch
        /// The page-wide review item of a page that takes no part in matching.
        public var pageItem: ReviewQueueItem?
        public var identity: SheetIdentity
    }

    /// Step 1 for one page; `index` is its place in the batch.
    public func identify(_ sheet: SheetToMatch, index: Int) -> IdentifiedSheet {
        let admitted = admit(sheet)
        return IdentifiedSheet(sheet: admitted.sheet, pageItem: admitted.pageItem, identity: identity(of: admitted.sheet, index: index))
    }

    /// One page's share of the outcome: its page-wide item, and for a sheet of this template
    /// its score, items and result.
    public struct ScoredPage: Sendable {
        public var pageItem: ReviewQueueItem?
        public var outcome: SheetOutcome?

        /// Every review item the page raises, the page-wide one first.
        public var items: [ReviewQueueItem] { (pageItem.map { [$0] } ?? []) + (outcome?.items ?? []) }
    }

    /// Step 3 for one page, after ``match(_:participants:)``: `isSheet` is its identity's
    /// ``SheetIdentity/isSheet`` (only sheets are scored).
    public func score(_ sheet: SheetToMatch, index: Int, isSheet: Bool, matching: Matching) -> ScoredPage {
        let admitted = admit(sheet)
        let outcome = isSheet ? sheetOutcome(index: index, sheet: admitted.sheet, matching: matching) : nil
        return ScoredPage(pageItem: admitted.pageItem, outcome: outcome)
    }

    /// Assembles a whole batch held in memory, by the same steps as `AssembleStage`.
    public func assemble(_ sheets: [SheetToMatch], participants: [Participant]) -> Output {
        let identities = sheets.enumerated().map { identify($1, index: $0).identity }
        let matching = match(identities, participants: participants)
        var pageItems: [ReviewQueueItem] = []
        var sheetItems: [ReviewQueueItem] = []
        var scores: [Int: SheetScore] = [:]
        var records: [ResultRecord] = []
        for (index, sheet) in sheets.enumerated() {
            let scored = score(sheet, index: index, isSheet: identities[index].isSheet, matching: matching)
            if let item = scored.pageItem { pageItems.append(item) }
            guard let outcome = scored.outcome else { continue }
            scores[index] = outcome.score
            sheetItems += outcome.items
            if let record = outcome.record { records.append(record) }
        }
        return Output(results: orderedResults(records), review: ReviewQueue(items: pageItems + sheetItems + listItems(matching)),
                      reconciliation: matching.report, scores: scores, summary: matching.summary)
    }
}
