import Foundation
import IS03Core
import IS03Pipeline
import Testing

/// The scratch file that holds a run's readings while it assembles (issue 5: flat memory).
@Suite struct ReadingSpillTests {
    private func reading(_ n: Int) -> SheetReading {
        SheetReading(source: PageSource(file: "/scans/page-\(n).jpg", page: 0, sha256: "h\(n)"), pageClass: .sheet,
                     templateID: "is03-2023",
                     fields: (0..<n % 7).map { FieldReading(id: "f\($0)", status: .ok, value: "\($0)", confidence: 0.5 + Double($0) / 100) })
    }

    @Test func readingsKeptFromManyTasksComeBackAsKept() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spill = try ReadingSpill(directory: folder)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<200 { group.addTask { try spill.keep(pageID: Int64(n), reading: self.reading(n)) } }
            try await group.waitForAll()
        }
        #expect(spill.pageIDs == Set((0..<200).map(Int64.init)))
        for n in 0..<200 { #expect(try spill.reading(pageID: Int64(n)) == reading(n)) }
        #expect(try spill.reading(pageID: 999) == nil)
        // Keeping a page again replaces what was kept for it.
        try spill.keep(pageID: 7, reading: reading(8))
        #expect(try spill.reading(pageID: 7) == reading(8))
        // The file has no name: nothing is left behind in the folder, whatever ends the process.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aFolderThatCannotHoldTheFileIsNamed() {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        #expect { try ReadingSpill(directory: missing) } throws: { error in
            "\(error)".contains(missing.path) && "\(error)".contains("writable")
        }
    }
}
