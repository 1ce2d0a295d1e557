import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03TestSupport
import Testing

/// Faults injected for real into a child `is03 process`: a full disk, a database locked by
/// another process, missing or damaged, a scan deleted mid-batch, SIGTERM. Each run that meets
/// the fault ends with a message naming what went wrong; the run after it finishes with the
/// same results as a run nothing disturbed, nothing lost and nothing counted twice.
@Suite(.serialized) struct FaultTests {
    private func expectSameAsReference(_ database: URL, _ note: Comment) async throws {
        let reference = try await FaultFixture.reference.value
        let store = try SQLiteResultStore.open(at: database)
        let results = try await FaultFixture.summaries(of: store)
        #expect(results == reference.results, note)
        let ids = results.compactMap(\.participantID)
        #expect(Set(ids).count == ids.count, "a participant counted twice")
        let status = try await store.status()
        #expect(status.pages[.pending] == 0 && status.pages[.failed] == 0, "\(status.pages)")
        #expect(status.files == 4, "every scan registered once")
    }

    @Test func aFullDiskStopsTheRunWithAClearErrorAndTheNextRunFinishes() async throws {
        let reference = try await FaultFixture.reference.value
        let work = try PacketFixture.scratch("disk-full")
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        let database = out.appendingPathComponent("is03.sqlite")
        let disk = SmallDisk.mount(at: out, kilobytes: 8192)
        defer { disk?.unmount() }
        // An existing database of record, then a file that takes all but 48 KiB of the disk:
        // room for a page or so, not for four pages, the results and the crops.
        _ = try SQLiteResultStore.open(at: database)
        var prefix: String?
        if disk != nil {
            let free = try #require(try FileManager.default.attributesOfFileSystem(forPath: out.path)[.systemFreeSize] as? Int)
            try Data(count: max(0, free - 48 * 1024)).write(to: out.appendingPathComponent("filler"))
        } else {
            // No mount rights: a file-size limit 48 KiB above the database, with SIGXFSZ
            // ignored so writes fail with EFBIG the way they fail with ENOSPC on a full disk.
            let size = try #require(try FileManager.default.attributesOfItem(atPath: database.path)[.size] as? Int)
            prefix = "trap '' XFSZ; ulimit -f \((size + 48 * 1024) / 512)"
        }

        let full = try IS03Child.process(reference.packet, list: reference.participants, out: out, shellPrefix: prefix).finish()
        #expect(full.status == 1, "the run must fail, not report success: \(full.stderr)")
        #expect(full.stderr.contains("is03 process:") && full.stderr.contains(out.path), "\(full.stderr)")
        #expect(full.stderr.contains("disk space") || full.stderr.contains("No space left"),
                "the message should say the disk is full: \(full.stderr)")
        #expect(!full.stderr.contains("Fatal error") && !full.stderr.contains("Stack dump"), "crashed: \(full.stderr)")

        // Room is made; the same command again.
        try? FileManager.default.removeItem(at: out.appendingPathComponent("filler"))
        let again = try IS03Child.process(reference.packet, list: reference.participants, out: out).finish()
        #expect([0, 3].contains(again.status), "\(again.stderr)")
        try await expectSameAsReference(database, "after the disk was full")
    }

    @Test func aDatabaseLockedByAnotherProcessIsWaitedFor() async throws {
        let reference = try await FaultFixture.reference.value
        let work = try PacketFixture.scratch("locked")
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        let database = out.appendingPathComponent("is03.sqlite")
        _ = try SQLiteResultStore.open(at: database)  // an existing database of record
        // Debian's sqlite3 shell takes the write lock and keeps it for three seconds.
        let holder = try SQLiteShellProcess.hold(database, seconds: 3)
        try await Task.sleep(nanoseconds: 500_000_000)
        let run = try IS03Child.process(reference.packet, list: reference.participants, out: out).finish()
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0, "the sqlite3 shell could not take the lock")
        #expect([0, 3].contains(run.status), "the run should wait for the lock, not fail: \(run.stderr)")
        try await expectSameAsReference(database, "after waiting for a lock")
    }

    @Test func aDatabaseThatIsNotADatabaseOrCannotBeCreatedIsNamed() async throws {
        let reference = try await FaultFixture.reference.value
        let work = try PacketFixture.scratch("db-gone")
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

        // Overwritten by something else.
        let garbage = out.appendingPathComponent("is03.sqlite")
        try Data(repeating: 0x42, count: 8192).write(to: garbage)
        let damaged = try IS03Child.process(reference.packet, list: reference.participants, out: out).finish()
        #expect(damaged.status == 1)
        #expect(damaged.stderr.contains(garbage.path) && damaged.stderr.contains("not a database"), "\(damaged.stderr)")
        #expect(try Data(contentsOf: garbage) == Data(repeating: 0x42, count: 8192), "the unknown file was changed")

        // A database path under a file (the folder cannot exist).
        let impossible = garbage.appendingPathComponent("is03.sqlite")
        let cannot = try IS03Child.process(reference.packet, list: reference.participants, out: out,
                                           extra: ["--database", impossible.path]).finish()
        #expect(cannot.status == 1)
        #expect(cannot.stderr.contains(impossible.path), "\(cannot.stderr)")

        // Read-only storage (a read-only mount; root ignores file permissions).
        let readOnly = work.appendingPathComponent("ro")
        if let disk = SmallDisk.mount(at: readOnly, kilobytes: 32768) {
            defer { disk.unmount() }
            let first = try IS03Child.process(reference.packet, list: reference.participants, out: readOnly).finish()
            #expect([0, 3].contains(first.status), "\(first.stderr)")
            disk.remount("ro")
            let blocked = try IS03Child.process(reference.packet, list: reference.participants, out: readOnly).finish()
            #expect(blocked.status == 1, "\(blocked.stderr)")
            #expect(blocked.stderr.contains("read-only") || blocked.stderr.contains("readonly") || blocked.stderr.contains("writable"),
                    "\(blocked.stderr)")
            disk.remount("rw")
            try await expectSameAsReference(readOnly.appendingPathComponent("is03.sqlite"), "after read-only storage")
        }

        // Deleted between runs: the next run rebuilds it from the scans.
        try FileManager.default.removeItem(at: garbage)
        let rebuilt = try IS03Child.process(reference.packet, list: reference.participants, out: out).finish()
        #expect([0, 3].contains(rebuilt.status), "\(rebuilt.stderr)")
        try await expectSameAsReference(garbage, "after the database was deleted")
    }

    @Test func aScanDeletedMidBatchIsNamedLeftUnreadAndReadOnceItIsBack() async throws {
        let reference = try await FaultFixture.reference.value
        let work = try PacketFixture.scratch("deleted-scan")
        defer { try? FileManager.default.removeItem(at: work) }
        let packet = try await FaultFixture.copyOfPacket(into: work)
        let out = work.appendingPathComponent("out")
        let database = out.appendingPathComponent("is03.sqlite")
        let last = try #require(try FileManager.default.contentsOfDirectory(atPath: packet.path).sorted().last)
        let lastURL = packet.appendingPathComponent(last)
        let saved = try Data(contentsOf: lastURL)

        // Every file is registered first (as a batch does before reading), then the last scan
        // goes before it is read. Registering with `--enqueue` and reading in a second run
        // makes "deleted between registration and reading" deterministic: a test that deleted
        // it while a child was reading lost the race on a fast machine.
        let enqueued = try IS03Child.process(packet, list: reference.participants, out: out, extra: ["--enqueue"]).finish()
        #expect(enqueued.status == 0, "\(enqueued.stderr)")
        try FileManager.default.removeItem(at: lastURL)
        let run = try IS03Child.process(packet, list: reference.participants, out: out).finish()
        #expect(run.status == 3, "done, with a problem to report: \(run.stderr)")
        #expect(run.stdout.contains(last) && run.stdout.contains("put the file back"), "the summary names the file: \(run.stdout)")
        let store = try SQLiteResultStore.open(at: database)
        let status = try await store.status()
        // The page is not marked failed (which no rerun would retry): it waits for its file.
        #expect(status.pages[.pending] == 1 && status.pages[.failed] == 0 && status.pages[.done] == 3, "\(status.pages)")

        // The file is put back; the same command reads the page.
        try saved.write(to: lastURL)
        let rerun = try IS03Child.process(packet, list: reference.participants, out: out).finish()
        #expect([0, 3].contains(rerun.status), "\(rerun.stderr)")
        try await expectSameAsReference(database, "after the scan came back")
    }

    @Test func sigtermFinishesThePagesInHandAndTheRerunCompletes() async throws {
        let reference = try await FaultFixture.reference.value
        let work = try PacketFixture.scratch("sigterm")
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        let database = out.appendingPathComponent("is03.sqlite")

        let child = try IS03Child.process(reference.packet, list: reference.participants, out: out)
        try await waitForDatabase(database) { ($0.pages[.done] ?? 0) >= 1 }
        kill(child.process.processIdentifier, SIGTERM)
        let stopped = child.finish()
        #expect(stopped.status == 143 || [0, 3].contains(stopped.status), "\(stopped.stderr)")
        if stopped.status == 143 {
            #expect(stopped.stderr.contains("SIGTERM") && stopped.stderr.contains("again"), "\(stopped.stderr)")
        }
        #expect(!stopped.stderr.contains("Fatal error"), "\(stopped.stderr)")
        let store = try SQLiteResultStore.open(at: database)
        #expect(try await store.status().pages[.done] ?? 0 >= 1, "the pages read before the signal are kept")

        let rerun = try IS03Child.process(reference.packet, list: reference.participants, out: out).finish()
        #expect([0, 3].contains(rerun.status), "\(rerun.stderr)")
        try await expectSameAsReference(database, "after SIGTERM")
    }
}

/// Debian's `sqlite3` shell holding a database's write lock.
enum SQLiteShellProcess {
    static func hold(_ database: URL, seconds: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-bail", database.path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\n.shell sleep \(seconds)\nCOMMIT;\n".utf8))
        try input.fileHandleForWriting.close()
        return process
    }
}
