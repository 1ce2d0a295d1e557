import Foundation
import IS03Core
import IS03Render
import IS03TestSupport
import IS03Vision
import Testing

/// Multi-page image PDFs as scanner software writes them: each page's embedded scan image is
/// taken out as stored (JPEG bytes, CCITT fax data, raw samples), never rendered, and read like
/// any scan; pages that hold no single scan fail on their own, naming file and page.
@Suite("Scanner PDF input")
struct ScannerPDFTests {
    typealias Sheet = ScannerFormatTests

    /// A synthetic sheet's JPEG bytes (as a scanner's JPEG page).
    static func jpeg(_ image: GrayImage) throws -> [UInt8] {
        let url = try TestPages.temporaryDirectory().appendingPathComponent("page.jpg")
        try ImageWriter.write(image, to: url, format: .jpeg, jpegQuality: 88)
        return [UInt8](try Data(contentsOf: url))
    }

    static func dct(_ image: GrayImage, _ bytes: [UInt8]) -> MinimalPDF.Page {
        .scan(MinimalPDF.Image(dictionary: "/Width \(image.width) /Height \(image.height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                               data: bytes), width: MinimalPDF.a4.width, height: MinimalPDF.a4.height)
    }

    static func write(_ pages: [MinimalPDF.Page], _ name: String) throws -> URL {
        let url = try TestPages.temporaryDirectory().appendingPathComponent(name)
        try Data(MinimalPDF.document(pages)).write(to: url)
        return url
    }

    @Test("JPEG pages of a multi-page PDF are the JPEGs' own pixels and read as the right sheets")
    func jpegPages() throws {
        let pages = [try Sheet.sheet(dpi: 300, seed: 71), try Sheet.sheet(dpi: 200, seed: 72, sideways: 1),
                     try Sheet.sheet(dpi: 300, seed: 73, upsideDown: 1)]
        let jpegs = try pages.map { try Self.jpeg($0.image) }
        let url = try Self.write(zip(pages, jpegs).map { Self.dct($0.image, $1) }, "scanner.pdf")
        let file = try ScanFile(url: url)
        #expect(file.pageCount == 3 && file.header.format == .pdf)
        for index in [2, 0, 1] {
            let alone = try TestPages.temporaryDirectory().appendingPathComponent("alone.jpg")
            try Data(jpegs[index]).write(to: alone)
            #expect(try file.decode(page: index) == (try ScanFile(url: alone).decode(page: 0)), "page \(index + 1)")
            // A PDF page's provenance hash is the hash of its image stream: the JPEG file.
            #expect(file.sha256(page: index) == SHA256.hex(jpegs[index]))
        }
        let readings = try SheetReader(templates: TestPages.allTemplates()).read(fileAt: url)
        #expect(readings.map(\.source.page) == [0, 1, 2])
        for (reading, page) in zip(readings, pages) { try Sheet.expectRead(reading, page, "PDF JPEG \(page.truth.dpi) dpi") }
    }

    @Test("A 1-bit page as CCITT G4 (plain and as an image mask) and as raw inverted samples decodes bit for bit")
    func bilevelPages() throws {
        let page = try Sheet.sheet(dpi: 300, seed: 74)
        let (w, h) = (page.image.width, page.image.height)
        let tiff = try TestPages.temporaryDirectory().appendingPathComponent("g4.tif")
        try ScannerTIFF(encoding: .g4, threshold: 170).write([page.image], to: tiff)
        let tiffBytes = [UInt8](try Data(contentsOf: tiff))
        let strip = try #require(try ImageHeader.read(tiffBytes).pages[0].dataRanges.first)
        let fax = Array(tiffBytes[strip])
        let parms = "/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns \(w) /Rows \(h) >>"
        // Raw 1-bit rows with 1 = black, which /Decode [1 0] turns back to black.
        let rowBytes = (w + 7) / 8
        var packed = [UInt8](repeating: 0, count: rowBytes * h)
        for y in 0..<h { for x in 0..<w where page.image.pixels[y * w + x] < 170 { packed[y * rowBytes + x / 8] |= UInt8(0x80 >> (x % 8)) } }
        let size = (width: MinimalPDF.a4.width, height: MinimalPDF.a4.height)
        let url = try Self.write([
            .scan(.init(dictionary: "/Width \(w) /Height \(h) /ColorSpace /DeviceGray /BitsPerComponent 1 \(parms)", data: fax), width: size.width, height: size.height),
            .scan(.init(dictionary: "/Width \(w) /Height \(h) /ImageMask true \(parms)", data: fax), width: size.width, height: size.height),
            .scan(.init(dictionary: "/Width \(w) /Height \(h) /ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0]", data: packed),
                  width: size.width, height: size.height),
        ], "bilevel.pdf")
        let file = try ScanFile(url: url)
        let expected = page.image.pixels.map { $0 < 170 ? UInt8(0) : 255 }
        for index in 0..<3 { #expect(try file.decode(page: index).pixels == expected, "page \(index + 1)") }
        try Sheet.expectRead(try SheetReader(templates: TestPages.allTemplates()).read(fileAt: url)[0], page, "PDF CCITT G4")
    }

    @Test("Flate grey, a Flate image mask with /Decode [1 0], an Indexed and a RunLength RGB page decode to their samples")
    func storedPixelKinds() throws {
        // The image fuzz target's PDF seed, written by a script with zlib (Fuzz/corpus/image).
        let url = RepositoryPaths.root.appendingPathComponent("Fuzz/corpus/image/scanner-pages.pdf")
        let file = try ScanFile(url: url)
        #expect(file.pageCount == 4)
        let grey = try file.decode(page: 0)
        #expect(grey.width == 100 && grey.height == 120)
        var expectedGrey: [UInt8] = [], expectedMask: [UInt8] = [], expectedIndexed: [UInt8] = []
        for y in 0..<120 {
            for x in 0..<100 {
                expectedGrey.append(UInt8((x * 3 + y * 5) % 256))
                // Mask rows: bytes alternate 0xAA and 0x00; with /Decode [1 0] a set bit paints black.
                let byte = ((y / 8 + x / 8) % 2) * 0xAA
                expectedMask.append((byte >> (7 - x % 8)) & 1 == 1 ? 0 : 255)
            }
        }
        for y in 0..<60 { for x in 0..<50 { expectedIndexed.append((x + y) % 2 == 0 ? 0 : 255) } }
        #expect(grey.pixels == expectedGrey)
        #expect(try file.decode(page: 1).pixels == expectedMask)
        #expect(try file.decode(page: 2).pixels == expectedIndexed)
        let rgb = try file.decode(page: 3)
        var worst = 0.0
        for y in 0..<60 {
            for x in 0..<50 {
                let c = (0..<3).map { Double((3 * x + $0 + y) % 256) }
                worst = max(worst, abs(Double(rgb.pixels[y * 50 + x]) - (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2])))
            }
        }
        #expect(worst <= 1, "RGB to grey: worst error \(worst)")
    }

    @Test("Pages with no single scan fail naming file and page; the file's scan pages still read")
    func pagesWithoutAScan() throws {
        let good = try Sheet.sheet(dpi: 300, seed: 75)
        let scan = Self.dct(good.image, try Self.jpeg(good.image))
        let tiny = MinimalPDF.Image(dictionary: "/Width 40 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8", data: [UInt8](repeating: 90, count: 800))
        let url = try Self.write([
            .vector(MinimalPDF.textPage, width: MinimalPDF.a4.width, height: MinimalPDF.a4.height),
            scan,
            .images([tiny, tiny], width: MinimalPDF.a4.width, height: MinimalPDF.a4.height),
            .scan(tiny, width: MinimalPDF.a4.width, height: MinimalPDF.a4.height),
        ], "mixed.pdf")
        let file = try ScanFile(url: url)
        #expect(file.pageCount == 4)
        for (index, phrase) in [(0, "no image (text or drawing only)"), (2, "2 images"), (3, "too small to be a scan")] {
            #expect {
                _ = try file.decode(page: index)
            } throws: { error in
                guard let error = error as? ScanInputError else { return false }
                let text = error.description
                return error.code == .noScannedImage && error.page == index && text.contains("mixed.pdf, page \(index + 1)")
                    && text.contains("no scanned image") && text.contains(phrase) && text.contains("export the scan as images")
            }
        }
        let readings = try SheetReader(templates: TestPages.allTemplates()).read(fileAt: url)
        #expect(readings.count == 4)
        try Sheet.expectRead(readings[1], good, "the scan page among others")
        for index in [0, 2, 3] {
            #expect(readings[index].pageClass == .unreadable && readings[index].classReason?.contains("page \(index + 1)") == true)
        }
        // Each failed page keeps its own provenance hash.
        #expect(Set((0..<4).map { file.sha256(page: $0) }).count == 4)
    }

    @Test("A truncated PDF, a text-only PDF and an over-inflating image give clear errors, nothing decoded beyond its size")
    func hostileFiles() throws {
        let sheets = [try Sheet.sheet(dpi: 200, seed: 76), try Sheet.sheet(dpi: 200, seed: 77)]
        let whole = MinimalPDF.document(try sheets.map { Self.dct($0.image, try Self.jpeg($0.image)) })
        let dir = try TestPages.temporaryDirectory()
        let truncated = dir.appendingPathComponent("truncated.pdf")
        try Data(whole.prefix(whole.count * 3 / 4)).write(to: truncated)
        // Cut inside page 2's image: its trailer is gone, the catalog (written first) is not, so
        // page 1 is read and page 2 fails as missing, naming itself.
        let cut = try ScanFile(url: truncated)
        #expect(cut.pageCount == 2)
        let firstAlone = try Self.write([Self.dct(sheets[0].image, try Self.jpeg(sheets[0].image))], "first.pdf")
        let survivor = try cut.decode(page: 0)
        #expect(survivor == (try ScanFile(url: firstAlone).decode(page: 0)))
        #expect {
            _ = try cut.decode(page: 1)
        } throws: { error in
            "\(error)".contains("truncated.pdf, page 2: the page's objects are missing (the file is cut short")
        }
        // Cut before any page survives whole: the file fails as a whole, named.
        let stub = dir.appendingPathComponent("stub.pdf")
        try Data(whole.prefix(40)).write(to: stub)
        #expect {
            _ = try ScanFile(url: stub)
        } throws: { error in
            "\(error)".contains("stub.pdf: the PDF cannot be read")
        }

        let text = dir.appendingPathComponent("letter.pdf")
        try Data(MinimalPDF.document([.vector(MinimalPDF.textPage, width: 595, height: 842)])).write(to: text)
        let reading = try SheetReader(templates: TestPages.allTemplates()).read(fileAt: text)
        #expect(reading.count == 1 && reading[0].pageClass == .unreadable)
        #expect(reading[0].classReason?.contains("letter.pdf, page 1: the page has no scanned image") == true, "\(reading[0].classReason ?? "")")

        // RunLength data inflating to 100× the declared 100 × 100 px: refused while streaming.
        let runs = [UInt8]((0..<8_000).flatMap { _ in [UInt8(129), 200] }) + [128]
        let bomb = dir.appendingPathComponent("bomb.pdf")
        try Data(MinimalPDF.document([.scan(.init(dictionary: "/Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode",
                                                  data: runs), width: 100, height: 100)])).write(to: bomb)
        #expect {
            _ = try ScanFile(url: bomb).decode(page: 0)
        } throws: { error in
            "\(error)".contains("bomb.pdf, page 1") && "\(error)".contains("more than its declared size")
        }
        // An image declared beyond the limits is refused from its dictionary.
        let huge = dir.appendingPathComponent("huge.pdf")
        try Data(MinimalPDF.document([.scan(.init(dictionary: "/Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                                                  data: [0x78, 0x9C]), width: 595, height: 842)])).write(to: huge)
        #expect {
            _ = try ScanFile(url: huge).decode(page: 0)
        } throws: { error in
            (error as? ScanInputError)?.code == .tooLarge && "\(error)".contains("huge.pdf, page 1") && "\(error)".contains("100000")
        }
    }
}
