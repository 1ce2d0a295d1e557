import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// Options of one `is03 process` run.
public struct BatchOptions: Sendable {
    public var packets: [String]
    public var participantList: URL?
    /// The optional experts list (CSV or XML); needs `participantList` (see ``ReferenceListImport``).
    public var expertList: URL?
    /// A stylesheet mapping the region's own list format to is03's (``ReferenceListImport``).
    public var participantsMapping: URL?
    public var outputDirectory: URL
    public var templateDirectory: URL
    public var workers: Int
    public var actor: String
    /// Show a redrawn progress bar (nil: when standard error is a terminal).
    public var interactiveProgress: Bool?
    /// Set by the command on SIGTERM/SIGINT: reading stops after the pages in hand.
    public var stop: StopRequest?
    /// The sitting to process into (`YYYY-MM-DD`, from `--sitting`); nil: the participant
    /// list's exam date, or without a list the newest list's sitting (``ReferenceListImport``).
    public var sitting: String?

    public init(packets: [String], participantList: URL?, outputDirectory: URL, templateDirectory: URL,
                workers: Int, actor: String = "is03 process", interactiveProgress: Bool? = nil) {
        self.packets = packets; self.participantList = participantList; self.outputDirectory = outputDirectory
        self.templateDirectory = templateDirectory; self.workers = workers; self.actor = actor
        self.interactiveProgress = interactiveProgress
    }
}

/// Everything a run did, for the summary and the exit code.
public struct BatchSummary: Sendable {
    public var inventoryProblems: [String] = []
    public var participantProblems: [String] = []
    /// Experts kept from the previous list version because no experts list was given.
    public var expertsCarriedOver = 0
    /// The sitting the run processed into (nil: undated).
    public var sitting: String?
    public var ingest = IngestReport()
    public var read = ReadReport()
    public var sheets = 0
    public var results = 0
    public var autoAccepted = 0
    public var queuedByReason: [String: Int] = [:]
    public var missingSheets = 0
    public var countCheck: ReconciliationReport.CountCheck?
    public var cropProblems: [String] = []
    public var outputFiles: [String] = []

    public var reviewItems: Int { queuedByReason.values.reduce(0, +) }
}

/// The main job: register packets, read every new page, match and score every sheet, and
/// write results, review queue and crops. Every step is safe to repeat: a rerun after a crash
/// or `kill -9` skips what is done and finishes the rest.
public struct BatchRun: Sendable {
    public let store: any ResultStore & ReadingCatalog
    public let options: BatchOptions

    public init(store: any ResultStore & ReadingCatalog, options: BatchOptions) { self.store = store; self.options = options }

    public func run() async throws -> BatchSummary {
        var summary = BatchSummary()
        var phases = PhaseLog()
        let templates = try TemplateCatalog.load(from: options.templateDirectory)
        let categories = try templates.categoryTables(in: options.templateDirectory)
        let runID = try await store.startRun(command: "process", engineVersion: EngineVersion.current)

        let imported = try await ReferenceListImport(participants: options.participantList, experts: options.expertList,
                                                     participantsMapping: options.participantsMapping, sitting: options.sitting)
            .run(into: store, actor: options.actor)
        summary.participantProblems = imported.problems
        summary.expertsCarriedOver = imported.expertsCarriedOver
        summary.sitting = imported.sitting

        let inventory = ScanInventory.packets(from: options.packets)
        summary.inventoryProblems = inventory.problems.map(\.description)
        let files = inventory.packets.reduce(0) { $0 + $1.files.count }

        // Registering and reading run side by side: reading starts on the first registered
        // pages while later files are still hashed (``IngestFeed``), so the disk-bound hashing
        // of a large batch is hidden behind the CPU-bound reading. One progress line counts
        // pages read; its total grows as pages are registered.
        let pendingBefore = try await store.status().pages[.pending] ?? 0
        let progress = ProgressReporter(total: pendingBefore, interactive: options.interactiveProgress)
        let feed = IngestFeed { pages, registered in
            progress.expect(pages)
            progress.note(registered < files ? "registering \(registered)/\(files) files" : nil)
        }
        // The run's readings wait for assembling in a scratch file beside the results (a large
        // batch would otherwise hold them all in memory), and the crops a page needs whoever
        // its participant is are cut while its image is in hand.
        try FileManager.default.createDirectory(at: options.outputDirectory, withIntermediateDirectories: true)
        let spill = try ReadingSpill(directory: options.outputDirectory)
        var experts: [Expert] = []
        if let list = try await store.currentParticipantList(sitting: imported.sitting), list.expertCount > 0 {
            experts = try await store.experts(listID: list.id)
        }
        let readTimeCrops = ReadTimeCrops(directory: options.outputDirectory, templates: templates, categories: categories,
                                          experts: experts)
        var ingest = PacketIngest(store: store, actor: options.actor, workers: options.workers, stop: options.stop)
        ingest.sitting = imported.sitting
        let reading = ReadStage(store: store, templates: templates, workers: options.workers, actor: options.actor,
                                stop: options.stop, spill: spill, crops: readTimeCrops)
        async let registered: IngestReport = {
            defer { feed.finish() }   // also when registering fails: reading then stops waiting for it
            return try await ingest.ingest(inventory.packets, feed: feed)
        }()
        summary.read = try await reading.run(progress: progress, feed: feed)
        summary.ingest = try await registered
        if summary.read.pagesRead + summary.read.pagesFailed > 0 { progress.finish() }
        FreedMemory.release()
        phases.mark("ingest and read")
        if let why = options.stop?.requested {
            throw BatchStopped(why: why, pagesRead: summary.read.pagesRead + summary.read.pagesFailed)
        }

        // Results and review items go straight to the result files' scratch as they are
        // committed, so neither they nor the documents are held whole.
        let resultFiles = try ResultFileStream(directory: options.outputDirectory)
        var assembled = try await AssembleStage(store: store, templates: templates, categories: categories, actor: options.actor,
                                                spill: spill, sitting: imported.sitting).run(into: resultFiles)
        phases.mark("assemble")
        // The report's counts go to the summary and its crop jobs to the crops phase; the rest
        // (every sheet's reconciliation) is let go before pages are decoded again.
        var cropJobs: [CropJob]?
        var resultsChanged = 0
        let output = BatchOutput(directory: options.outputDirectory, workers: options.workers)
        if let assembled {
            summary.outputFiles = try output.finishFiles(resultFiles, assembled)
            phases.mark("result files")
            summary.sheets = assembled.sheets
            summary.results = assembled.results
            summary.autoAccepted = assembled.autoAccepted
            summary.queuedByReason = assembled.queuedByReason
            summary.missingSheets = assembled.reconciliation.missingSheets.count
            summary.countCheck = assembled.reconciliation.countCheck
            cropJobs = assembled.cropJobs
            resultsChanged = assembled.resultsChanged
        }
        assembled = nil
        if let cropJobs {
            summary.cropProblems = await output.writeCrops(cropJobs, readTimeCrops: readTimeCrops)
            phases.mark("crops")
        }
        try await store.finishRun(id: runID, counts: RunCounts(pagesDone: summary.read.pagesRead, pagesFailed: summary.read.pagesFailed,
                                                               itemsQueued: summary.reviewItems, resultsChanged: resultsChanged))
        return summary
    }
}
