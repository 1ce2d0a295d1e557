import Foundation
import IS03Core
import IS03Storage

/// One page's share of the outcome, ready to commit, and the crops its review items need.
struct PreparedPage: Sendable {
    var index: Int
    var outcome: PageOutcome
    var cropJob: CropJob?
    var pageItem: ReviewQueueItem?
    var sheetItems: [ReviewQueueItem]
    var record: ResultRecord?
}

/// What step 3 counted while committing.
struct CommittedPages: Sendable {
    var results = 0
    var autoAccepted = 0
    var queuedByReason: [String: Int] = [:]
    var resultsChanged = 0
    var cropJobs: [CropJob] = []
}

extension AssembleStage {
    /// Step 3: each page scored and committed, a window at a time, readings back from the
    /// spill. The next window is prepared on all cores while this one is committed.
    func scoreAndCommit(_ scoring: PageScoring, into sink: (any ResultSink)?) async throws -> CommittedPages {
        let count = scoring.pages.count
        func prepare(_ range: Range<Int>) -> Task<[PreparedPage], Error> {
            Task {
                try await withThrowingTaskGroup(of: PreparedPage.self) { group in
                    for index in range { group.addTask { try scoring.prepare(index) } }
                    return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.index < $1.index }
                }
            }
        }
        var committed = CommittedPages()
        var next: Task<[PreparedPage], Error>? = count == 0 ? nil : prepare(0..<min(Self.window, count))
        var start = 0
        while let current = next {
            let prepared = try await current.value
            start += Self.window
            next = start < count ? prepare(start..<min(start + Self.window, count)) : nil
            do {
                // The window is committed (on the database's writer) while its results and
                // items are rendered into the sink here, so neither waits for the other.
                async let reports = store.commitPages(prepared.map(\.outcome))
                for page in prepared {
                    if let item = page.pageItem {
                        committed.queuedByReason[item.reason.rawValue, default: 0] += 1
                        try sink?.add(pageItem: item)
                    }
                    for item in page.sheetItems {
                        committed.queuedByReason[item.reason.rawValue, default: 0] += 1
                        try sink?.add(sheetItem: item)
                    }
                    if let record = page.record {
                        committed.results += 1
                        if record.provenance.reviewStatus == .auto { committed.autoAccepted += 1 }
                        try sink?.add(result: record)
                    }
                }
                for (page, report) in zip(prepared, try await reports) {
                    if report.resultChanged { committed.resultsChanged += 1 }
                    if let job = page.cropJob { committed.cropJobs.append(job) }
                }
            } catch {
                next?.cancel()
                throw error
            }
        }
        return committed
    }
}

/// What scoring and preparing a page's commit needs; shared read-only by the preparing tasks.
struct PageScoring: Sendable {
    var pages: [AssemblyPage]
    var isSheet: [Bool]
    var decisions: [Int64: [FieldDecision]]
    var matching: ResultAssembler.Matching
    var assembler: ResultAssembler
    var templates: TemplateCatalog
    var spill: ReadingSpill
    var listID: Int64?
    var actor: String
    var sitting: String?

    /// The page's outcome, from its reading in the spill. The stored reading is kept
    /// (assembling never changes a reading) and handed to the commit, so neither the crops
    /// nor the review items' fingerprints decode the stored JSON again.
    func prepare(_ index: Int) throws -> PreparedPage {
        let page = pages[index]
        guard let reading = try spill.reading(pageID: page.ref.id) else {
            throw ReadingSpillError(message: "page \(page.ref.id) was not kept for assembling")
        }
        let compact = DecisionOverlay.compact(reading, template: page.templateID.flatMap(templates.template))
        let decided = decisions[page.ref.id].map { DecisionOverlay.apply($0, to: compact) } ?? compact
        let scored = assembler.score(SheetToMatch(reading: decided, packet: page.packet), index: index, isSheet: isSheet[index],
                                     matching: matching)
        let match = matching.report.matches[index]
        let dateItem = scored.outcome == nil ? nil : SittingDateCheck.item(decided, sitting: sitting, template: assembler.template,
                                                                           packet: page.packet, participantID: match.participantID)
        let sheetItems = (scored.outcome?.items ?? []) + (dateItem.map { [$0] } ?? [])
        let items = scored.items + (dateItem.map { [$0] } ?? [])
        let result = try scored.outcome?.record.map { record in
            try ResultInput(participantID: record.participant.id, oo: record.participant.oo,
                            auditorium: record.participant.auditorium, total: record.score.total,
                            verdict: record.score.outcome.rawValue, encoding: record)
        }
        let commit = PageOutcome(
            pageID: page.ref.id, keepingStoredReading: reading, participantListID: listID,
            reconciliation: ReconciliationInput(participantID: match.participantID, method: match.method.rawValue,
                                                score: match.score, margin: match.margin, accepted: match.accepted),
            result: result, reviewItems: AssembleStage.storable(items), actor: actor)
        return PreparedPage(index: index, outcome: commit,
                            cropJob: CropJob.make(filePath: page.ref.filePath, pageIndex: page.ref.pageIndex, reading: reading,
                                                  items: items, readAt: page.readAt),
                            pageItem: scored.pageItem, sheetItems: sheetItems, record: scored.outcome?.record)
    }
}
