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

    public init(store: any ResultStore, limits: ImageLimits = .default, actor: String) {
        self.store = store; self.limits = limits; self.actor = actor
    }

    public func ingest(_ packets: [Packet]) async throws -> IngestReport {
        var report = IngestReport()
        for packet in packets {
            let ref = try await store.registerPacket(name: packet.name, sourcePath: absolute(packet.path))
            report.packets += 1
            for path in packet.files {
                try await ingest(file: path, packetID: ref.id, report: &report)
            }
        }
        return report
    }

    private func ingest(file path: String, packetID: Int64, report: inout IngestReport) async throws {
        let url = URL(fileURLWithPath: absolute(path))
        let input: ScanFileInput
        var failure: String?
        do {
            let scan = try ScanFile(url: url, limits: limits)
            input = ScanFileInput(path: url.path, sha256: scan.fileSHA256, size: Int64(scan.byteCount),
                                  pages: (0..<scan.pageCount).map { PageImage(index: $0, sha256: scan.sha256(page: $0)) })
        } catch {
            // Register the bad file by its raw bytes so it is counted, reported and not lost.
            let bytes = (try? Data(contentsOf: url)) ?? Data()
            let hash = SHA256.hex([UInt8](bytes)) + (bytes.isEmpty ? "-empty-\(SHA256.hex(Array(url.path.utf8)))" : "")
            input = ScanFileInput(path: url.path, sha256: hash, size: Int64(bytes.count),
                                  pages: [PageImage(index: 0, sha256: hash)])
            failure = "\(error)"
        }
        switch try await store.registerScanFile(input, packetID: packetID) {
        case .added(_, let pages):
            report.filesAdded += 1
            report.pagesAdded += pages.count
            if let failure {
                report.unreadableFiles.append(url.path)
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
