import Foundation
import IS03Core
import IS03Storage

/// What assembling produced, for the summary and the output files. The results and review
/// items themselves went to the run's ``ResultSink`` as they were committed.
public struct AssembleReport: Sendable {
    public var template: Template
    public var sheets: Int
    public var results: Int
    /// Results with nothing in the review queue.
    public var autoAccepted: Int
    /// Review items per reason code, the list's included.
    public var queuedByReason: [String: Int]
    /// Review items that belong to no page (participants who sat but have no sheet), for the
    /// sink's files; they come after every page's items.
    public var listItems: [ReviewQueueItem]
    public var reconciliation: ReconciliationReport
    /// Totals for the results file's root.
    public var summary: ResultsXML.Summary
    public var resultsChanged: Int
    /// The crops the review items point at, per page, for ``CropWriter``.
    public var cropJobs: [CropJob]

    public var reviewItems: Int { queuedByReason.values.reduce(0, +) }
}

/// Matches every stored sheet to the participant list at once, scores it, and stores each
/// page's reconciliation, result and review items (a window of pages per transaction). Reads
/// no image: it works from stored readings, so a new participant list or an operator's
/// decision is applied in seconds, and rerunning it after a crash simply redoes it.
///
/// Memory grows by a few kilobytes a page, not by the readings or the results (issue 5):
/// matching holds only each page's identity evidence (about 1.3 KB), the readings wait in a
/// scratch file (``ReadingSpill``) until they are scored and committed a window at a time, and
/// each result and review item goes to the caller's ``ResultSink`` as it is committed.
public struct AssembleStage: Sendable {
    public let store: any ResultStore & ReadingCatalog
    public let templates: LoadedTemplates
    public let categories: [String: CategoryTable]
    public let actor: String
    /// The readings at hand (``ReadStage`` spills the pages it reads there); the readings of
    /// other pages are decoded from the database once and spilled too. Nil: a scratch file in
    /// the temporary folder is made for the run.
    public let spill: ReadingSpill?
    /// Pages prepared for commit at once (scored, results encoded, on all cores).
    static let window = 64
    /// Pages fetched from the database at a time in step 1. 32, not 128: a rerun at 3,000
    /// sheets peaked at 144 MB with 128 (a chunk of decoded JSON readings ~30 MB), 128 MB with 32,
    /// and took as long (`docs/operations.md`).
    static let storedReadingsChunk = 32

    public init(store: any ResultStore & ReadingCatalog, templates: LoadedTemplates,
                categories: [String: CategoryTable], actor: String, spill: ReadingSpill? = nil) {
        self.store = store; self.templates = templates; self.categories = categories; self.actor = actor
        self.spill = spill
    }

    /// Assembles every read page; each result and review item is handed to `sink` (none: only
    /// the database gets them, as re-assembly for review or export needs).
    public func run(into sink: (any ResultSink)? = nil) async throws -> AssembleReport? {
        let list = try await store.currentParticipantList()
        var participants: [Participant] = []
        var experts: [Expert] = []
        if let list {
            participants = try await store.participants(listID: list.id)
            if list.expertCount > 0 { experts = try await store.experts(listID: list.id) }
        }
        let spill = try self.spill ?? ReadingSpill.temporary()
        var phases = PhaseLog()
        guard !templates.all.isEmpty else { return nil }
        let byTemplate = Dictionary(templates.all.map { ($0.id, ResultAssembler(template: $0, categories: .standardOnly(for: $0))) },
                                    uniquingKeysWith: { a, _ in a })

        // 1. Every read page's identity, decisions applied. Readings of pages read in this
        // run come from the spill; earlier runs' are decoded once and spilled for step 3.
        var pages: [AssemblyPage] = []
        var identities: [SheetIdentity] = []
        var decisions: [Int64: [FieldDecision]] = [:]
        var after: Int64?
        let known = spill.pageIDs
        var decodedStoredReadings = false
        while true {
            // Small chunks: pages read by earlier runs arrive as whole decoded readings (~150 KB
            // each in memory) and are spilled at once, so a chunk's size bounds what is held.
            // A rerun decodes every page so; its freed JSON and readings are handed back before
            // the next chunk, or they scatter through the heap the identities grow into.
            if decodedStoredReadings { FreedMemory.release() }
            let chunk = try await store.readPages(limit: Self.storedReadingsChunk, afterID: after, known: known)
            guard let last = chunk.last else { break }
            decodedStoredReadings = chunk.contains { $0.reading != nil }
            after = last.ref.id
            // Spilled readings are decoded and slimmed on all cores, a chunk at a time.
            let identified = try await withThrowingTaskGroup(of: (Int, IdentifiedPage?).self) { group in
                for (offset, page) in chunk.enumerated() {
                    group.addTask { (offset, try await identify(page, spill: spill, byTemplate: byTemplate)) }
                }
                return try await group.reduce(into: [IdentifiedPage?](repeating: nil, count: chunk.count)) { $0[$1.0] = $1.1 }
            }
            for case let page? in identified {
                var identity = page.identity
                identity.evidence.index = pages.count
                identities.append(identity)
                pages.append(page.page)
                if !page.decisions.isEmpty { decisions[page.page.ref.id] = page.decisions }
            }
        }
        guard let template = primaryTemplate(of: pages) else { return nil }
        let table = categories[template.id] ?? .standardOnly(for: template)
        let assembler = ResultAssembler(template: template, categories: table, experts: experts)
        try sink?.begin(template: template)
        // 1b. A sheet of another form is not a sheet of this run: matched as the page it is here.
        for index in pages.indices where pages[index].templateID != nil && pages[index].templateID != template.id {
            guard let reading = try spill.reading(pageID: pages[index].ref.id) else { continue }
            let decided = try await decidedReading(reading, pageID: pages[index].ref.id, decisions: &decisions)
            identities[index] = assembler.identity(of: assembler.admit(SheetToMatch(reading: decided, packet: pages[index].packet)).sheet,
                                                   index: index)
        }

        FreedMemory.release()
        phases.mark("assemble: identities of \(pages.count) pages")
        // 2. Matching, batch-wide, on identities only.
        let isSheet = identities.map(\.isSheet)
        let matching = assembler.match(identities, participants: participants)
        identities = []
        FreedMemory.release()
        phases.mark("assemble: matching")

        // 3. Each page scored and committed, a window at a time: readings back from the spill.
        let shared = Phase2(pages: pages, isSheet: isSheet, decisions: decisions, matching: matching, assembler: assembler,
                            templates: templates, spill: spill, listID: list?.id, actor: actor)
        func prepare(_ range: Range<Int>) -> Task<[PreparedPage], Error> {
            Task {
                try await withThrowingTaskGroup(of: PreparedPage.self) { group in
                    for index in range { group.addTask { try shared.prepare(index) } }
                    return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.index < $1.index }
                }
            }
        }
        var changed = 0
        var cropJobs: [CropJob] = []
        var results = 0, autoAccepted = 0
        var queuedByReason: [String: Int] = [:]
        var next: Task<[PreparedPage], Error>? = pages.isEmpty ? nil : prepare(0..<min(Self.window, pages.count))
        var start = 0
        while let current = next {
            let prepared = try await current.value
            start += Self.window
            // The next window is prepared on all cores while this one is committed, in page order.
            next = start < pages.count ? prepare(start..<min(start + Self.window, pages.count)) : nil
            do {
                // The window is committed (on the database's writer) while its results and
                // items are rendered into the sink here, so neither waits for the other.
                async let committed = store.commitPages(prepared.map(\.outcome))
                for page in prepared {
                    if let item = page.pageItem {
                        queuedByReason[item.reason.rawValue, default: 0] += 1
                        try sink?.add(pageItem: item)
                    }
                    for item in page.sheetItems {
                        queuedByReason[item.reason.rawValue, default: 0] += 1
                        try sink?.add(sheetItem: item)
                    }
                    if let record = page.record {
                        results += 1
                        if record.provenance.reviewStatus == .auto { autoAccepted += 1 }
                        try sink?.add(result: record)
                    }
                }
                for (page, report) in zip(prepared, try await committed) {
                    if report.resultChanged { changed += 1 }
                    if let job = page.cropJob { cropJobs.append(job) }
                }
            } catch {
                next?.cancel()
                throw error
            }
        }
        FreedMemory.release()
        phases.mark("assemble: scoring and commits")
        let listItems = assembler.listItems(matching)
        for item in listItems { queuedByReason[item.reason.rawValue, default: 0] += 1 }
        return AssembleReport(template: template, sheets: pages.count, results: results, autoAccepted: autoAccepted,
                              queuedByReason: queuedByReason, listItems: listItems, reconciliation: matching.report,
                              summary: matching.summary, resultsChanged: changed, cropJobs: cropJobs)
    }

    /// A read page with its identity, judged by the page's own form (step 1b re-judges pages
    /// of another form than the batch's), and the decisions in force on it.
    private struct IdentifiedPage: Sendable {
        var page: AssemblyPage
        var identity: SheetIdentity
        var decisions: [FieldDecision]
    }

    /// Step 1 for one page: its reading from the database (spilled for step 3) or the spill,
    /// decisions applied, reduced to what matching needs.
    private func identify(_ page: ReadPage, spill: ReadingSpill, byTemplate: [String: ResultAssembler]) async throws -> IdentifiedPage? {
        let reading: SheetReading
        if let stored = page.reading {
            reading = stored
            try spill.keep(pageID: page.ref.id, reading: stored)
        } else if let kept = try spill.reading(pageID: page.ref.id) {
            reading = kept
        } else {
            return nil   // not reachable: `known` pages come without a reading only when spilled
        }
        var decisions: [Int64: [FieldDecision]] = [:]
        let decided = try await decidedReading(reading, pageID: page.ref.id, decisions: &decisions)
        guard let own = reading.templateID.flatMap({ byTemplate[$0] }) ?? byTemplate[templates.all[0].id] else { return nil }
        let identity = own.identity(of: own.admit(SheetToMatch(reading: decided, packet: page.packetName)).sheet, index: 0)
        return IdentifiedPage(page: AssemblyPage(ref: page.ref, packet: page.packetName, templateID: reading.templateID, readAt: page.readAt),
                              identity: identity, decisions: decisions[page.ref.id] ?? [])
    }

    /// `reading` with the page's decisions in force applied, slimmed for matching and scoring.
    /// The decisions are fetched once per run and reused, so both passes see the same ones.
    private func decidedReading(_ reading: SheetReading, pageID: Int64,
                                decisions: inout [Int64: [FieldDecision]]) async throws -> SheetReading {
        let compact = DecisionOverlay.compact(reading, template: reading.templateID.flatMap(templates.template))
        let inForce: [FieldDecision]
        if let known = decisions[pageID] { inForce = known } else {
            inForce = try await store.decisions(pageID: pageID)
            if !inForce.isEmpty { decisions[pageID] = inForce }
        }
        return inForce.isEmpty ? compact : DecisionOverlay.apply(inForce, to: compact)
    }

    /// The template most sheets were read with (a batch normally holds one form).
    private func primaryTemplate(of pages: [AssemblyPage]) -> Template? {
        let counts = Dictionary(pages.compactMap(\.templateID).map { ($0, 1) }, uniquingKeysWith: +)
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
                                   confidence: item.confidence ?? 0, cropPath: item.crop,
                                   message: item.ruleID.map { item.message + " (\($0))" } ?? item.message)
        }
    }
}

/// A page being assembled: its reference, packet, form and when its reading was stored.
struct AssemblyPage: Sendable {
    var ref: PageRef
    var packet: String
    var templateID: String?
    var readAt: Date?
}

/// One page's share of the outcome, ready to commit, and the crops its review items need.
struct PreparedPage: Sendable {
    var index: Int
    var outcome: PageOutcome
    var cropJob: CropJob?
    var pageItem: ReviewQueueItem?
    var sheetItems: [ReviewQueueItem]
    var record: ResultRecord?
}

/// What scoring and preparing a page's commit needs; shared read-only by the preparing tasks.
struct Phase2: Sendable {
    var pages: [AssemblyPage]
    var isSheet: [Bool]
    var decisions: [Int64: [FieldDecision]]
    var matching: ResultAssembler.Matching
    var assembler: ResultAssembler
    var templates: LoadedTemplates
    var spill: ReadingSpill
    var listID: Int64?
    var actor: String

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
        let admitted = assembler.admit(SheetToMatch(reading: decided, packet: page.packet))
        let outcome = isSheet[index] ? assembler.sheetOutcome(index: index, sheet: admitted.sheet, matching: matching) : nil
        let items = (admitted.pageItem.map { [$0] } ?? []) + (outcome?.items ?? [])
        let match = matching.report.matches[index]
        let result = try outcome?.record.map { record in
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
                            pageItem: admitted.pageItem, sheetItems: outcome?.items ?? [], record: outcome?.record)
    }
}
