import Foundation
import IS03Core
@testable import IS03Pipeline
import IS03Storage
import IS03TestSupport
import IS03Vision
import Testing

/// Reading runs alongside registering in `is03 process` (``IngestFeed``): reading must go on
/// until registering has finished, read what is registered after it started, and leave alone a
/// bad file registering is about to mark failed itself (so the file is reported once).
@Suite(.serialized) struct IngestOverlapTests {
    @Test func readingWaitsForRegisteringAndLeavesItsBadFilesToIt() async throws {
        let packet = PacketFixture.shared
        let work = try PacketFixture.scratch("overlap")
        defer { try? FileManager.default.removeItem(at: work) }
        let files = try FileManager.default.contentsOfDirectory(atPath: packet.folder.path).sorted()
            .map { packet.folder.appendingPathComponent($0).path }
        #expect(files.count >= 4)
        let bad = work.appendingPathComponent("zz-empty.png")
        try Data().write(to: bad)

        let store = try SQLiteResultStore.open(at: work.appendingPathComponent("is03.sqlite"))
        let templates = try TemplateCatalog.load(from: RepositoryPaths.templates)
        let registered = Counter()
        let feed = IngestFeed { pages, _ in registered.add(pages) }
        let ingest = PacketIngest(store: store, actor: "test")
        let half = files.count / 2
        _ = try await ingest.ingest([Packet(name: "first", path: packet.folder.path, files: Array(files[..<half]))], feed: feed)
        #expect(registered.value == half)

        // The moment between registering a bad file and marking it failed: its page is pending.
        feed.willRegisterFailing([bad.path])
        let packetRef = try await store.registerPacket(name: "bad", sourcePath: work.path)
        _ = try await store.registerScanFiles([ScanFileInput(path: bad.path, sha256: "empty-file", size: 0,
                                                             pages: [PageImage(index: 0, sha256: "empty-file")])],
                                              packetID: packetRef.id)

        let reading = Task {
            try await ReadStage(store: store, templates: templates, workers: 2, actor: "test").run(progress: nil, feed: feed)
        }
        // Reading has taken the first files and keeps waiting while registering goes on.
        let deadline = Date().addingTimeInterval(120)
        while try await store.status().pages[.done] ?? 0 < half, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(try await store.status().pages[.done] == half)
        _ = try await ingest.ingest([Packet(name: "second", path: packet.folder.path, files: Array(files[half...]))], feed: feed)
        feed.finish()
        let report = try await reading.value

        #expect(report.pagesRead == files.count)   // the second half too, registered after reading started
        #expect(report.pagesFailed == 0 && report.failures.isEmpty)   // the bad file is registering's to report
        let status = try await store.status()
        #expect(status.pages[.done] == files.count)
        #expect(status.pages[.pending] == 1)   // left as it was, for registering to mark
    }
}

/// Counts across tasks.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ n: Int) { lock.lock(); total += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return total }
}
