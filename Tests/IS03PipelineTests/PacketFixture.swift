import Foundation
import IS03Core
import IS03Render
import IS03TestSupport

/// A small synthetic packet on disk (clean scans, so the run is quick), with its participant
/// list, made once per test process and copied for each test that needs its own.
enum PacketFixture {
    struct Packet: Sendable {
        var folder: URL
        var participants: URL
        /// The packet's experts list (CSV), as `is03 synth --experts-out` writes it.
        var experts: URL
        var expertList: [Expert]
        var truths: [SheetTruth]
    }

    static let shared: Packet = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("is03-fixture-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root)
        do {
            let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
            let generator = SyntheticPacketGenerator(template: template, seed: 2024, level: .clean, count: 8)
            let folder = root.appendingPathComponent("vdp-0101")
            let truths = try PacketWriter.write(generator, to: folder, format: .jpeg)
            let list = root.appendingPathComponent("participants.csv")
            try ParticipantCSV.encode(generator.participants).write(to: list, atomically: true, encoding: .utf8)
            let experts = root.appendingPathComponent("experts.csv")
            try ExpertList.encodeCSV(generator.expertList).write(to: experts, atomically: true, encoding: .utf8)
            // Truth files are not scans; keep them out of the packet folder the pipeline reads.
            try FileManager.default.moveItem(at: folder.appendingPathComponent("truth"), to: root.appendingPathComponent("truth"))
            return Packet(folder: folder, participants: list, experts: experts, expertList: generator.expertList, truths: truths)
        } catch {
            preconditionFailure("cannot build the test packet: \(error)")
        }
    }()

    /// A fresh, empty working folder for one test.
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("is03-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
