import Foundation
import IS03Core
import IS03Storage
import IS03Vision
import Synchronization

/// What reading the pending pages did.
public struct ReadReport: Sendable, Hashable {
    public var pagesRead = 0
    public var pagesFailed = 0
    /// Pages read, by page class (`sheet`, `blank`, `foreign`, `unreadable`).
    public var byClass: [String: Int] = [:]
    /// Failure reasons, one line each, naming file and page.
    public var failures: [String] = []
}

/// Reads every pending page with one `SheetReader` per worker and commits each reading in its
/// own transaction, so a crash loses at most the pages being read at that moment.
///
/// Each page comes through ``PageInputReader`` (hash check, decode, failure policy), as in
/// `is03 worker`. Work is handed out a scan file at a time (a multi-page TIFF is opened once),
/// and only the page being read is held in memory per worker, so memory stays flat whatever
/// the batch size.
public struct ReadStage: Sendable {
    public let store: any ResultStore
    public let templates: TemplateCatalog
    public let workers: Int
    public let limits: ImageLimits
    public let actor: String
    /// Checked between pages: once a stop is requested no new page is started.
    public let stop: StopRequest?
    /// Where each stored reading is kept for ``AssembleStage``, so it does not decode again
    /// what was read moments ago (nil: not kept).
    public let spill: ReadingSpill?
    /// Cuts the crops of the review items a page raises whoever its participant is, from the
    /// image in hand (nil: all crops are cut after assembling, decoding the pages again).
    public let crops: ReadTimeCrops?

    public init(store: any ResultStore, templates: TemplateCatalog, workers: Int,
                limits: ImageLimits = .default, actor: String, stop: StopRequest? = nil,
                spill: ReadingSpill? = nil, crops: ReadTimeCrops? = nil) {
        self.store = store; self.templates = templates; self.workers = max(1, workers)
        self.limits = limits; self.actor = actor; self.stop = stop; self.spill = spill; self.crops = crops
    }

    /// Reads pending pages until none are left; with `feed`, until none are left and
    /// registering (running alongside) has finished too.
    public func run(progress: ProgressReporter?, feed: IngestFeed? = nil) async throws -> ReadReport {
        var report = ReadReport()
        var after: Int64?
        while stop?.requested == nil {
            // Asked before looking, so a page registered after the look is not missed.
            let registering = !(feed?.isFinished ?? true)
            let batch = try await store.pendingPages(limit: 256, afterID: after)
            guard let last = batch.last else {
                guard registering else { break }
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            // Page ids grow in the order pages are registered, so the cursor never skips one.
            after = last.id
            let pages = feed.map { feed in batch.filter { !feed.isFailing(filePath: $0.filePath) } } ?? batch
            report.merge(try await read(pages, progress: progress))
        }
        return report
    }

    /// Reads the given pages (pending or not: `is03 reprocess` re-reads done pages).
    public func read(_ pages: [PageRef], progress: ProgressReporter?) async throws -> ReadReport {
        var report = ReadReport()
        let groups = Dictionary(grouping: pages, by: \.fileID).values
            .map { $0.sorted { $0.pageIndex < $1.pageIndex } }
            .sorted { $0[0].id < $1[0].id }
        let queue = WorkQueue(groups)
        let partials = try await withThrowingTaskGroup(of: ReadReport.self) { group in
            for _ in 0..<workers {
                group.addTask { try await readAll(from: queue, progress: progress) }
            }
            return try await group.reduce(into: [ReadReport]()) { $0.append($1) }
        }
        for partial in partials { report.merge(partial) }
        return report
    }

    private func readAll(from queue: WorkQueue<[PageRef]>, progress: ProgressReporter?) async throws -> ReadReport {
        var report = ReadReport()
        let reader = try SheetReader(templates: templates.all, limits: limits)
        var input = PageInputReader(limits: limits)
        while stop?.requested == nil, let pages = await queue.next() {
            for page in pages where stop?.requested == nil {
                let image: GrayImage, source: PageSource
                switch input.input(for: page) {
                case .image(let decoded, let from): (image, source) = (decoded, from)
                case .failed(let reason):
                    try await store.markPageFailed(pageID: page.id, reason: reason, engineVersion: EngineVersion.current, actor: actor)
                    report.pagesFailed += 1
                    report.failures.append("\(page.filePath) page \(page.pageIndex + 1): \(reason)")
                    progress?.pageFinished(failed: true)
                    continue
                case .unavailable(let message):
                    report.failures.append(message)
                    progress?.pageFinished(failed: true)
                    continue
                }
                let reading = reader.read(page: image, source: source)
                // Only the reading: the page's result, review items and decisions stay as they
                // are until the assemble stage recomputes them from all readings at once.
                try await store.storeReading(pageID: page.id, reading: reading,
                                             templateVersion: reading.templateID.flatMap { templates.versions[$0] },
                                             engineVersion: EngineVersion.current)
                try spill?.keep(pageID: page.id, reading: reading)
                crops?.cut(reading: reading, page: page, image: image)
                report.pagesRead += 1
                report.byClass[reading.pageClass.rawValue, default: 0] += 1
                progress?.pageFinished()
            }
        }
        return report
    }
}

extension ReadReport {
    mutating func merge(_ other: ReadReport) {
        pagesRead += other.pagesRead
        pagesFailed += other.pagesFailed
        byClass.merge(other.byClass, uniquingKeysWith: +)
        failures += other.failures
    }
}

/// Hands out units of work to concurrent workers, each exactly once.
actor WorkQueue<Item: Sendable> {
    private var items: [Item]
    init(_ items: [Item]) { self.items = items.reversed() }
    func next() -> Item? { items.popLast() }
}
