import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// Dirt on a scanner's glass or feed roller draws a thin dark line along the whole page, through
/// every bubble it crosses. Such a line must never be read as a mark without anyone knowing:
/// each mark field is read right or sent to review.
@Suite("Scanner streaks")
struct ScannerStreakTests {
    enum Direction: String, CaseIterable, CustomTestStringConvertible {
        case alongFeed, acrossFeed
        var testDescription: String { rawValue }
    }

    /// The image positions (x for vertical streaks, y for horizontal ones) where the most
    /// bubbles line up, read from the clean sheet's own reading.
    static func busiestLines(_ reading: SheetReading, template: Template, vertical: Bool, count: Int) -> [Int] {
        var tally: [Int: Int] = [:]
        for field in reading.fields {
            guard let kind = template.field(field.id)?.kind, [.choice, .digits, .flag].contains(kind) else { continue }
            for cell in field.cells {
                let centre = vertical ? cell.rect.x + cell.rect.width / 2 : cell.rect.y + cell.rect.height / 2
                tally[centre / 8 * 8 + 4, default: 0] += 1
            }
        }
        return tally.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(count).map(\.key)
    }

    // Measured (seed 61, 300 dpi): 26-34 of 36 mark fields stay right and sure, the rest go to
    // review as multiple or ambiguous; none is read wrong and sure.
    @Test("A thin dark scanner streak through a column or row of bubbles is never a silent mark",
          arguments: Direction.allCases, [1, 2, 4, 8])
    func streak(direction: Direction, width: Int) throws {
        let page = try ScannerFormatTests.sheet(dpi: 300, seed: 61)
        let template = try TestPages.template("is03-2023")
        let reader = try SheetReader(templates: TestPages.allTemplates())
        let clean = reader.read(page: page.image, source: PageSource(file: "streak.png", page: 0, sha256: "clean"))
        try ScannerFormatTests.expectRead(clean, page, "clean")

        var image = page.image
        let vertical = direction == .alongFeed
        for position in Self.busiestLines(clean, template: template, vertical: vertical, count: 3) {
            for offset in 0..<width {
                let at = position + offset - width / 2
                if vertical {
                    for y in 0..<image.height where at >= 0 && at < image.width { image[at, y] = 45 }
                } else {
                    for x in 0..<image.width where at >= 0 && at < image.height { image[x, at] = 45 }
                }
            }
        }
        let streaked = reader.read(page: image, source: PageSource(file: "streak.png", page: 0, sha256: "streaked"))
        #expect(streaked.pageClass == .sheet, "\(streaked.classReason ?? "")")
        let score = ScannerFormatTests.markScore(streaked, truth: page.truth, template: template)
        #expect(score.silent.isEmpty, "\(direction) \(width) px: \(score.silent)")
    }
}
