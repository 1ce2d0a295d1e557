/// Where assembling puts each result and review item as it commits them, in commit order: to
/// the result files through a scratch file (``ResultFileStream``, what a batch uses, so its
/// memory does not grow with the results) or into memory (``CollectedResults``, for tests and
/// callers that want the whole ``ResultAssembler/Output``).
public protocol ResultSink: AnyObject {
    /// The form whose results follow (the batch's primary template), before anything is added.
    func begin(template: Template) throws
    func add(result: ResultRecord) throws
    /// A question about a page as a whole (foreign, unreadable, another form).
    func add(pageItem: ReviewQueueItem) throws
    /// A question about a sheet: a field, a rule, its match.
    func add(sheetItem: ReviewQueueItem) throws
}

/// Keeps what assembling produced in memory, for the whole ``ResultAssembler/Output``.
public final class CollectedResults: ResultSink {
    public private(set) var results: [ResultRecord] = []
    public private(set) var pageItems: [ReviewQueueItem] = []
    public private(set) var sheetItems: [ReviewQueueItem] = []

    public init() {}

    public func begin(template: Template) {}

    public func add(result: ResultRecord) { results.append(result) }
    public func add(pageItem: ReviewQueueItem) { pageItems.append(pageItem) }
    public func add(sheetItem: ReviewQueueItem) { sheetItems.append(sheetItem) }

    /// The output `ResultAssembler.assemble` gives for the same sheets: results in the results
    /// file's order; page items, then each sheet's, then the list's.
    public func output(listItems: [ReviewQueueItem], reconciliation: ReconciliationReport,
                       summary: ResultsXML.Summary) -> ResultAssembler.Output {
        ResultAssembler.Output(results: results.sorted(by: ResultsXML.order),
                               review: ReviewQueue(items: pageItems + sheetItems + listItems),
                               reconciliation: reconciliation, scores: [:], summary: summary)
    }
}
