import Foundation
import IS03Core
import IS03Pipeline
import IS03Render
import IS03Storage
import IS03TestSupport

/// A small packet (four clean sheets, so each run takes seconds) and the results an
/// uninterrupted run gives, made once per test process for the fault tests.
enum FaultFixture {
    struct Reference: Sendable {
        var packet: URL
        var participants: URL
        /// Participant id and total of each result of a run nothing disturbed, in store order.
        var results: [Summary]
    }

    struct Summary: Sendable, Hashable, CustomStringConvertible {
        var participantID: String?
        var total: Int?
        var description: String { "\(participantID ?? "?")=\(total.map(String.init) ?? "-")" }
    }

    static let reference: Task<Reference, any Error> = Task {
        let root = try PacketFixture.scratch("fault-fixture")
        let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
        var options = SyntheticPacketOptions()
        options.blankPages = 0
        options.foreignPages = 0
        let generator = SyntheticPacketGenerator(template: template, seed: 4242, level: .clean, count: 4, options: options)
        let packet = root.appendingPathComponent("vdp-fault")
        _ = try PacketWriter.write(generator, to: packet, format: .jpeg)
        try FileManager.default.removeItem(at: packet.appendingPathComponent("truth"))
        let list = root.appendingPathComponent("participants.csv")
        try ParticipantCSV.encode(generator.participants).write(to: list, atomically: true, encoding: .utf8)

        let out = root.appendingPathComponent("reference")
        let store = try SQLiteResultStore.open(at: out.appendingPathComponent("is03.sqlite"))
        _ = try await BatchRun(store: store, options: BatchOptions(
            packets: [packet.path], participantList: list, outputDirectory: out,
            templateDirectory: RepositoryPaths.templates, workers: 1, interactiveProgress: false)).run()
        return Reference(packet: packet, participants: list, results: try await summaries(of: store))
    }

    static func summaries(of store: SQLiteResultStore) async throws -> [Summary] {
        try await store.results(ResultFilter()).map { Summary(participantID: $0.participantID, total: $0.total) }
    }

    /// A private copy of the reference packet for one test (tests may delete files from it).
    static func copyOfPacket(into work: URL) async throws -> URL {
        let packet = work.appendingPathComponent("vdp-fault")
        try FileManager.default.copyItem(at: try await reference.value.packet, to: packet)
        return packet
    }
}

/// Runs the real `is03` executable as a child process.
struct IS03Child {
    let process = Process()
    private let errorPipe = Pipe()
    private let outputPipe = Pipe()

    /// Starts `is03 ARGUMENTS…`; `shell` wraps the command in `sh -c` (for `ulimit`).
    init(_ arguments: [String], shellPrefix: String? = nil) throws {
        let binary = try BuiltExecutable.is03()
        if let shellPrefix {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let quoted = ([binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            process.arguments = ["-c", shellPrefix + "; exec " + quoted.joined(separator: " ")]
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        environment["OPENCV_LOG_LEVEL"] = "ERROR"
        process.environment = environment
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
    }

    /// `is03 process` of `packet` into `out` with one worker (pages are read in file order).
    static func process(_ packet: URL, list: URL, out: URL, extra: [String] = [], shellPrefix: String? = nil) throws -> IS03Child {
        try IS03Child(["process", packet.path, "--participants", list.path, "--out", out.path,
                       "--templates", RepositoryPaths.templates.path, "--plain", "--workers", "1"] + extra,
                      shellPrefix: shellPrefix)
    }

    /// Waits for the end; returns the exit status and what was written to standard error and
    /// standard output. (Both are small for a four-page packet, so reading one pipe after the
    /// other cannot block the child.)
    func finish() -> (status: Int32, stderr: String, stdout: String) {
        let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
        let error = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: error, as: UTF8.self), String(decoding: output, as: UTF8.self))
    }
}

/// A size-limited tmpfs mounted for one test (needs root and a kernel that lets it mount;
/// `mount(8)` exits non-zero otherwise and the test uses another way to fill the disk).
struct SmallDisk {
    let path: URL

    /// Nil when mounting is not possible, or when `IS03_TEST_NO_MOUNT` is set (to try the
    /// fallbacks on a machine where mounting works).
    static func mount(at path: URL, kilobytes: Int) -> SmallDisk? {
        try? FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        guard ProcessInfo.processInfo.environment["IS03_TEST_NO_MOUNT"] == nil else { return nil }
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path.path]) == 0 else { return nil }
        return SmallDisk(path: path)
    }

    /// Changes the size or makes it read-only (`remount,ro`).
    @discardableResult
    func remount(_ options: String) -> Bool {
        Self.run("/bin/mount", ["-o", "remount,\(options)", path.path]) == 0
    }

    func unmount() { _ = Self.run("/bin/umount", ["-l", path.path]) }

    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Polls the database a child process is writing until `condition` holds (or 120 s pass).
func waitForDatabase(_ url: URL, until condition: (StoreStatus) -> Bool) async throws {
    for _ in 0..<1200 {
        if FileManager.default.fileExists(atPath: url.path),
           let store = try? SQLiteResultStore.open(at: url), let status = try? await store.status(), condition(status) {
            return
        }
        try await Task.sleep(nanoseconds: 100_000_000)
    }
    throw CorpusError("the database at \(url.path) never reached the expected state")
}
