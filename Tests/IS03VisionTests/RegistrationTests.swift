import Foundation
import IS03Core
import IS03Vision
import Testing

@Suite("Registration and page classes")
struct RegistrationTests {

    private func read(_ image: GrayImage) throws -> SheetReading {
        // One reader per test: a SheetReader is not shared across threads.
        let reader = try SheetReader(templates: TestPages.allTemplates())
        return reader.read(page: image, source: PageSource(file: "memory", page: 0, sha256: ""))
    }

    @Test("Both templates are recognised in every quarter turn, with the QR where there is one",
          arguments: ["is03-2023", "is03-2018"], [0, 1, 2, 3])
    func quarterTurns(templateID: String, turns: Int) throws {
        let template = try TestPages.template(templateID)
        let page = TestPages.turned(try TestPages.blankForm(template, dpi: 150), quarterTurns: turns)
        let reading = try read(page)
        #expect(reading.pageClass == .sheet, "\(reading.classReason ?? "")")
        #expect(reading.templateID == templateID)
        #expect(reading.orientation == turns * 90)
        if template.qr != nil { #expect(reading.qr?.serial == "000042") }
        #expect((reading.registrationResidualMM ?? 9) < 0.5)
    }

    @Test("Skew up to ±10° is corrected", arguments: [-10.0, -4.5, 3.0, 10.0])
    func skew(degrees: Double) throws {
        let template = try TestPages.template("is03-2023")
        var page = try TestPages.blankForm(template, dpi: 200)
        TestPages.mark(&page, template, field: "crit.П1", value: "2", dpi: 200)
        let reading = try read(try page.rotated(degrees: degrees))
        #expect(reading.pageClass == .sheet, "\(reading.classReason ?? "")")
        #expect(reading.orientation == 0)
        #expect((reading.registrationResidualMM ?? 9) < 0.5)
        #expect(reading.field("crit.П1")?.value == "2")
        #expect(reading.field("crit.П1")?.status == .ok)
    }

    @Test("A page without ink is blank")
    func blankPage() throws {
        var page = GrayImage(width: 1240, height: 1754, fill: 246)
        var random = SplitMix(seed: 7)
        for i in page.pixels.indices { page.pixels[i] = UInt8(Int(page.pixels[i]) - Int(random.next() % 9)) }
        let reading = try read(page)
        #expect(reading.pageClass == .blank, "\(reading.classReason ?? "")")
    }

    @Test("A page of text and boxes without registration marks is foreign")
    func foreignPage() throws {
        var page = GrayImage(width: 1240, height: 1754)
        for row in 0..<40 {
            for word in 0..<8 {
                let x = 100.0 + Double(word) * 130, y = 120.0 + Double(row) * 38
                TestPages.line(&page, x, y, x + 90 + Double((row * 7 + word * 13) % 30), y, width: 9)
            }
        }
        let reading = try read(page)
        #expect(reading.pageClass == .foreign, "\(reading.classReason ?? "")")
        #expect(reading.templateID == nil)
    }

    @Test("Corner squares without the orientation cue and bubbles are not taken for a sheet")
    func squaresWithoutForm() throws {
        var page = GrayImage(width: 1240, height: 1754)
        let s = 150.0 / 25.4
        for (x, y) in [(8.0, 8.0), (195.0, 8.0), (8.0, 282.0), (195.0, 282.0)] {
            for py in Int(y * s)..<Int((y + 7) * s) { for px in Int(x * s)..<Int((x + 7) * s) { page[px, py] = 0 } }
        }
        let reading = try read(page)
        #expect(reading.pageClass == .foreign, "\(reading.classReason ?? "")")
    }

    @Test("A sheet with a torn-off corner mark is read from the other three and the cue, and says so")
    func missingMark() throws {
        let template = try TestPages.template("is03-2023")
        var page = try TestPages.blankForm(template, dpi: 150)
        let s = 150.0 / 25.4
        for py in Int(280 * s)..<page.height { for px in Int(190 * s)..<page.width { page[px, py] = 255 } }
        let reading = try read(page)
        #expect(reading.pageClass == .sheet, "\(reading.classReason ?? "")")
        #expect(reading.templateID == "is03-2023" && reading.orientation == 0)
        #expect(reading.classReason?.contains("bottom-right registration mark is missing") == true)
        #expect((reading.registrationResidualMM ?? 9) < 0.5)
        // Turned upside down, the missing mark is the top-left one; the cue still orients it.
        let turned = GrayImage(width: page.width, height: page.height, pixels: page.pixels.reversed())
        let upsideDown = try read(turned)
        #expect(upsideDown.pageClass == .sheet && upsideDown.orientation == 180, "\(upsideDown.classReason ?? "")")
        #expect(upsideDown.classReason?.contains("top-left") == true)
    }

    /// An empty page under a lamp: light on one side, dark on the other, with scanner noise —
    /// what heavy scans of blank pages look like.
    static func unevenlyLitEmptyPage() -> GrayImage {
        var page = GrayImage(width: 1240, height: 1754)
        var noise = SplitMix(seed: 7)
        for y in 0..<page.height {
            for x in 0..<page.width {
                let lamp = 178 + 57 * Double(x) / Double(page.width) + 6 * Double(y) / Double(page.height)
                page[x, y] = UInt8(max(0, min(255, lamp + Double(noise.next() % 21) - 10)))
            }
        }
        return page
    }

    @Test("An empty page lit unevenly is blank; a few faint pencil lines on it are not")
    func unevenlyLitBlankPage() throws {
        var page = Self.unevenlyLitEmptyPage()
        let blank = try read(page)
        #expect(blank.pageClass == .blank, "\(blank.classReason ?? "")")
        // Pencil, 70 grey levels under the paper around it, on the dark side of the page.
        for line in 0..<8 {
            for x in 100..<700 { for dy in 0..<3 { page[x, 400 + line * 90 + dy] = UInt8(max(0, Int(page[x, 400 + line * 90 + dy]) - 70)) } }
        }
        let written = try read(page)
        #expect(written.pageClass == .foreign, "\(written.classReason ?? "")")
    }

    @Test("Three corner squares without the cue and the bubbles are not taken for a sheet")
    func threeSquaresWithoutForm() throws {
        var page = GrayImage(width: 1240, height: 1754)
        for i in page.pixels.indices { page.pixels[i] = 255 }
        let s = 150.0 / 25.4
        for (x, y) in [(8.0, 8.0), (195.0, 8.0), (8.0, 282.0)] {
            for py in Int(y * s)..<Int((y + 7) * s) { for px in Int(x * s)..<Int((x + 7) * s) { page[px, py] = 0 } }
        }
        // Some text-like ink so the page is not blank.
        for row in 0..<30 { for px in 200..<1000 where (px / 7) % 3 != 0 { page[px, 300 + row * 40] = 0 } }
        let reading = try read(page)
        #expect(reading.pageClass != .sheet, "\(reading.classReason ?? "")")
    }
}

/// A tiny deterministic generator for test noise.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
