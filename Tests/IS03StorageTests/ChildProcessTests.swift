import Foundation
import Testing
@testable import IS03Storage

/// The database file opened by another process (Debian's `sqlite3` shell) while the store has
/// it open: it sees committed data, its raw writes meet the same triggers, and a write lock it
/// holds makes the store wait rather than fail.
@Suite("Storage: another process on the same file",
       .enabled(if: FileManager.default.isExecutableFile(atPath: SQLiteShell.path), "needs the sqlite3 shell"))
struct ChildProcessTests {
    @Test func anotherProcess() async throws {
        let fixture = try StoreFixture(.disk)
        let store = fixture.store
        let pages = try await fixture.ingest(packet: "vdp", files: 3)
        _ = try await store.commitPage(Samples.outcome(for: pages[0]))
        let item = try #require(try await store.reviewItems(pageID: pages[0].id).first)
        _ = try await store.decide(itemID: item.id, operatorName: "anna", value: "1", reason: nil)

        let counts = try SQLiteShell.run(store.location, "SELECT state || ':' || COUNT(*) FROM page GROUP BY state ORDER BY state;")
        #expect(counts.status == 0)
        #expect(counts.output.split(separator: "\n") == ["done:1", "pending:2"])

        let delete = try SQLiteShell.run(store.location, "DELETE FROM audit_log;")
        #expect(delete.status != 0)
        #expect(delete.error.contains("append-only"))
        #expect(try await store.auditTrail(entity: nil, entityID: nil).count == 1)

        // The other process holds the write lock for a second; our commit waits for it.
        let holder = try SQLiteShell.start(store.location, "BEGIN IMMEDIATE;\n.shell sleep 1\nCOMMIT;\n")
        _ = try await store.commitPage(Samples.outcome(for: pages[1]))
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(try await store.status().pages[.done] == 2)
    }
}

/// Runs Debian's `sqlite3` command-line shell as a child process. It waits up to 10 s for
/// locks (`.timeout`), like the store does, so which side gets the lock first does not matter.
enum SQLiteShell {
    static let path = "/usr/bin/sqlite3"

    static func start(_ database: String, _ script: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-bail", "-cmd", ".timeout 10000", database]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        return process
    }

    static func run(_ database: String, _ sql: String) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-bail", "-cmd", ".timeout 10000", database, sql]
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
