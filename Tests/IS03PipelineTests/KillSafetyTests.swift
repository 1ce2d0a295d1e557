import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03TestSupport
import Testing

/// `kill -9` at random moments of a real `is03 process` run, then a clean rerun: nothing lost,
/// nothing counted twice, same results as a run that was never interrupted.
@Suite(.serialized) struct KillSafetyTests {
    private func launch(_ binary: URL, packet: URL, list: URL, out: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["process", packet.path, "--participants", list.path, "--out", out.path,
                             "--templates", RepositoryPaths.templates.path, "--plain"]
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        environment["OPENCV_LOG_LEVEL"] = "ERROR"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func twentyKillsThenARerunLoseAndDuplicateNothing() async throws {
        let binary = try BuiltExecutable.is03()
        let fixture = PacketFixture.shared
        let work = try PacketFixture.scratch("kill")
        defer { try? FileManager.default.removeItem(at: work) }
        let packet = work.appendingPathComponent("vdp-0101")
        try FileManager.default.copyItem(at: fixture.folder, to: packet)
        let inputBefore = try Self.fingerprint(of: packet)

        // The reference: the same batch, never interrupted.
        let referenceOut = work.appendingPathComponent("reference")
        let referenceStore = try SQLiteResultStore.open(at: referenceOut.appendingPathComponent("is03.sqlite"))
        _ = try await BatchRun(store: referenceStore, options: BatchOptions(
            packets: [packet.path], participantList: fixture.participants, outputDirectory: referenceOut,
            templateDirectory: RepositoryPaths.templates, workers: 2, interactiveProgress: false)).run()
        let expected = try await referenceStore.results(ResultFilter())

        let out = work.appendingPathComponent("killed")
        var rng = SeededRandom(seed: 9, stream: "kill-points")
        // Twenty kills that land while a run is going on: a run that finished before its kill
        // point does not count (on a fast machine the later, shorter reruns often do), so keep
        // launching until twenty kills have landed.
        var killedMidRun = 0, launches = 0
        while killedMidRun < 20, launches < 80 {
            launches += 1
            let process = try launch(binary, packet: packet, list: fixture.participants, out: out)
            let delay = Double.random(in: 0.1...1.5, using: &rng)
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedMidRun += 1
            }
            process.waitUntilExit()
        }
        #expect(killedMidRun >= 20, "twenty kills should land while the batch is running (\(launches) launches)")

        let final = try launch(binary, packet: packet, list: fixture.participants, out: out)
        final.waitUntilExit()
        #expect([0, 3].contains(final.terminationStatus), "the rerun finishes (0 = nothing to review, 3 = items to review)")

        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        let status = try await store.status()
        let files = try FileManager.default.contentsOfDirectory(atPath: packet.path).count
        #expect(status.files == files, "every file registered exactly once")
        #expect(status.pages[.pending] == 0)
        #expect((status.pages[.done] ?? 0) + (status.pages[.failed] ?? 0) == files, "one page per single-page file, none twice")
        let results = try await store.results(ResultFilter())
        #expect(results.map(\.participantID) == expected.map(\.participantID))
        #expect(results.map(\.total) == expected.map(\.total))
        #expect(Set(results.compactMap(\.participantID)).count == results.count, "no participant counted twice")
        #expect(try Self.fingerprint(of: packet) == inputBefore, "input scans are never modified")
    }

    /// Names, sizes and contents of every file in a folder.
    static func fingerprint(of folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }
}
