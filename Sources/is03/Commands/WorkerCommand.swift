import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03Vision

/// `is03 worker --database postgres://…`: one of many processes, on one machine or many, that
/// share a batch registered with `is03 process --enqueue` (docs/scale-out.md).
///
/// The loop: claim a few pending pages under a lease, read them (renewing the lease meanwhile),
/// store each reading only while the claim still holds. When nothing is pending and nobody
/// holds a page, one worker (the one that gets the `assemble` job lock) matches and scores the
/// whole batch from the stored readings, exactly as `is03 process` does after reading; the
/// others exit. A worker killed mid-page loses nothing: its lease runs out and another worker
/// reads the page.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Read pending pages from a shared database until the batch is done (scale-out).",
        discussion: """
            Every worker needs the database URL, the scans under the same path as when they were
            enqueued, and the templates. Exit codes: 0 the batch is done (assembled by this worker
            or another); 1 failed (the message says why).
            """
    )

    @Option(name: .long, help: "The shared database: postgres://USER@HOST/DB (or a SQLite file for one machine).")
    var database: String

    @Option(name: .long, help: "This worker's name in the database (default: HOST:PID).")
    var name: String?

    @Option(name: .long, help: "Pages claimed at a time.")
    var batch: Int = 4

    @Option(name: .long, help: "Seconds a claim lasts without renewal; a dead worker's pages wait this long.")
    var lease: Int = 60

    @Option(name: .long, help: "Seconds between looks at the queue while other workers hold the last pages.")
    var poll: Double = 1

    @Option(name: .long, help: "Folder of templates (default: Templates/ or $IS03_TEMPLATES).")
    var templates: String?

    @Option(name: .long, help: "Folder for results and the review queue, written by the worker that assembles.")
    var out: String?

    @Flag(name: .long, help: "Keep waiting for newly enqueued pages instead of exiting when the batch is done.")
    var wait = false

    func validate() throws {
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if lease < 5 { throw ValidationError("--lease must be at least 5 seconds") }
        if poll <= 0 { throw ValidationError("--poll must be positive") }
    }

    func run() async throws {
        try await reportingErrors("worker") {
            let store = try DatabaseOpener.open(database, create: false)
            let templateDirectory = templates.map { URL(fileURLWithPath: $0) } ?? TemplateDirectory.locate()
            let worker = name ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
            let loaded = try LoadedTemplates.load(from: templateDirectory)
            var loop = WorkerLoop(store: store, worker: worker, templates: loaded, reader: try SheetReader(templates: loaded.all),
                                  batch: batch, lease: lease)
            work: while true {
                if try await loop.readOneBatch() { continue }
                let counts = try await store.claimCounts()
                if counts.unclaimed > 0 { continue }
                if counts.claimed > 0 {
                    // Other workers hold the last pages; if one died, its lease runs out and we take them.
                    try await Task.sleep(for: .seconds(poll))
                    continue
                }
                switch try await assembleIfNeeded(store: store, worker: worker, templates: loaded,
                                                  templateDirectory: templateDirectory) {
                case .heldByAnother:
                    // Another worker is assembling; if it dies, its lock lapses and we take over.
                    try await Task.sleep(for: .seconds(poll))
                case .done:
                    guard wait else { break work }
                    try await Task.sleep(for: .seconds(poll))
                }
            }
            print("worker \(worker): \(loop.stored) page(s) read, \(loop.failed) failed, \(loop.lost) claim(s) lost")
        }
    }

    enum AssemblyOutcome { case done, heldByAnother }

    /// Runs the joint reconciliation once per drained backlog: only while some read sheet is
    /// not yet matched against the current participant list, and under the `assemble` job lock,
    /// renewed like a page claim, so a worker that dies mid-assembly frees it within `--lease`
    /// seconds and a waiting worker takes over.
    private func assembleIfNeeded(store: any DatabaseOfRecord, worker: String, templates: LoadedTemplates,
                                  templateDirectory: URL) async throws -> AssemblyOutcome {
        func needed() async throws -> Bool {
            guard let list = try await store.currentParticipantList() else { return false }
            let current = ProcessingVersions(templateVersions: templates.versions, engineVersion: EngineVersion.current,
                                             participantListID: list.id)
            return try await store.pagesToReprocess(current: current, limit: 1, afterID: nil)
                .contains { $0.reasons.contains(.participantList) }
        }
        guard try await needed() else { return .done }
        guard try await store.acquireJobLock("assemble", holder: worker, leaseSeconds: lease) else { return .heldByAnother }
        let renewal = Task { [lease] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Double(lease) / 3))
                if Task.isCancelled { break }
                _ = try? await store.acquireJobLock("assemble", holder: worker, leaseSeconds: lease)
            }
        }
        defer { renewal.cancel() }
        do {
            // Checked again under the lock: another worker may have just finished it.
            if try await needed() {
                // The readings wait in a scratch file in the output folder when there is one
                // (about 35 KB a page), else in the temporary folder ($TMPDIR).
                let scratch = try out.map { folder -> ReadingSpill in
                    let url = URL(fileURLWithPath: folder)
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                    return try ReadingSpill(directory: url)
                }
                let stage = AssembleStage(store: store, templates: templates,
                                          categories: try templates.categoryTables(in: templateDirectory), actor: "is03 worker \(worker)",
                                          spill: scratch, sitting: try await store.currentParticipantList()?.sitting)
                // Results and review items go to the result files as they are committed.
                let files = try out.map { try ResultFileStream(directory: URL(fileURLWithPath: $0)) }
                if let assembled = try await stage.run(into: files) {
                    if let out, let files {
                        try files.finish(listItems: assembled.listItems, summary: assembled.summary,
                                         generated: ISO8601DateFormatter().string(from: Date()))
                        // The review items' crops, cut from the scans (workers see them under the
                        // paths `process --enqueue` recorded).
                        for problem in await CropWriter(workers: ProcessInfo.processInfo.activeProcessorCount)
                            .write(assembled.cropJobs, to: URL(fileURLWithPath: out)) {
                            printError(problem)
                        }
                    }
                    print("assembled \(assembled.sheets) sheet(s): \(assembled.results) result(s), "
                          + "\(assembled.reviewItems) review item(s), \(assembled.resultsChanged) changed")
                }
            }
        } catch {
            try? await store.releaseJobLock("assemble", holder: worker)
            throw error
        }
        try await store.releaseJobLock("assemble", holder: worker)
        return .done
    }
}

/// One worker's reading loop over claimed pages.
struct WorkerLoop {
    let store: any DatabaseOfRecord
    let worker: String
    let templates: LoadedTemplates
    let reader: SheetReader
    let batch: Int
    let lease: Int
    private(set) var stored = 0
    private(set) var failed = 0
    /// Pages whose claim ran out before the reading was stored (another worker has them).
    private(set) var lost = 0

    init(store: any DatabaseOfRecord, worker: String, templates: LoadedTemplates, reader: SheetReader, batch: Int, lease: Int) {
        self.store = store; self.worker = worker; self.templates = templates; self.reader = reader
        self.batch = batch; self.lease = lease
    }

    /// Claims and reads one batch; false when there was nothing to claim.
    mutating func readOneBatch() async throws -> Bool {
        let pages = try await store.claimPendingPages(worker: worker, limit: batch, leaseSeconds: lease)
        guard !pages.isEmpty else { return false }
        // Renew the claim while reading, so a slow page is not taken over by another worker.
        let renewal = Task { [store, worker, lease] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Double(lease) / 3))
                if Task.isCancelled { break }
                _ = try? await store.renewClaims(pageIDs: pages.map(\.id), worker: worker, leaseSeconds: lease)
            }
        }
        defer { renewal.cancel() }
        var open: (path: String, file: ScanFile)?
        for page in pages {
            let image: GrayImage
            let source: PageSource
            do {
                if open?.path != page.filePath {
                    open = (page.filePath, try ScanFile(url: URL(fileURLWithPath: page.filePath)))
                }
                // As in `is03 process`: a file saved over since it was registered is not read
                // under the old page's identity.
                source = open!.file.source(page: page.pageIndex)
                guard source.sha256 == page.sha256 else { throw PageChanged(reason: ReadStage.changedSinceRegistered(page)) }
                image = try open!.file.decode(page: page.pageIndex)
            } catch {
                let reason = "\(error)"
                if try await store.markClaimedPageFailed(pageID: page.id, worker: worker, reason: reason,
                                                         engineVersion: EngineVersion.current) {
                    failed += 1
                    emit("failed page \(page.id): \(page.filePath) page \(page.pageIndex + 1): \(reason)")
                } else { lost += 1 }
                continue
            }
            let reading = reader.read(page: image, source: source)
            if try await store.storeClaimedReading(pageID: page.id, worker: worker, reading: reading,
                                                   templateVersion: reading.templateID.flatMap { templates.versions[$0] },
                                                   engineVersion: EngineVersion.current) {
                stored += 1
                emit("stored page \(page.id)")
            } else {
                lost += 1
                emit("lost claim on page \(page.id): another worker took it over")
            }
        }
        return true
    }

    /// One log line, written at once (unbuffered): a worker killed right after a store has
    /// still said so, which the scale-out test relies on.
    private func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// A claimed page whose file no longer holds its registered bytes.
private struct PageChanged: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
