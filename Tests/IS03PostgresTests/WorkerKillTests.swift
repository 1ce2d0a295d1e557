import Foundation
import IS03Core
import IS03PostgresStore
import IS03Storage
import IS03TestSupport
import Testing

/// Four real `is03 worker` processes share one enqueued batch on PostgreSQL; two are killed
/// with SIGKILL mid-way. The other two take over the dead workers' pages once their leases run
/// out, one of them assembles the batch, and every page ends up read exactly once.
@Suite("PostgreSQL: workers", .serialized, .enabled(if: PostgresServer.available, "set IS03_TEST_POSTGRES_URL"))
struct WorkerKillTests {
    private static func launch(_ binary: URL, _ arguments: [String], output: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        environment["OPENCV_LOG_LEVEL"] = "ERROR"
        process.environment = environment
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    @Test func fourWorkersTwoKilledEveryPageOnce() async throws {
        let binary = try BuiltExecutable.is03()
        let packet = ScanFixture.shared
        let work = try ScanFixture.scratch("workers")
        defer { try? FileManager.default.removeItem(at: work) }
        let url = try PostgresServer.freshURL()
        let templates = ["--templates", RepositoryPaths.templates.path]

        let enqueue = try Self.launch(binary, ["process", packet.folder.path, "--participants", packet.participants.path,
                                               "--database", url, "--enqueue"] + templates,
                                      output: work.appendingPathComponent("enqueue.log"))
        enqueue.waitUntilExit()
        let enqueueLog = (try? String(contentsOf: work.appendingPathComponent("enqueue.log"), encoding: .utf8)) ?? ""
        #expect(enqueue.terminationStatus == 0, "\(enqueueLog)")
        let store = try PostgresResultStore(url: url)
        #expect(try await store.status().pages[.pending] == packet.pages)

        // Short leases so the dead workers' pages come back quickly; one page per claim so the
        // killed workers are most likely holding one when they die.
        func arguments(_ index: Int) -> [String] {
            ["worker", "--database", url, "--name", "w\(index)", "--batch", "1", "--lease", "5",
             "--poll", "0.3", "--out", work.appendingPathComponent("out").path] + templates
        }
        func log(_ index: Int) -> URL { work.appendingPathComponent("worker\(index).log") }
        // Each victim is watched by its own shell, which sends SIGKILL right after the victim
        // logs its first stored page: the kill lands mid-run however fast the machine is and
        // however busy this test process is (polling from here was starved by parallel suites).
        let watcher = #"""
            "$0" "$@" > "$IS03_LOG" 2>&1 & pid=$!
            until grep -q '^stored page' "$IS03_LOG" 2>/dev/null; do
              kill -0 "$pid" 2>/dev/null || exit 3
              sleep 0.02
            done
            kill -KILL "$pid"; wait "$pid"
            """#
        let victims = try (0..<2).map { index in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", watcher, binary.path] + arguments(index)
            var environment = ProcessInfo.processInfo.environment
            environment["OMP_THREAD_LIMIT"] = "1"
            environment["OPENCV_LOG_LEVEL"] = "ERROR"
            environment["IS03_LOG"] = log(index).path
            process.environment = environment
            try process.run()
            return process
        }
        let survivors = try (2..<4).map { try Self.launch(binary, arguments($0), output: log($0)) }
        let workers = victims + survivors
        // A hung worker fails the test instead of hanging the suite.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(600))
            for worker in workers where worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        }
        for worker in workers { worker.waitUntilExit() }
        watchdog.cancel()
        let logs = (0..<4).map { index in
            "worker \(index): " + ((try? String(contentsOf: log(index), encoding: .utf8)) ?? "")
        }.joined(separator: "\n")
        // The shell's `wait` reports a SIGKILLed child as 128 + 9.
        #expect(victims.allSatisfy { $0.terminationStatus == 128 + SIGKILL }, "both victims killed mid-run: \(logs)")
        for (index, worker) in workers.enumerated().dropFirst(2) {
            let log = try String(contentsOf: work.appendingPathComponent("worker\(index).log"), encoding: .utf8)
            #expect(worker.terminationStatus == 0, "worker \(index): \(log)")
        }

        // Every page read, none pending, none held; one result per sheet (blank and foreign pages have none).
        let status = try await store.status()
        #expect(status.pages == [.pending: 0, .done: packet.pages, .failed: 0])
        #expect(try await store.claimCounts() == ClaimCounts(unclaimed: 0, claimed: 0))
        let results = try await store.results(.all)
        #expect(results.count == packet.sheets, "\(logs)")
        #expect(Set(results.map(\.pageID)).count == results.count)
        #expect(Set(results.compactMap(\.participantID)).count == packet.sheets)
        // Exactly once: no page was stored by two workers (each store is logged by its worker).
        var storedBy: [Int64: [Int]] = [:]
        for index in 0..<4 {
            let log = (try? String(contentsOf: work.appendingPathComponent("worker\(index).log"), encoding: .utf8)) ?? ""
            for line in log.split(separator: "\n") where line.hasPrefix("stored page ") {
                if let id = Int64(line.dropFirst("stored page ".count)) { storedBy[id, default: []].append(index) }
            }
        }
        #expect(storedBy.values.allSatisfy { $0.count == 1 }, "\(storedBy)")
        // Every store is logged right after it happens; a killed worker can die between the two
        // at most once (one page per claim), so at most two stored pages are missing from the logs.
        #expect(storedBy.count >= packet.pages - 2 && storedBy.count <= packet.pages)
        // Results and review queue written by the worker that assembled.
        let out = work.appendingPathComponent("out")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(ResultFiles.resultsXML).path))
        // …with a crop for every review item that points at one.
        let queue = try ReviewQueue.decode(json: Data(contentsOf: out.appendingPathComponent(ResultFiles.reviewJSON)))
        let crops = queue.items.compactMap(\.crop)
        #expect(!crops.isEmpty)
        for crop in crops {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(crop).path), "\(crop)")
        }
    }
}
