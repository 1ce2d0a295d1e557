import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// Options of one `is03 worker` process.
public struct WorkerOptions: Sendable {
    /// This worker's name in the database (claims and the `assemble` lock are held under it).
    public var name: String
    public var templateDirectory: URL
    /// Where results, the review queue and crops go when this worker assembles (nil: the
    /// database only).
    public var outputDirectory: URL?
    /// Pages claimed at a time.
    public var batch: Int
    /// Seconds a claim or the `assemble` lock lasts without renewal.
    public var leaseSeconds: Int
    /// Seconds between looks at the queue while other workers hold the last pages.
    public var poll: Double
    /// Keep waiting for newly enqueued pages instead of returning when the batch is done.
    public var wait: Bool

    public init(name: String, templateDirectory: URL, outputDirectory: URL?, batch: Int = 4, leaseSeconds: Int = 60,
                poll: Double = 1, wait: Bool = false) {
        self.name = name; self.templateDirectory = templateDirectory; self.outputDirectory = outputDirectory
        self.batch = batch; self.leaseSeconds = leaseSeconds; self.poll = poll; self.wait = wait
    }
}

/// What one worker did.
public struct WorkerReport: Sendable, Hashable {
    public var stored = 0
    public var failed = 0
    /// Pages whose claim ran out before the reading was stored (another worker has them).
    public var lost = 0
    /// Pages left pending because their file could not be opened here, one line each naming
    /// the file and what to do.
    public var leftUnread: [String] = []
}

/// One of many processes, on one machine or many, that share a batch registered with
/// `is03 process --enqueue` (docs/scale-out.md).
///
/// The loop: claim a few pending pages under a lease, read them (renewing the lease meanwhile),
/// store each reading only while the claim still holds. When nothing is pending and nobody
/// holds a page, one worker (the one that gets the `assemble` job lock) matches and scores the
/// whole batch from the stored readings, exactly as `is03 process` does after reading; the
/// others return. A worker killed mid-page loses nothing: its lease runs out and another worker
/// reads the page.
public struct WorkerRun: Sendable {
    public let store: any DatabaseOfRecord
    public let options: WorkerOptions
    /// Where progress lines go, one at a time (`stored page N` is relied on by the scale-out
    /// tests to know what a killed worker had stored).
    public let log: @Sendable (String) -> Void

    public init(store: any DatabaseOfRecord, options: WorkerOptions, log: @escaping @Sendable (String) -> Void = WorkerRun.standardOutput) {
        self.store = store; self.options = options; self.log = log
    }

    /// Each line written at once (unbuffered): a worker killed right after a store has still said so.
    public static let standardOutput: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    public func run() async throws -> WorkerReport {
        let templates = try TemplateCatalog.load(from: options.templateDirectory)
        var reading = WorkerReading(store: store, worker: options.name, templates: templates,
                                    reader: try SheetReader(templates: templates.all), batch: options.batch,
                                    leaseSeconds: options.leaseSeconds, log: log)
        let assembly = WorkerAssembly(store: store, options: options, templates: templates, log: log)
        work: while true {
            if try await reading.readOneBatch() { continue }
            let counts = try await store.claimCounts()
            // Pages whose file this worker cannot open stay pending, unclaimed: not work for it.
            if counts.unclaimed > reading.unavailable.count { continue }
            if counts.claimed > 0 {
                // Other workers hold the last pages; if one died, its lease runs out and we take them.
                try await Task.sleep(for: .seconds(options.poll))
                continue
            }
            switch try await assembly.runIfNeeded() {
            case .heldByAnother:
                // Another worker is assembling; if it dies, its lock lapses and we take over.
                try await Task.sleep(for: .seconds(options.poll))
            case .done:
                guard options.wait else { break work }
                // A file put back since is read on the next pass.
                reading.forgetUnavailable()
                try await Task.sleep(for: .seconds(options.poll))
            }
        }
        return reading.report
    }
}
