import Foundation
import IS03Core
import IS03Pipeline
import IS03PostgresStore
import IS03Storage
import IS03TestSupport
import Testing

/// A scan file that a worker cannot open (moved away, a share not mounted) says nothing about
/// its page: the page stays pending — through a worker killed right after finding the file
/// missing, and through a worker that runs to the end — and is read once the file is back.
/// Marking it failed would lose the sheet: nothing reads a failed page again until the engine
/// changes.
@Suite("PostgreSQL: worker and a missing scan file", .serialized, .enabled(if: PostgresServer.available, "set IS03_TEST_POSTGRES_URL"))
struct WorkerMissingFileTests {
    @Test func missingFileLeavesThePagePendingUntilItIsBack() async throws {
        let binary = try BuiltExecutable.is03()
        let fixture = ScanFixture.shared
        let work = try ScanFixture.scratch("worker-missing")
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent(fixture.folder.lastPathComponent)
        try FileManager.default.copyItem(at: fixture.folder, to: folder)
        let url = try PostgresServer.freshURL()
        let templates = RepositoryPaths.templates

        let enqueue = try run(binary, ["process", folder.path, "--participants", fixture.participants.path, "--database", url,
                                       "--enqueue", "--templates", templates.path], log: work.appendingPathComponent("enqueue.log"))
        #expect(enqueue == 0)
        let store = try PostgresResultStore(url: url)
        let pending = try await store.pendingPages(limit: 1000, afterID: nil)
        #expect(pending.count == fixture.pages)
        // The oldest page is the first a worker claims.
        let page = try #require(pending.first)
        let parked = work.appendingPathComponent("parked")
        try FileManager.default.moveItem(atPath: page.filePath, toPath: parked.path)

        // A worker killed right after it found the file missing.
        let log = work.appendingPathComponent("killed.log")
        let watcher = #"""
            "$0" "$@" > "$IS03_LOG" 2>&1 & pid=$!
            until grep -q '^left page' "$IS03_LOG" 2>/dev/null; do
              kill -0 "$pid" 2>/dev/null || exit 3
              sleep 0.02
            done
            kill -KILL "$pid"; wait "$pid"
            """#
        let killed = try run(URL(fileURLWithPath: "/bin/sh"),
                             ["-c", watcher, binary.path, "worker", "--database", url, "--name", "victim", "--batch", "1",
                              "--lease", "5", "--poll", "0.3", "--templates", templates.path],
                             environment: ["IS03_LOG": log.path], log: work.appendingPathComponent("watcher.log"))
        let killedLog = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(killed == 128 + SIGKILL, "\(killedLog)")
        try await expectPending(page, in: store)

        // A worker that runs to the end reads every other page, assembles, and leaves this one.
        let options = WorkerOptions(name: "survivor", templateDirectory: templates, outputDirectory: work.appendingPathComponent("out"),
                                    batch: 2, leaseSeconds: 5, poll: 0.3)
        let first = try await WorkerRun(store: store, options: options, log: { _ in }).run()
        #expect(first.failed == 0)
        #expect(first.leftUnread.count == 1)
        #expect(first.leftUnread.first?.contains(page.filePath) == true)
        try await expectPending(page, in: store)
        #expect(try await store.status().pages == [.pending: 1, .done: fixture.pages - 1, .failed: 0])
        #expect(try await store.claimCounts() == ClaimCounts(unclaimed: 1, claimed: 0))

        // The file back: the next worker reads the page and assembles the whole batch.
        try FileManager.default.moveItem(atPath: parked.path, toPath: page.filePath)
        let second = try await WorkerRun(store: store, options: options, log: { _ in }).run()
        #expect(second.stored == 1 && second.failed == 0 && second.leftUnread.isEmpty)
        #expect(try await store.status().pages == [.pending: 0, .done: fixture.pages, .failed: 0])
        #expect(try await store.results(.all).count == fixture.sheets)
    }

    private func expectPending(_ page: PageRef, in store: PostgresResultStore,
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let stored = try await store.page(id: page.id)
        #expect(stored?.failureReason == nil, sourceLocation: sourceLocation)
        #expect(try await store.pendingPages(limit: 1000, afterID: nil).contains { $0.id == page.id }, sourceLocation: sourceLocation)
        #expect(try await store.status().pages[.failed] == 0, sourceLocation: sourceLocation)
    }

    /// Runs a process to its end; returns its exit status.
    private func run(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:], log: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        environment["OPENCV_LOG_LEVEL"] = "ERROR"
        process.environment = environment.merging(extra) { _, new in new }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
