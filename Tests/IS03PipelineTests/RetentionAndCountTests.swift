import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03TestSupport
import Testing

/// `is03 purge` and `is03 export` as an operator runs them (the real executable) over a folder
/// the real `is03 process` wrote.
@Suite(.serialized) struct RetentionAndCountTests {
    /// A private copy of the test packet (purge deletes its scans) and its list.
    private func packetCopy(in work: URL) throws -> (packet: URL, list: URL, people: [Participant]) {
        let shared = PacketFixture.shared
        let packet = work.appendingPathComponent("vdp-0101")
        try FileManager.default.copyItem(at: shared.folder, to: packet)
        return (packet, shared.participants, try ParticipantList.load(from: shared.participants).participants)
    }

    private func day(_ offset: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date().addingTimeInterval(offset))
    }

    /// Every file under `folder` (recursively) whose bytes hold one of `names` in UTF-8.
    private func filesNaming(_ names: [String], under folder: URL) -> [String] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? []
        return files.compactMap { url in
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let data = try? Data(contentsOf: url) else { return nil }
            return names.first { data.range(of: Data($0.utf8)) != nil }.map { "\(url.lastPathComponent) names \($0)" }
        }
    }

    @Test func purgeLeavesNoFileWithAParticipantsNameInTheOutputFolder() async throws {
        let work = try PacketFixture.scratch("purge-files")
        defer { try? FileManager.default.removeItem(at: work) }
        let (packet, list, people) = try packetCopy(in: work)
        let out = work.appendingPathComponent("out")
        let processed = try IS03Child.process(packet, list: list, out: out).finish()
        #expect([0, 3].contains(processed.status), "\(processed.stderr)")
        let names = people.map(\.surname)
        let before = filesNaming(names, under: out)
        #expect(before.contains { $0.hasPrefix("results.xml") } && before.contains { $0.hasPrefix("results.csv") }, "\(before)")
        let cropsBefore = (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("crops").path)) ?? []

        let scanCount = try FileManager.default.contentsOfDirectory(atPath: packet.path).count
        let database = out.appendingPathComponent("is03.sqlite").path
        // Tomorrow is later than today: refused without --force, and nothing is touched.
        let refused = try IS03Child(["purge", "--database", database, "--before", day(86_400), "--yes"]).finish()
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("later than today"), "\(refused.stderr)")
        #expect(filesNaming(names, under: out) == before)

        // Everything was registered today, so only a cutoff of tomorrow (forced) purges it.
        let purged = try IS03Child(["purge", "--database", database, "--before", day(86_400), "--force", "--yes",
                                    "--delete-scans"]).finish()
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(filesNaming(names, under: out) == [])
        for name in ["results.xml", "results.csv", "review.xml", "review.json"] {
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let cropsAfter = (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("crops").path)) ?? []
        #expect(cropsAfter.isEmpty, "\(cropsBefore.count) crops before, left: \(cropsAfter)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: packet.path).isEmpty)
        #expect(purged.stdout.contains("result and review files deleted 4"), "\(purged.stdout)")

        // The audit log says how many files went, without a name or path.
        let trail = try await SQLiteResultStore.open(at: URL(fileURLWithPath: database)).auditTrail(entity: "purge", entityID: nil)
        let files = try #require(trail.last { $0.field == "files" })
        #expect(files.to?.contains("\"resultFiles\":4") == true, "\(files.to ?? "")")
        #expect(files.to?.contains("\"scanFiles\":\(scanCount)") == true, "\(files.to ?? "")")
        #expect(!(files.to ?? "").contains(packet.path))

        // Repeating the purge is safe and leaves the folder as clean.
        let again = try IS03Child(["purge", "--database", database, "--before", day(86_400), "--force", "--yes"]).finish()
        #expect(again.status == 0, "\(again.stderr)")
        #expect(filesNaming(names, under: out) == [])
    }

    @Test func exportRefusesRowsThatDoNotMatchTheParticipantsWhoSat() async throws {
        let work = try PacketFixture.scratch("export-count")
        defer { try? FileManager.default.removeItem(at: work) }
        let (packet, _, people) = try packetCopy(in: work)
        // One more participant who sat in the packet's auditorium, whose sheet never came back.
        var lost = try #require(people.first { !$0.absent })
        lost.id = "LOST-1"; lost.surname = "Потерянная"; lost.name = "Анна"; lost.documentNumber = nil; lost.documentSeries = nil
        let list = work.appendingPathComponent("participants.csv")
        try ParticipantCSV.encode(people + [lost]).write(to: list, atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("out")
        let processed = try IS03Child.process(packet, list: list, out: out).finish()
        #expect([0, 3].contains(processed.status), "\(processed.stderr)")

        let database = out.appendingPathComponent("is03.sqlite").path
        let file = work.appendingPathComponent("export.xml")
        let refused = try IS03Child(["export", "--database", database, "--templates", RepositoryPaths.templates.path,
                                     "--allow-open", "--out", file.path]).finish()
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("missing: LOST-1 Потерянная Анна"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--allow-count-mismatch"))
        #expect(!FileManager.default.fileExists(atPath: file.path))

        let allowed = try IS03Child(["export", "--database", database, "--templates", RepositoryPaths.templates.path,
                                     "--allow-open", "--allow-count-mismatch", "--out", file.path]).finish()
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(FileManager.default.fileExists(atPath: file.path))

        // Extra rows, each with its reason: a second result, a result of someone marked absent,
        // a result of someone not on the list.
        let export = try await ResultExport.load(from: try SQLiteResultStore.open(at: URL(fileURLWithPath: database)),
                                                 filter: ResultFilter())
        #expect(export.rowCount.missing.map(\.id) == ["LOST-1"] && export.rowCount.extra.isEmpty)
        let first = try #require(export.records.first)
        let listed = people + [lost]
        func extra(_ records: [ResultRecord], _ listed: [Participant]) -> [RowCountCheck.ExtraReason] {
            RowCountCheck(records: records, sat: listed.filter { !$0.absent }, listed: listed).extra.map(\.reason)
        }
        #expect(extra(export.records + [first], listed) == [.secondRow])
        let markedAbsent = listed.map { p in var p = p; if p.id == first.participant.id { p.absent = true }; return p }
        #expect(extra(export.records, markedAbsent) == [.absent])
        #expect(extra(export.records, listed.filter { $0.id != first.participant.id }) == [.notOnList])

        // The region's own format through a shipped stylesheet, from the same command.
        let form = work.appendingPathComponent("form.xml")
        let styled = try IS03Child(["export", "--database", database, "--templates", RepositoryPaths.templates.path,
                                    "--allow-open", "--allow-count-mismatch", "--out", form.path,
                                    "--format", "xslt:" + RepositoryPaths.root.appendingPathComponent("Templates/exports/school-form.xsl").path])
            .finish()
        #expect(styled.status == 0, "\(styled.stderr)")
        let lint = try XMLLint.validate(form, schema: RepositoryPaths.root.appendingPathComponent("schemas/school-form.xsd"))
        #expect(lint.ok, "\(lint.output)")
    }
}
