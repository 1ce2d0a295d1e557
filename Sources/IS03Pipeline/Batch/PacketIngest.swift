import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// What registering packets did.
public struct IngestReport: Sendable, Hashable {
    public var packets = 0
    public var filesAdded = 0
    /// Files whose bytes were registered before (same SHA-256, any path): nothing added.
    public var filesAlreadyKnown = 0
    public var pagesAdded = 0
    /// Files that could not be opened; each is recorded as a failed page with the reason.
    public var unreadableFiles: [String] = []
}

/// Registers packets and their scan files in the database of record. Only reads the files.
///
/// A file that cannot be opened (empty, truncated, not an image, too large) is still
/// registered — by the hash of its bytes — as one page marked failed with the reason, so the
/// batch goes on, the failure is visible in `is03 status`, and a rerun does not retry it
/// unless the engine changes.
public struct PacketIngest: Sendable {
    public let store: any ResultStore
    public let limits: ImageLimits
    public let actor: String
    /// Files opened and hashed at once (reading and hashing is the CPU work of registering).
    public let workers: Int
    /// Files registered per database transaction: one commit (one sync to disk) per chunk, not
    /// per file. A crash loses at most the chunk in hand, which the rerun registers again.
    static let chunkSize = 64

    /// Checked between chunks: once a stop is requested (or the task is cancelled) no further
    /// file is registered; the rerun registers the rest.
    public let stop: StopRequest?
    /// The sitting the packets are processed into (`YYYY-MM-DD`; nil: undated).
    public var sitting: String?

    public init(store: any ResultStore, limits: ImageLimits = .default, actor: String, workers: Int = 2, stop: StopRequest? = nil) {
        self.store = store; self.limits = limits; self.actor = actor; self.workers = max(1, workers); self.stop = stop
    }

    /// `progress` counts files as they are registered (a 10,000-sheet batch takes a while to hash);
    /// `feed` tells a ``ReadStage`` running alongside what was registered (see ``IngestFeed``).
    public func ingest(_ packets: [Packet], progress: ProgressReporter? = nil, feed: IngestFeed? = nil) async throws -> IngestReport {
        var report = IngestReport()
        for packet in packets {
            let ref = try await store.registerPacket(name: packet.name, sourcePath: absolute(packet.path), sitting: sitting)
            report.packets += 1
            // Between chunks: a stop request, or reading alongside having failed (cancelled), ends it.
            for start in stride(from: 0, to: packet.files.count, by: Self.chunkSize) where stop?.requested == nil && !Task.isCancelled {
                let chunk = Array(packet.files[start..<min(start + Self.chunkSize, packet.files.count)])
                let opened = await open(chunk)
                feed?.willRegisterFailing(opened.filter { $0.failure != nil }.map(\.input.path))
                let registrations = try await store.registerScanFiles(opened.map(\.input), packetID: ref.id)
                var toRead = 0
                for (file, registration) in zip(opened, registrations) {
                    try await record(registration, of: file, report: &report)
                    progress?.pageFinished(failed: file.failure != nil)
                    if case .added(_, let pages) = registration, file.failure == nil { toRead += pages.count }
                }
                feed?.didRegister(pages: toRead, files: report.filesAdded + report.filesAlreadyKnown)
            }
        }
        return report
    }

    /// A file as it will be registered, and why it could not be opened, if it could not.
    private struct OpenedFile: Sendable {
        var url: URL
        var input: ScanFileInput
        var failure: String?
    }

    /// Opens and hashes `paths` on `workers` threads; the result keeps their order.
    ///
    /// The files are read on GCD's threads, not in tasks: a read that waits for the disk would
    /// otherwise hold one of the few cooperative threads the read stage, running alongside,
    /// needs for its CPU work (on 2 cores a core stood idle during registering).
    private func open(_ paths: [String]) async -> [OpenedFile] {
        let urls = paths.map { URL(fileURLWithPath: absolute($0)) }
        let stripes = min(workers, urls.count)
        return await withTaskGroup(of: [(Int, OpenedFile)].self) { group in
            for stripe in 0..<stripes {
                group.addTask {
                    await withCheckedContinuation { done in
                        DispatchQueue.global(qos: .userInitiated).async {
                            done.resume(returning: stride(from: stripe, to: urls.count, by: stripes).map { ($0, open(urls[$0])) })
                        }
                    }
                }
            }
            var files = [OpenedFile?](repeating: nil, count: urls.count)
            for await part in group { for (index, file) in part { files[index] = file } }
            return files.map { $0! }
        }
    }

    private func open(_ url: URL) -> OpenedFile {
        do {
            let scan = try ScanFile(url: url, limits: limits)
            return OpenedFile(url: url, input: ScanFileInput(path: url.path, sha256: scan.fileSHA256, size: Int64(scan.byteCount),
                                                             pages: (0..<scan.pageCount).map { PageImage(index: $0, sha256: scan.sha256(page: $0)) }))
        } catch {
            // Register the bad file by its raw bytes so it is counted, reported and not lost.
            let bytes = (try? Data(contentsOf: url)) ?? Data()
            let hash = SHA256.hex([UInt8](bytes)) + (bytes.isEmpty ? "-empty-\(SHA256.hex(Array(url.path.utf8)))" : "")
            return OpenedFile(url: url, input: ScanFileInput(path: url.path, sha256: hash, size: Int64(bytes.count),
                                                             pages: [PageImage(index: 0, sha256: hash)]),
                              failure: "\(error)")
        }
    }

    private func record(_ registration: ScanFileRegistration, of file: OpenedFile, report: inout IngestReport) async throws {
        switch registration {
        case .added(_, let pages):
            report.filesAdded += 1
            report.pagesAdded += pages.count
            if let failure = file.failure {
                report.unreadableFiles.append(file.url.path)
                for page in pages {
                    try await store.markPageFailed(pageID: page.id, reason: failure,
                                                   engineVersion: EngineVersion.current, actor: actor)
                }
            }
        case .alreadyKnown:
            report.filesAlreadyKnown += 1
        }
    }

    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
