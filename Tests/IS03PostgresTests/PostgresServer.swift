import Foundation
import IS03Core
import IS03PostgresStore
import IS03Render
import IS03TestSupport
import Testing

/// The PostgreSQL server `make test` starts (scripts/postgres-test-server) and a synthetic
/// packet on disk, shared by this target's tests.
enum PostgresServer {
    /// `IS03_TEST_POSTGRES_URL`, e.g. `postgres://postgres@127.0.0.1:55432/postgres`.
    static var url: String? { ProcessInfo.processInfo.environment["IS03_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    /// CI sets `IS03_REQUIRE_POSTGRES=1`: then a missing server fails these tests instead of skipping them.
    static var available: Bool { url != nil || ProcessInfo.processInfo.environment["IS03_REQUIRE_POSTGRES"] == "1" }

    /// The server's URL with a new, empty schema: one fresh database of record per test.
    static func freshURL() throws -> String {
        let url = try #require(url, "IS03_REQUIRE_POSTGRES=1 but IS03_TEST_POSTGRES_URL is not set (scripts/postgres-test-server start)")
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
    }
}

/// A small synthetic packet (clean scans, quick to read) with its participant list, made once
/// per test process.
enum ScanFixture {
    struct Packet: Sendable {
        var folder: URL
        var participants: URL
        /// Filled-in sheets (each yields a result).
        var sheets: Int
        /// Page images in the folder: the sheets plus the generator's blank and foreign pages.
        var pages: Int
    }

    static let shared: Packet = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("is03-pg-fixture-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root)
        do {
            let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
            let generator = SyntheticPacketGenerator(template: template, seed: 707, level: .clean, count: 8)
            let folder = root.appendingPathComponent("vdp-0202")
            _ = try PacketWriter.write(generator, to: folder, format: .jpeg)
            let list = root.appendingPathComponent("participants.csv")
            try ParticipantCSV.encode(generator.participants).write(to: list, atomically: true, encoding: .utf8)
            // Truth files are not scans; keep them out of the folder the pipeline reads.
            try FileManager.default.moveItem(at: folder.appendingPathComponent("truth"), to: root.appendingPathComponent("truth"))
            let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).count
            return Packet(folder: folder, participants: list, sheets: 8, pages: pages)
        } catch {
            preconditionFailure("cannot build the test packet: \(error)")
        }
    }()

    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("is03-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
