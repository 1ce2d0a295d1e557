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
/// Three named steps, each the streaming form of ``ResultAssembler``'s step of the same name
/// (``ResultAssembler/assemble(_:participants:)`` runs them on a batch in memory):
/// ``identify(spill:)``, ``match(_:by:participants:)`` and ``scoreAndCommit(_:into:)``.
/// Memory grows by a few kilobytes a page, not by the readings or the results: matching holds
/// only each page's identity evidence, the readings wait in a scratch file (``ReadingSpill``)
/// until they are scored and committed a window at a time, and each result and review item
/// goes to the caller's ``ResultSink`` as it is committed. What is done with freed memory
/// between steps is the injected ``AssemblyMemory``.
public struct AssembleStage: Sendable {
    public let store: any ResultStore & ReadingCatalog
    public let templates: TemplateCatalog
    public let categories: [String: CategoryTable]
    public let actor: String
    /// The readings at hand (``ReadStage`` spills the pages it reads there); the readings of
    /// other pages are decoded from the database once and spilled too. Nil: a scratch file in
    /// the temporary folder is made for the run.
    public let spill: ReadingSpill?
    /// The sitting assembled (`YYYY-MM-DD`): only its packets' pages, matched against its own
    /// participant list, so a re-sit never re-matches another sitting's sheets. Nil: every page
    /// against the newest list, for a database that has no sittings (see ``runEverySitting()``).
    public let sitting: String?
    public let memory: AssemblyMemory
    /// Pages prepared for commit at once (scored, results encoded, on all cores).
    static let window = 64
    /// Pages fetched from the database at a time in step 1: a chunk of decoded readings is
    /// what step 1 holds at once (sizes measured in docs/operations.md).
    static let storedReadingsChunk = 32

    public init(store: any ResultStore & ReadingCatalog, templates: TemplateCatalog,
                categories: [String: CategoryTable], actor: String, spill: ReadingSpill? = nil,
                sitting: String? = nil, memory: AssemblyMemory = .handBack) {
        self.store = store; self.templates = templates; self.categories = categories; self.actor = actor
        self.spill = spill; self.sitting = sitting; self.memory = memory
    }

    /// Assembles every read page; each result and review item is handed to `sink` (none: only
    /// the database gets them, as re-assembly for review or export needs).
    public func run(into sink: (any ResultSink)? = nil) async throws -> AssembleReport? {
        let list = try await store.currentParticipantList(sitting: sitting)
        var participants: [Participant] = []
        var experts: [Expert] = []
        if let list {
            participants = try await store.participants(listID: list.id)
            if list.expertCount > 0 { experts = try await store.experts(listID: list.id) }
        }
        let spill = try self.spill ?? ReadingSpill.temporary()
        var phases = PhaseLog()
        guard !templates.all.isEmpty else { return nil }

        var identified = try await identify(spill: spill)
        guard let template = primaryTemplate(of: identified.pages) else { return nil }
        let table = categories[template.id] ?? .standardOnly(for: template)
        let assembler = ResultAssembler(template: template, categories: table, experts: experts)
        try sink?.begin(template: template)
        try await judgeOtherForms(&identified, by: assembler, spill: spill)
        memory.stepFinished()
        phases.mark("assemble: identities of \(identified.pages.count) pages")

        let matched = match(&identified, by: assembler, participants: participants)
        memory.stepFinished()
        phases.mark("assemble: matching")

        let scoring = PageScoring(pages: identified.pages, isSheet: matched.isSheet, decisions: identified.decisions,
                                  matching: matched.matching, assembler: assembler, templates: templates, spill: spill,
                                  listID: list?.id, actor: actor, sitting: sitting)
        var committed = try await scoreAndCommit(scoring, into: sink)
        memory.stepFinished()
        phases.mark("assemble: scoring and commits")

        let listItems = assembler.listItems(matched.matching)
        for item in listItems { committed.queuedByReason[item.reason.rawValue, default: 0] += 1 }
        return AssembleReport(template: template, sheets: identified.pages.count, results: committed.results,
                              autoAccepted: committed.autoAccepted, queuedByReason: committed.queuedByReason,
                              listItems: listItems, reconciliation: matched.matching.report, summary: matched.matching.summary,
                              resultsChanged: committed.resultsChanged, cropJobs: committed.cropJobs)
    }

    /// Step 2: every identity matched against the list at once. The identities are let go
    /// here: scoring needs only whether each page is a sheet.
    func match(_ identified: inout IdentifiedPages, by assembler: ResultAssembler,
               participants: [Participant]) -> (matching: ResultAssembler.Matching, isSheet: [Bool]) {
        let isSheet = identified.identities.map(\.isSheet)
        let matching = assembler.match(identified.identities, participants: participants)
        identified.identities = []
        return (matching, isSheet)
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
