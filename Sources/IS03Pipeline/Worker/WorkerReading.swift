import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// One worker's reading loop over claimed pages: the same page input and failure policy as
/// ``ReadStage`` (``PageInputReader``), with every store conditional on the claim.
struct WorkerReading {
    let store: any DatabaseOfRecord
    let worker: String
    let templates: TemplateCatalog
    let reader: SheetReader
    let batch: Int
    let leaseSeconds: Int
    let log: @Sendable (String) -> Void
    private(set) var report = WorkerReport()
    /// Pages left pending because their file could not be opened here; not claimed again by
    /// this worker until ``forgetUnavailable()``.
    private(set) var unavailable = Set<Int64>()

    init(store: any DatabaseOfRecord, worker: String, templates: TemplateCatalog, reader: SheetReader, batch: Int,
         leaseSeconds: Int, log: @escaping @Sendable (String) -> Void) {
        self.store = store; self.worker = worker; self.templates = templates; self.reader = reader
        self.batch = batch; self.leaseSeconds = leaseSeconds; self.log = log
    }

    mutating func forgetUnavailable() { unavailable = [] }

    /// Claims and reads one batch; false when there was nothing to claim.
    mutating func readOneBatch() async throws -> Bool {
        // Claims come oldest first, so pages this worker already found unavailable are among
        // them: ask for that many more, and hand those back at once.
        let claimed = try await store.claimPendingPages(worker: worker, limit: batch + unavailable.count, leaseSeconds: leaseSeconds)
        let skipped = claimed.filter { unavailable.contains($0.id) }.map(\.id)
        if !skipped.isEmpty { try await store.releaseClaims(pageIDs: skipped, worker: worker) }
        let pages = claimed.filter { !unavailable.contains($0.id) }
        guard !pages.isEmpty else { return false }
        // Renew the claim while reading, so a slow page is not taken over by another worker.
        let renewal = LeaseRenewal(leaseSeconds: leaseSeconds) { [store, worker, leaseSeconds] in
            _ = try await store.renewClaims(pageIDs: pages.map(\.id), worker: worker, leaseSeconds: leaseSeconds)
        }
        defer { renewal.stop() }
        var input = PageInputReader()
        for page in pages {
            switch input.input(for: page) {
            case .image(let image, let source):
                let reading = reader.read(page: image, source: source)
                if try await store.storeClaimedReading(pageID: page.id, worker: worker, reading: reading,
                                                       templateVersion: reading.templateID.flatMap { templates.versions[$0] },
                                                       engineVersion: EngineVersion.current) {
                    report.stored += 1
                    log("stored page \(page.id)")
                } else {
                    report.lost += 1
                    log("lost claim on page \(page.id): another worker took it over")
                }
            case .failed(let reason):
                if try await store.markClaimedPageFailed(pageID: page.id, worker: worker, reason: reason,
                                                         engineVersion: EngineVersion.current) {
                    report.failed += 1
                    log("failed page \(page.id): \(page.filePath) page \(page.pageIndex + 1): \(reason)")
                } else { report.lost += 1 }
            case .unavailable(let message):
                // Left pending and handed back, so another worker (which may see the file) or
                // a later run reads it.
                try await store.releaseClaims(pageIDs: [page.id], worker: worker)
                unavailable.insert(page.id)
                if !report.leftUnread.contains(message) {
                    report.leftUnread.append(message)
                    log("left page \(page.id) unread: \(message)")
                }
            }
        }
        return true
    }
}
