import Foundation
import IS03Core
import IS03TestSupport
import Testing

/// Exit codes a nightly timer can act on, from the built `is03`: a mistyped path or a packet
/// with nothing readable fails (1) with the reason, never passes for a normal night with items
/// to review (3); an operational error never prints the usage text meant for a mistyped command.
@Suite struct ExitCodeTests {
    static let listHeader = "id;surname;name;patronymic;class;document_series;document_number;region;msu;oo;auditorium;category;exam_date"

    static func list(in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("participants.csv")
        try (listHeader + "\nP1;Иванов;Пётр;;9А;;;37;012;370045;0101;standard;2023-02-08\n")
            .write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aPacketPathThatDoesNotExistFailsAndProcessesNothing() throws {
        let work = try PacketFixture.scratch("exit-missing-packet")
        defer { try? FileManager.default.removeItem(at: work) }
        let missing = work.appendingPathComponent("vdp-typo")
        let out = work.appendingPathComponent("out")
        let run = try IS03Child.process(missing, list: try Self.list(in: work), out: out).finish()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains(missing.path) && run.stderr.contains("does not exist") && run.stderr.contains("nothing processed"))
        // Nothing was touched: no database with every listed pupil queued as missing.
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("is03.sqlite").path))
        #expect(!run.stderr.contains("USAGE"))
    }

    @Test func aParticipantListThatDoesNotExistFails() throws {
        let work = try PacketFixture.scratch("exit-missing-list")
        defer { try? FileManager.default.removeItem(at: work) }
        let packet = work.appendingPathComponent("vdp")
        try FileManager.default.createDirectory(at: packet, withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: packet.appendingPathComponent("p1.png"))
        let list = work.appendingPathComponent("no-such-list.csv")
        let run = try IS03Child.process(packet, list: list, out: work.appendingPathComponent("out")).finish()
        #expect(run.status == 1 && run.stderr.contains(list.path) && run.stderr.contains("--participants"), "\(run.stderr)")
    }

    @Test func aFolderWithoutScansFails() throws {
        let work = try PacketFixture.scratch("exit-empty-folder")
        defer { try? FileManager.default.removeItem(at: work) }
        let packet = work.appendingPathComponent("vdp-empty")
        try FileManager.default.createDirectory(at: packet, withIntermediateDirectories: true)
        try "not a scan".write(to: packet.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let run = try IS03Child.process(packet, list: try Self.list(in: work), out: work.appendingPathComponent("out")).finish()
        #expect(run.status == 1 && run.stderr.contains("holds no scans"), "\(run.stderr)")
    }

    @Test func aRunThatCouldReadNoPageFails() throws {
        let work = try PacketFixture.scratch("exit-read-nothing")
        defer { try? FileManager.default.removeItem(at: work) }
        let packet = work.appendingPathComponent("vdp-broken")
        try FileManager.default.createDirectory(at: packet, withIntermediateDirectories: true)
        try Data("truncated".utf8).write(to: packet.appendingPathComponent("p1.png"))
        try Data().write(to: packet.appendingPathComponent("p2.jpg"))
        let out = work.appendingPathComponent("out")
        let run = try IS03Child.process(packet, list: try Self.list(in: work), out: out).finish()
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("not one page"))
    }

    @Test func statusOnAMissingDatabaseSaysSoWithoutTheUsageText() throws {
        let work = try PacketFixture.scratch("exit-status")
        defer { try? FileManager.default.removeItem(at: work) }
        let database = work.appendingPathComponent("nowhere.sqlite").path
        for command in ["status", "export", "report", "reprocess"] {
            var arguments = [command, "--database", database]
            if command == "report" { arguments += ["--out", work.appendingPathComponent("r.html").path] }
            let run = try IS03Child(arguments).finish()
            #expect(run.status == 1, "\(command): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("no database at \(database)"), "\(command): \(run.stderr)")
            #expect(!run.stderr.contains("USAGE") && !run.stderr.contains("--help"), "\(command): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: database))
        }
        // A mistyped command line is still a usage error (64), with the usage text.
        let typo = try IS03Child(["status", "--no-such-option"]).finish()
        #expect(typo.status == 64 && (typo.stderr.contains("Usage") || typo.stderr.contains("USAGE")), "\(typo.stderr)")
    }
}
