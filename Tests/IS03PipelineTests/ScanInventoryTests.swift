import Foundation
import IS03Pipeline
import Testing

@Suite struct ScanInventoryTests {
    /// A scratch folder with a packet folder, a loose TIFF and some files that are not scans.
    private func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("inv-\(UUID().uuidString)")
        let packet = root.appendingPathComponent("vdp-0101")
        try FileManager.default.createDirectory(at: packet, withIntermediateDirectories: true)
        for name in ["p10.png", "p2.PNG", "p1.jpg", ".hidden.png", "notes.txt"] {
            try Data().write(to: packet.appendingPathComponent(name))
        }
        try Data().write(to: root.appendingPathComponent("vdp-0102.tiff"))
        try Data().write(to: root.appendingPathComponent("list.csv"))
        return root
    }

    @Test func folderBecomesOnePacketInNaturalPageOrder() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let (packets, problems) = ScanInventory.packets(from: [root.appendingPathComponent("vdp-0101").path])
        #expect(problems.isEmpty)
        let packet = try #require(packets.first)
        #expect(packet.name == "vdp-0101")
        #expect(packet.files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["p1.jpg", "p2.PNG", "p10.png"])
    }

    @Test func globsExpandAndDuplicatesAreTakenOnce() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let (packets, problems) = ScanInventory.packets(from: [root.path + "/vdp-*", root.path + "/vdp-0102.tiff"])
        #expect(problems.isEmpty)
        #expect(packets.map(\.name) == ["vdp-0101", "vdp-0102"])
    }

    @Test func badArgumentsAreNamedAndTheRestGoesOn() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = root.appendingPathComponent("nope").path
        let csv = root.appendingPathComponent("list.csv").path
        let (packets, problems) = ScanInventory.packets(from: [missing, csv, root.path + "/zzz*", root.path + "/vdp-0102.tiff"])
        #expect(packets.map(\.name) == ["vdp-0102"])
        #expect(problems.map(\.path) == [missing, csv, root.path + "/zzz*"])
        #expect(problems[0].message.contains("does not exist"))
        #expect(problems[1].message.contains("not a scan"))
    }
}

@Suite struct ProgressReporterTests {
    final class Lines: @unchecked Sendable {
        var text: [String] = []
        let lock = NSLock()
        func add(_ s: String) { lock.lock(); text.append(s); lock.unlock() }
    }

    @Test func plainModeWritesLogLinesWithCounts() {
        let lines = Lines()
        let progress = ProgressReporter(total: 3, interactive: false, write: { lines.add($0) })
        progress.pageFinished()
        progress.pageFinished(failed: true)
        progress.pageFinished()
        progress.finish()
        #expect(lines.text.first?.hasPrefix("progress: 1/3 pages") == true)
        #expect(lines.text.last?.contains("3/3 pages") == true)
        #expect(lines.text.last?.contains("1 failed") == true)
        #expect(!lines.text.joined().contains("\r"))
    }

    @Test func registeringFilesIsCountedInFiles() {
        let lines = Lines()
        let progress = ProgressReporter(total: 2, interactive: false, unit: "files", label: "registering", write: { lines.add($0) })
        progress.pageFinished()
        progress.pageFinished(failed: true)
        #expect(lines.text.first?.hasPrefix("registering: 1/2 files") == true)
        #expect(lines.text.last?.contains("2/2 files") == true && lines.text.last?.contains("1 failed") == true)
    }

    @Test func theTotalGrowsAsPagesAreRegisteredAndTheNoteIsShown() {
        let lines = Lines()
        let progress = ProgressReporter(total: 1, interactive: false, write: { lines.add($0) })
        progress.note("registering 64/200 files")   // the first line is drawn at once
        progress.expect(2)
        progress.note(nil)
        progress.pageFinished()
        progress.pageFinished()
        progress.pageFinished()
        #expect(lines.text.first?.contains("0/1 pages") == true && lines.text.first?.contains("(registering 64/200 files)") == true)
        #expect(lines.text.last?.contains("3/3 pages") == true && lines.text.last?.contains("registering") == false)
    }

    @Test func pagesReadBeforeTheirRegisteringIsCountedNeverShowMoreDoneThanTotal() {
        let lines = Lines()
        let progress = ProgressReporter(total: 0, interactive: false, write: { lines.add($0) })
        progress.note("registering 1/2 files")
        progress.pageFinished()   // read before registering told the total about it
        progress.expect(1)
        progress.pageFinished(); progress.expect(1)
        #expect(lines.text.count >= 2)
        #expect(lines.text.allSatisfy { !$0.contains("1/0 pages") && !$0.contains("ETA 0:-") })
        #expect(lines.text.last?.contains("2/2 pages") == true)
    }

    @Test func terminalModeRedrawsABar() {
        let lines = Lines()
        let progress = ProgressReporter(total: 2, interactive: true, write: { lines.add($0) })
        progress.pageFinished()
        progress.pageFinished()
        progress.finish()
        #expect(lines.text.contains { $0.hasPrefix("\r[") && $0.contains("2/2 pages") })
        #expect(lines.text.last == "\n")
    }
}
