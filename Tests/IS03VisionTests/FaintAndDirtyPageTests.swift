import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// No sheet lost: a sheet whose printed bubble rings are too faint for the ring probe is still
/// that template's sheet (its marks and cue say so) and is read; a blank page with scanner dirt
/// is blank; 1-bit pages, which lose the thin rings when binarised, read at 200 and 300 dpi.
@Suite("Faint sheets, dirty blank pages, 1-bit pages")
struct FaintAndDirtyPageTests {
    private func read(_ image: GrayImage) throws -> SheetReading {
        try SheetReader(templates: TestPages.allTemplates()).read(page: image, source: PageSource(file: "memory", page: 0, sha256: ""))
    }

    /// Lightens everything but near-black print a lot: the thin 50 % grey rings fade to a few
    /// grey levels under the paper (a pale print scanned at 200 dpi); marks, text and squares stay.
    static func fadedRings(_ image: GrayImage) -> GrayImage {
        GrayImage(width: image.width, height: image.height, pixels: image.pixels.map { g in
            g < 70 ? g : UInt8(255 - Int(Double(255 - Int(g)) * 0.2))
        })
    }

    @Test("A 200-dpi sheet with faint printed rings is read as a sheet, its marks read right")
    func faintSheet() throws {
        let dpi = 200.0
        let template = try TestPages.template("is03-2023")
        var page = Self.fadedRings(try TestPages.blankForm(template, dpi: dpi))
        for (column, digit) in "230208".enumerated() {
            TestPages.mark(&page, template, field: "examDate", value: String(digit), column: column, dpi: dpi)
        }
        TestPages.mark(&page, template, field: "crit.П1", value: "2", style: .light, dpi: dpi)
        TestPages.mark(&page, template, field: "crit.ИЧ", value: "1", style: .tick, dpi: dpi)
        TestPages.mark(&page, template, field: "expertTotal", value: "17", style: .cross, dpi: dpi)
        for turns in [0, 1, 2] {
            let reading = try read(TestPages.turned(page, quarterTurns: turns))
            #expect(reading.pageClass == .sheet, "\(reading.classReason ?? "")")
            #expect(reading.orientation == turns * 90)
            #expect(reading.classReason?.contains("faint") == true, "the rings must really be too faint: \(reading.classReason ?? "")")
            for (id, value) in [("examDate", "230208"), ("crit.П1", "2"), ("crit.ИЧ", "1"), ("expertTotal", "17"), ("crit.М1", nil)] {
                let field = reading.field(id)
                #expect(field?.status == (value == nil ? .blank : .ok) && field?.value == value,
                        "\(id) at \(turns * 90)°: \(String(describing: field?.status)) \(field?.value ?? "nil")")
            }
        }
    }

    @Test("A blank page with scanner dirt (a few dark specks and smudges) is blank")
    func dirtyBlankPage() throws {
        let dpi = 200.0, s = dpi / 25.4
        var page = GrayImage(width: Int(210 * s), height: Int(297 * s), fill: 244)
        var random = SplitMix(seed: 3)
        for i in page.pixels.indices { page.pixels[i] = UInt8(Int(page.pixels[i]) - Int(random.next() % 7)) }
        // Drum dirt: smudges of 2-5.5 mm, two of them near corners where marks would be, and specks.
        // Together they darken more of the page than an empty page may hold (0.2 %), so only
        // their being few and small tells dirt from a form or a printed page.
        let spots: [(x: Double, y: Double, d: Double)] = [(9, 10, 5.5), (200, 288, 5), (60, 120, 5.4), (150, 40, 5.5),
                                                          (100, 200, 5.2), (30, 250, 5.6), (140, 100, 5.5), (50, 180, 5.3),
                                                          (180, 220, 4.8), (170, 160, 0.8), (80, 60, 0.6)]
        for spot in spots { TestPages.disc(&page, spot.x * s, spot.y * s, spot.d / 2 * s, grey: 30) }
        TestPages.line(&page, 120 * s, 230 * s, 124 * s, 233 * s, width: 0.3 * s)  // a hair
        let reading = try read(page)
        #expect(reading.pageClass == .blank, "\(reading.classReason ?? "")")
        #expect(reading.classReason?.contains("dirt") == true, "\(reading.classReason ?? "")")
    }

    @Test("A page of printed text stays foreign")
    func textStaysForeign() throws {
        var options = SyntheticPacketOptions()
        options.blankPages = 0
        options.foreignPages = 3
        let generator = SyntheticPacketGenerator(template: try TestPages.template("is03-2023"), seed: 5, level: .moderate,
                                                 count: 1, options: options)
        for page in try generator.pages() where page.truth.pageClass == .foreign {
            let reading = try read(page.image)
            #expect(reading.pageClass == .foreign, "\(page.truth.foreignKind ?? ""): \(reading.classReason ?? "")")
        }
    }

    @Test("1-bit pages binarised at 200 and 300 dpi read as sheets with no silent mark error", arguments: [200.0, 300.0])
    func bilevel(dpi: Double) throws {
        let page = try ScannerFormatTests.sheet(dpi: dpi, seed: UInt64(dpi) + 80, sideways: 1)
        let url = try TestPages.temporaryDirectory().appendingPathComponent("bw-\(Int(dpi)).tif")
        try ScannerTIFF(encoding: .g4, threshold: 170).write([page.image], to: url)
        let reading = try SheetReader(templates: TestPages.allTemplates()).read(fileAt: url)[0]
        try ScannerFormatTests.expectRead(reading, page, "1-bit \(Int(dpi)) dpi")
    }
}
