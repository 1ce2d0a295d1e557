import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// TIFF as scanners write it (grey LZW, colour RGB and JPEG-in-TIFF, 1-bit CCITT Group 4,
/// many pages, 150 to 600 dpi, turned pages), decoded and then read through `SheetReader` on
/// filled synthetic sheets whose truth is known.
@Suite("Scanner TIFF formats")
struct ScannerFormatTests {
    /// One filled, lightly degraded synthetic sheet scanned at `dpi`, turned as the shares say.
    static func sheet(dpi: Double, seed: UInt64, upsideDown: Double = 0, sideways: Double = 0) throws -> SyntheticPage {
        var options = SyntheticPacketOptions()
        options.blankPages = 0
        options.foreignPages = 0
        options.scan = ScanProfile(dpiChoices: [dpi], maxSkew: 1.5, maxOffset: 2, upsideDownShare: upsideDown,
                                   sidewaysShare: sideways, noise: 2...3, blur: 0...0, jpegShare: 0, jpegQuality: 90...90,
                                   lighting: 0.95...1, bleedShare: 0, bleedStrength: 0...0, paper: 240...248, ink: 10...25)
        let generator = SyntheticPacketGenerator(template: try TestPages.template("is03-2023"), seed: seed, level: .clean,
                                                 count: 1, options: options)
        return try generator.page(at: 0)
    }

    /// Compares every mark field (choice, digits, flag) with the truth: how many were read
    /// right, and how many were wrong while claiming to be sure (silent errors).
    static func markScore(_ reading: SheetReading, truth: SheetTruth, template: Template) -> (right: Int, total: Int, silent: [String]) {
        var right = 0, total = 0, silent: [String] = []
        for expected in truth.fields {
            guard let field = template.field(expected.id), [.choice, .digits, .flag].contains(field.kind),
                  let read = reading.field(expected.id) else { continue }
            total += 1
            let value = read.status == .blank ? nil : read.value
            if value == expected.value {
                right += 1
            } else if read.status == .ok || read.status == .blank {
                silent.append("\(expected.id): read \(value ?? "blank") as sure, truth \(expected.value ?? "blank")")
            }
        }
        return (right, total, silent)
    }

    /// Asserts a page was found as the right sheet, turned the right way, marks read right.
    static func expectRead(_ reading: SheetReading, _ page: SyntheticPage, _ label: String) throws {
        let template = try TestPages.template("is03-2023")
        #expect(reading.pageClass == .sheet, "\(label): \(reading.classReason ?? "")")
        #expect(reading.orientation == page.truth.orientation, "\(label)")
        let score = markScore(reading, truth: page.truth, template: template)
        #expect(score.total > 20, "\(label)")
        #expect(score.silent.isEmpty, "\(label): \(score.silent)")
        #expect(score.right * 100 >= score.total * 85, "\(label): \(score.right) of \(score.total) mark fields right")
    }

    @Test("A multi-page grey TIFF (LZW) decodes pixel for pixel, in any order, and its sheets read right")
    func greyMultipage() throws {
        let pages = [try Self.sheet(dpi: 150, seed: 31), try Self.sheet(dpi: 300, seed: 32, sideways: 1),
                     try Self.sheet(dpi: 200, seed: 33, upsideDown: 1)]
        let url = try TestPages.temporaryDirectory().appendingPathComponent("grey.tif")
        try ScannerTIFF(encoding: .lzw).write(pages.map(\.image), to: url)
        let file = try ScanFile(url: url)
        #expect(file.pageCount == 3)
        // Out of order first (seeks), then in order (steps): the same pixels either way.
        for index in [2, 0, 1, 2] {
            let decoded = try file.decode(page: index)
            #expect(decoded == pages[index].image, "page \(index + 1)")
        }
        let readings = try SheetReader(templates: TestPages.allTemplates()).read(fileAt: url)
        #expect(readings.map(\.source.page) == [0, 1, 2])
        for (reading, page) in zip(readings, pages) { try Self.expectRead(reading, page, "grey \(page.truth.dpi) dpi") }
        #expect(Set(readings.map(\.source.sha256)).count == 3)
    }

    @Test("Colour TIFF (RGB LZW and YCbCr JPEG-in-TIFF) turns grey the way OpenCV would, and reads right")
    func colour() throws {
        let page = try Self.sheet(dpi: 200, seed: 41, upsideDown: 1)
        let dir = try TestPages.temporaryDirectory()
        let reader = try SheetReader(templates: TestPages.allTemplates())
        for encoding in [ScannerTIFF.Encoding.lzw, .jpeg] {
            let url = dir.appendingPathComponent("colour-\(encoding).tif")
            try ScannerTIFF(encoding: encoding, colour: true).write([page.image], to: url)
            let decoded = try ScanFile(url: url).decode(page: 0)
            #expect(decoded.width == page.image.width && decoded.height == page.image.height)
            // The writer tints grey g to (R, G, B) = (g, 0.96g, 0.82g); BT.601 weights bring it to ≈ 0.93g.
            var worst = 0.0, sum = 0.0
            for (got, grey) in zip(decoded.pixels, page.image.pixels) {
                let g = Double(grey)
                let expected = 0.299 * g + 0.587 * Double(UInt8(g * 0.96)) + 0.114 * Double(UInt8(g * 0.82))
                let error = abs(Double(got) - expected)
                worst = max(worst, error); sum += error
            }
            let mean = sum / Double(decoded.pixels.count)
            if encoding == .lzw { #expect(worst <= 1, "lossless colour: worst error \(worst)") } else { #expect(mean < 3, "JPEG: mean error \(mean)") }
            try Self.expectRead(reader.read(fileAt: url)[0], page, "colour \(encoding)")
        }
    }

    // 1-bit pages at 200 dpi, which lose most of the thin rings, are in FaintAndDirtyPageTests.
    @Test("1-bit CCITT Group 4 TIFF as black-and-white scanners write it, at 300 and 600 dpi")
    func groupFour() throws {
        let low = try Self.sheet(dpi: 300, seed: 51), high = try Self.sheet(dpi: 600, seed: 52, sideways: 1)
        let url = try TestPages.temporaryDirectory().appendingPathComponent("bw-g4.tif")
        try ScannerTIFF(encoding: .g4, threshold: 170).write([low.image, high.image], to: url)
        // G4 is what makes 1-bit scans small: a 600-dpi page of a form is tens of KB.
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size < 600_000, "G4 file of \(size) bytes")
        let file = try ScanFile(url: url)
        #expect(file.pageCount == 2)
        let first = try file.decode(page: 0)
        #expect(Set(first.pixels).isSubset(of: [0, 255]))
        #expect(first.pixels == low.image.pixels.map { $0 < 170 ? 0 : 255 }, "G4 must round-trip bit for bit")
        let readings = try SheetReader(templates: TestPages.allTemplates()).read(fileAt: url)
        try Self.expectRead(readings[0], low, "G4 300 dpi")
        try Self.expectRead(readings[1], high, "G4 600 dpi")
    }

    @Test("A page whose compressed data is damaged is unreadable with file and page named; the others still read")
    func damagedPage() throws {
        let pages = [try Self.sheet(dpi: 300, seed: 61), try Self.sheet(dpi: 300, seed: 62)]
        let url = try TestPages.temporaryDirectory().appendingPathComponent("damaged.tif")
        try ScannerTIFF(encoding: .g4, threshold: 170).write(pages.map(\.image), to: url)
        // Overwrite the middle of page 2's G4 data with junk.
        let file = try ScanFile(url: url)
        guard let strip = file.header.pages[1].dataRanges.first else { Issue.record("no strip"); return }
        var bytes = [UInt8](try Data(contentsOf: url))
        let middle = strip.lowerBound + strip.count / 3
        for i in middle..<min(middle + 400, strip.upperBound) { bytes[i] = UInt8(truncatingIfNeeded: i &* 7919) }
        try Data(bytes).write(to: url)
        let readings = try SheetReader(templates: TestPages.allTemplates()).read(fileAt: url)
        #expect(readings.count == 2)
        try Self.expectRead(readings[0], pages[0], "intact page 1")
        // Damaged G4 either fails to decode (unreadable, naming file and page) or decodes to a
        // garbled page that must not pass as a confidently read sheet.
        if readings[1].pageClass == .unreadable {
            #expect(readings[1].classReason?.contains("damaged.tif") == true, "\(readings[1].classReason ?? "")")
            #expect(readings[1].classReason?.contains("page 2") == true, "\(readings[1].classReason ?? "")")
        } else {
            let score = Self.markScore(readings[1], truth: pages[1].truth, template: try TestPages.template("is03-2023"))
            #expect(score.silent.isEmpty, "\(score.silent)")
        }
    }
}
