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

    public init(store: any ResultStore & ReadingCatalog, templates: LoadedTemplates,
                categories: [String: CategoryTable], actor: String) {
        self.store = store; self.templates = templates; self.categories = categories; self.actor = actor
    }

    public func run() async throws -> AssembleReport? {
        let list = try await store.currentParticipantList()
        var participants: [Participant] = []
        var experts: [Expert] = []
        if let list {
            participants = try await store.participants(listID: list.id)
            if list.expertCount > 0 { experts = try await store.experts(listID: list.id) }
        }

        // 1. Every read page, decisions applied, pixel detail dropped.
        var pages: [(ref: PageRef, packet: String)] = []
        var sheets: [SheetToMatch] = []
        var after: Int64?
        while true {
            let chunk = try await store.readPages(limit: 500, afterID: after)
            guard let last = chunk.last else { break }
            after = last.ref.id
            for page in chunk {
                let decided = DecisionOverlay.apply(try await store.decisions(pageID: page.ref.id), to: page.reading)
                let template = page.reading.templateID.flatMap(templates.template)
                pages.append((page.ref, page.packetName))
                sheets.append(SheetToMatch(reading: DecisionOverlay.compact(decided, template: template), packet: page.packetName))
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
        for (index, page) in pages.enumerated() {
            guard let stored = try await store.page(id: page.ref.id), let reading = stored.reading else { continue }
            let key = SourceKey(reading.source.file, reading.source.page)
            let match = matches[index]
            let result = try resultBySource[key].map { record in
                try ResultInput(participantID: record.participant.id, oo: record.participant.oo,
                                auditorium: record.participant.auditorium, total: record.score.total,
                                verdict: record.score.outcome.rawValue, encoding: record)
            }
            let report = try await store.commitPage(PageOutcome(
                pageID: page.ref.id, reading: reading, templateVersion: stored.templateVersion,
                engineVersion: stored.engineVersion ?? EngineVersion.current, participantListID: list?.id,
                reconciliation: match.map { ReconciliationInput(participantID: $0.participantID, method: $0.method.rawValue,
                                                                 score: $0.score, margin: $0.margin, accepted: $0.accepted) },
                result: result, reviewItems: Self.storable(itemsBySource[key] ?? []), actor: actor))
            if report.resultChanged { changed += 1 }
            if let job = CropJob.make(filePath: page.ref.filePath, pageIndex: page.ref.pageIndex, reading: reading,
                                      items: itemsBySource[key] ?? []) {
                cropJobs.append(job)
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

/// A page's identity inside a run: its file and page index.
struct SourceKey: Hashable {
    var file: String
    var page: Int
    init(_ file: String, _ page: Int) { self.file = file; self.page = page }
}
