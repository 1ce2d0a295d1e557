import Foundation
import IS03Core
import IS03Storage

/// What assembling produced, for the summary and the output files.
public struct AssembleReport: Sendable {
    public var output: ResultAssembler.Output
    public var template: Template
    public var sheets: Int
    /// Review items that belong to no page (participants who sat but have no sheet).
    public var listItems: Int
    public var resultsChanged: Int
    /// The crops the review items point at, per page, for ``CropWriter``.
    public var cropJobs: [CropJob]
}

/// Matches every stored sheet to the participant list at once, scores it, and stores each
/// page's reconciliation, result and review items (one transaction per page). Reads no image:
/// it works from stored readings, so a new participant list or an operator's decision is
/// applied in seconds, and rerunning it after a crash simply redoes it.
public struct AssembleStage: Sendable {
    public let store: any ResultStore & ReadingCatalog
    public let templates: LoadedTemplates
    public let categories: [String: CategoryTable]
    public let actor: String
    /// The evidence of the pages ``ReadStage`` read in this run (nil: decode every stored reading).
    public let evidence: ReadingEvidence?
    /// Pages prepared for commit at once (their readings decoded, results encoded, on all cores).
    static let window = 64

    public init(store: any ResultStore & ReadingCatalog, templates: LoadedTemplates,
                categories: [String: CategoryTable], actor: String, evidence: ReadingEvidence? = nil) {
        self.store = store; self.templates = templates; self.categories = categories; self.actor = actor
        self.evidence = evidence
    }

    public func run() async throws -> AssembleReport? {
        let list = try await store.currentParticipantList()
        var participants: [Participant] = []
        var experts: [Expert] = []
        if let list {
            participants = try await store.participants(listID: list.id)
            if list.expertCount > 0 { experts = try await store.experts(listID: list.id) }
        }

        // 1. Every read page, decisions applied, pixel detail dropped. Pages read in this run
        // come compacted from the read stage; only earlier runs' readings are decoded.
        var pages: [AssemblyPage] = []
        var sheets: [SheetToMatch] = []
        var after: Int64?
        let known = evidence?.pageIDs ?? []
        while true {
            let chunk = try await store.readPages(limit: 500, afterID: after, known: known)
            guard let last = chunk.last else { break }
            after = last.ref.id
            for page in chunk {
                let compact: SheetReading
                if let reading = page.reading {
                    compact = DecisionOverlay.compact(reading, template: reading.templateID.flatMap(templates.template))
                } else if let kept = evidence?.take(page.ref.id) {
                    compact = kept
                } else {
                    continue   // not reachable: `known` pages come without a reading only when kept
                }
                let decided = DecisionOverlay.apply(try await store.decisions(pageID: page.ref.id), to: compact)
                pages.append(AssemblyPage(ref: page.ref, source: SourceKey(decided.source.file, decided.source.page)))
                sheets.append(SheetToMatch(reading: decided, packet: page.packetName))
            }
        }
        guard let template = primaryTemplate(of: sheets.map(\.reading)) else { return nil }
        let table = categories[template.id] ?? .standardOnly(for: template)
        let output = ResultAssembler(template: template, categories: table, experts: experts).assemble(sheets, participants: participants)

        // 2. Store each page's share of the outcome.
        var resultBySource: [SourceKey: ResultRecord] = [:]
        for record in output.results {
            let key = SourceKey(record.provenance.scanFile, record.provenance.page)
            if resultBySource[key] == nil { resultBySource[key] = record }
        }
        var itemsBySource: [SourceKey: [ReviewQueueItem]] = [:]
        for item in output.review.items {
            guard let sheet = item.sheet else { continue }
            itemsBySource[SourceKey(sheet.file, sheet.page), default: []].append(item)
        }
        let matches = Dictionary(output.reconciliation.matches.map { ($0.sheetIndex, $0) }, uniquingKeysWith: { a, _ in a })
        var changed = 0
        var cropJobs: [CropJob] = []
        let shared = Phase2(pages: pages, results: resultBySource, items: itemsBySource, matches: matches,
                            listID: list?.id, actor: actor, store: store)
        // Pages are prepared a window at a time on all cores, the next window while this one
        // is committed (one transaction per page, in page order, as before).
        func prepare(_ range: Range<Int>) -> Task<[PreparedPage], Error> {
            Task {
                try await withThrowingTaskGroup(of: PreparedPage.self) { group in
                    for index in range { group.addTask { try await shared.prepare(index) } }
                    return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.index < $1.index }
                }
            }
        }
        var next: Task<[PreparedPage], Error>? = pages.isEmpty ? nil : prepare(0..<min(Self.window, pages.count))
        var start = 0
        while let current = next {
            let prepared = try await current.value
            start += Self.window
            next = start < pages.count ? prepare(start..<min(start + Self.window, pages.count)) : nil
            do {
                for page in prepared {
                    let report = try await store.commitPage(page.outcome)
                    if report.resultChanged { changed += 1 }
                    if let job = page.cropJob { cropJobs.append(job) }
                }
            } catch {
                next?.cancel()
                throw error
            }
        }
        return AssembleReport(output: output, template: template, sheets: sheets.count,
                              listItems: output.review.items.filter { $0.sheet == nil }.count, resultsChanged: changed,
                              cropJobs: cropJobs)
    }

    /// The template most sheets were read with (a batch normally holds one form).
    private func primaryTemplate(of readings: [SheetReading]) -> Template? {
        let counts = Dictionary(readings.compactMap(\.templateID).map { ($0, 1) }, uniquingKeysWith: +)
        let id = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? templates.all.first?.id
        return id.flatMap(templates.template)
    }

    /// Review items as stored: one per key, so two questions about one field (two broken
    /// rules over the same group) stay two items.
    static func storable(_ items: [ReviewQueueItem]) -> [ReviewItemInput] {
        var seen = Set<String>()
        return items.map { item in
            var key = item.fieldID
            if seen.contains(key) { key += "#" + (item.ruleID ?? item.reason.rawValue) }
            seen.insert(key)
            return ReviewItemInput(fieldID: key, reason: item.reason.rawValue, machineValue: item.machineValue,
                                   candidates: item.candidates.map { Alternative(value: $0.value, confidence: $0.confidence) },
                                   confidence: item.confidence ?? 0, cropPath: item.crop)
        }
    }
}

/// A page being assembled: its reference and the source its reading names.
struct AssemblyPage: Sendable {
    var ref: PageRef
    var source: SourceKey
}

/// One page's share of the outcome, ready to commit, and the crops its review items need.
struct PreparedPage: Sendable {
    var index: Int
    var outcome: PageOutcome
    var cropJob: CropJob?
}

/// What preparing a page's commit needs; shared read-only by the preparing tasks.
struct Phase2: Sendable {
    var pages: [AssemblyPage]
    var results: [SourceKey: ResultRecord]
    var items: [SourceKey: [ReviewQueueItem]]
    var matches: [Int: SheetMatch]
    var listID: Int64?
    var actor: String
    var store: any ResultStore & ReadingCatalog

    /// The page's outcome. Its stored reading is kept (assembling never changes a reading);
    /// it is decoded here only when review items need it for their crops (the reader's cells),
    /// and handed to the commit so their fingerprints need not decode it again. The commit
    /// decodes it itself for a page whose only items are earlier ones.
    func prepare(_ index: Int) async throws -> PreparedPage {
        let page = pages[index]
        let items = self.items[page.source] ?? []
        let result = try results[page.source].map { record in
            try ResultInput(participantID: record.participant.id, oo: record.participant.oo,
                            auditorium: record.participant.auditorium, total: record.score.total,
                            verdict: record.score.outcome.rawValue, encoding: record)
        }
        var reading: SheetReading?
        var cropJob: CropJob?
        if !items.isEmpty, let stored = try await store.page(id: page.ref.id), let storedReading = stored.reading {
            reading = storedReading
            cropJob = CropJob.make(filePath: page.ref.filePath, pageIndex: page.ref.pageIndex, reading: storedReading,
                                   items: items, readAt: stored.readAt)
        }
        let outcome = PageOutcome(
            pageID: page.ref.id, keepingStoredReading: reading, participantListID: listID,
            reconciliation: matches[index].map { ReconciliationInput(participantID: $0.participantID, method: $0.method.rawValue,
                                                                      score: $0.score, margin: $0.margin, accepted: $0.accepted) },
            result: result, reviewItems: AssembleStage.storable(items), actor: actor)
        return PreparedPage(index: index, outcome: outcome, cropJob: cropJob)
    }
}

/// A page's identity inside a run: its file and page index.
struct SourceKey: Hashable, Sendable {
    var file: String
    var page: Int
    init(_ file: String, _ page: Int) { self.file = file; self.page = page }
}
