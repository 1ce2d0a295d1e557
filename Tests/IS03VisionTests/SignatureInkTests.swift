import Foundation
import IS03Core
import IS03Render
import IS03TestSupport
import IS03Vision
import Testing

/// The expert's signature check on real rendered, scanned and read pages: the synthetic expert
/// signs most sheets and forgets some, and scoring queues exactly the unsigned ones as `unsigned`.
@Suite struct SignatureInkTests {
    @Test(arguments: [DegradationLevel.clean, .heavy])
    func unsignedSheetsAndOnlyThoseAreQueued(level: DegradationLevel) throws {
        let template = try TestPages.template("is03-2023")
        var options = SyntheticPacketOptions()
        options.blankPages = 0
        options.foreignPages = 0
        var fill = FillProfile.standard(for: level)
        fill.unsignedShare = 0.5
        options.fill = fill
        let pages = try SyntheticPacketGenerator(template: template, seed: 77, level: level, count: 8, options: options).pages()
        let reader = try SheetReader(templates: [template])
        reader.readsHandwriting = false
        let engine = ScoringEngine(template: template, categories: try CategoryTable.load(for: template, in: RepositoryPaths.templates))
        var outcomes: [Bool: Int] = [:]
        var inkOfSigned: [Double] = [], inkOfUnsigned: [Double] = []
        for (index, page) in pages.enumerated() {
            let signed = try #require(page.truth.signed, "page \(index + 1) has no signature truth")
            let reading = reader.read(page: page.image, source: PageSource(file: "page \(index + 1)", page: 0, sha256: ""))
            guard reading.pageClass == .sheet else {
                Issue.record("page \(index + 1) read as \(reading.pageClass): \(reading.classReason ?? "")")
                continue
            }
            let ink = reading.field("expertSignature")?.cells.first?.fill ?? -1
            if signed { inkOfSigned.append(ink) } else { inkOfUnsigned.append(ink) }
            let queued = engine.score(reading, categoryID: nil).findings.contains { $0.reason == .unsigned }
            #expect(queued == !signed, "page \(index + 1) (\(signed ? "signed" : "unsigned"), ink share \(ink)) at \(level)")
            outcomes[signed, default: 0] += 1
        }
        print("signature ink at \(level): signed \(inkOfSigned.sorted()), unsigned \(inkOfUnsigned.sorted())")
        // Both outcomes occur, so the test shows each.
        #expect((outcomes[true] ?? 0) > 0 && (outcomes[false] ?? 0) > 0, "\(outcomes)")
    }
}
