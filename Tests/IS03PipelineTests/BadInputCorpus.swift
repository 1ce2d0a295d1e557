import Foundation
import IS03Core
import IS03Render
import IS03TestSupport

/// A packet of hostile scan files mixed with good sheets, generated at test time (the images
/// are megabytes; nothing large is committed), with what the pipeline must make of each page.
///
/// Every damaged file is cut from a *non-sheet* page, so that if a decoder ever accepted one it
/// could not pose as a second sheet of a good participant and hide a real failure.
enum BadInputCorpus {
    /// What the pipeline must do with one page of the corpus.
    enum Expectation: Sendable, Equatable {
        /// A good sheet: read, matched to its participant, stored.
        case goodSheet
        /// A damaged sheet (turned, torn, corrupt bytes): either read right wherever it is not
        /// flagged for review, or sent to review as a whole; never a silently wrong value.
        case readRightOrReviewed
        /// Not an ИС-03 sheet of this run: stored as blank, foreign or unreadable; no result.
        case notASheet
        /// The page fails with a reason that names the file and contains `phrase`.
        case failed(phrase: String)
    }

    /// One page of the corpus.
    struct Page: Sendable {
        var file: String
        var page: Int
        var expectation: Expectation
        /// The truth when the page is a generated sheet.
        var truth: SheetTruth?
    }

    struct Built: Sendable {
        var folder: URL
        var participants: URL
        var pages: [Page]
        /// Rows of the participant list that must be reported, by one-based line.
        var badListLines: [Int]
    }

    /// Writes the corpus into `root/vdp-hostile` and its participant list into `root`.
    static func build(in root: URL) throws -> Built {
        let folder = root.appendingPathComponent("vdp-hostile")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
        var options = SyntheticPacketOptions()
        options.blankPages = 1
        options.foreignPages = 3  // text, table, another form
        let generator = SyntheticPacketGenerator(template: template, seed: 8080, level: .clean, count: 8, options: options)
        let generated = try generator.pages()
        let sheets = generated.filter { $0.truth.pageClass == .sheet }
        let others = generated.filter { $0.truth.pageClass != .sheet }
        var pages: [Page] = []

        func write(_ image: GrayImage, _ name: String, _ format: ImageFormat, _ expectation: Expectation, truth: SheetTruth? = nil) throws {
            try ImageWriter.write(image, to: folder.appendingPathComponent(name), format: format)
            pages.append(Page(file: name, page: 0, expectation: expectation, truth: truth))
        }
        func raw(_ bytes: [UInt8], _ name: String, _ expectation: Expectation) throws {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
            pages.append(Page(file: name, page: 0, expectation: expectation))
        }

        // Good sheets, in both formats scanning stations write.
        try write(sheets[0].image, "a-good-1.jpg", .jpeg, .goodSheet, truth: sheets[0].truth)
        try write(sheets[1].image, "a-good-2.png", .png, .goodSheet, truth: sheets[1].truth)
        try write(sheets[2].image, "a-good-3.jpg", .jpeg, .goodSheet, truth: sheets[2].truth)
        // Damaged sheets.
        try write(turnedHalfway(sheets[3].image), "b-upside-down.png", .png, .readRightOrReviewed, truth: sheets[3].truth)
        try write(tornCorner(sheets[4].image, template: template), "b-torn-corner.png", .png, .readRightOrReviewed, truth: sheets[4].truth)
        try write(sheets[5].image, "b-corrupt-source.jpg", .jpeg, .readRightOrReviewed, truth: sheets[5].truth)
        let corruptJPEG = try overwriteMiddle(of: folder.appendingPathComponent("b-corrupt-source.jpg"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("b-corrupt-source.jpg"))
        pages.removeLast()
        try Data(corruptJPEG).write(to: folder.appendingPathComponent("b-corrupt.jpg"))
        pages.append(Page(file: "b-corrupt.jpg", page: 0, expectation: .readRightOrReviewed, truth: sheets[5].truth))
        // A two-page TIFF whose second page's compressed data is garbage: the first page is read.
        let tiff = folder.appendingPathComponent("c-two-pages-one-broken.tif")
        try ImageWriter.writeMultipageTIFF([sheets[6].image, others[0].image], to: tiff)
        try Data(breakSecondTIFFPage(try Data(contentsOf: tiff))).write(to: tiff)
        pages.append(Page(file: tiff.lastPathComponent, page: 0, expectation: .goodSheet, truth: sheets[6].truth))
        pages.append(Page(file: tiff.lastPathComponent, page: 1, expectation: .failed(phrase: "page 2")))
        // A scanner's PDF: a good sheet as a JPEG page, then a page of text with no scan on it.
        let sheetJPEG = root.appendingPathComponent("pdf-page.jpg")
        try ImageWriter.write(sheets[7].image, to: sheetJPEG, format: .jpeg)
        let scanPDF = MinimalPDF.document([
            .scan(MinimalPDF.Image(dictionary: "/Width \(sheets[7].image.width) /Height \(sheets[7].image.height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                                   data: [UInt8](try Data(contentsOf: sheetJPEG))), width: MinimalPDF.a4.width, height: MinimalPDF.a4.height),
            .vector(MinimalPDF.textPage, width: MinimalPDF.a4.width, height: MinimalPDF.a4.height),
        ])
        try Data(scanPDF).write(to: folder.appendingPathComponent("c-scanner.pdf"))
        pages.append(Page(file: "c-scanner.pdf", page: 0, expectation: .goodSheet, truth: sheets[7].truth))
        pages.append(Page(file: "c-scanner.pdf", page: 1, expectation: .failed(phrase: "page 2: the page has no scanned image")))

        // Pages that are not sheets of this run.
        for (index, page) in others.enumerated() {
            try write(page.image, "d-\(page.truth.pageClass.rawValue)-\(page.truth.foreignKind ?? "page")-\(index).png", .png, .notASheet)
        }
        let older = try Template.load(id: "is03-2018", in: RepositoryPaths.templates)
        let olderSheet = try SyntheticPacketGenerator(template: older, seed: 77, level: .clean, count: 1).page(at: 0).image
        try write(olderSheet, "d-form-2018.png", .png, .notASheet)
        try write(photoLike(width: 1240, height: 1754, seed: 5), "d-photo.jpg", .jpeg, .notASheet)
        try write(GrayImage(width: 2480, height: 3508, fill: 247), "d-blank-grey.png", .png, .notASheet)

        // Bytes that are not a usable image at all, cut from a foreign page.
        let source = folder.appendingPathComponent("d-\(others[1].truth.pageClass.rawValue)-\(others[1].truth.foreignKind ?? "page")-1.png")
        let png = [UInt8](try Data(contentsOf: source))
        let jpegURL = root.appendingPathComponent("source.jpg"), tiffURL = root.appendingPathComponent("source.tif")
        try ImageWriter.write(others[1].image, to: jpegURL, format: .jpeg)
        try ImageWriter.write(others[1].image, to: tiffURL, format: .tiff)
        let jpeg = [UInt8](try Data(contentsOf: jpegURL)), tif = [UInt8](try Data(contentsOf: tiffURL))
        try raw([], "e-zero-bytes.png", .failed(phrase: "empty"))
        try raw([], "e-zero-bytes.tif", .failed(phrase: "empty"))
        try raw(Array(png.prefix(png.count / 2)), "e-truncated.png", .failed(phrase: "truncated"))
        try raw(Array(jpeg.prefix(jpeg.count / 2)), "e-truncated.jpg", .failed(phrase: "truncated"))
        try raw(Array(tif.prefix(tif.count / 2)), "e-truncated.tif", .failed(phrase: "truncated"))
        try raw(corruptPNG(png), "e-corrupt.png", .failed(phrase: "could not be decoded"))
        try raw(tiffClaiming(width: 100_000, height: 100_000), "e-huge-header.tif", .failed(phrase: "100000"))
        // A PDF is known by its bytes, whatever its name: this one has no pages at all.
        try raw(Array(pdf.utf8), "e-a-pdf.png", .failed(phrase: "PDF"))
        // A PDF cut short, and one whose only image inflates far past its declared size.
        let foreignPDF = MinimalPDF.document([
            .scan(MinimalPDF.Image(dictionary: "/Width \(others[1].image.width) /Height \(others[1].image.height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                                   data: jpeg), width: MinimalPDF.a4.width, height: MinimalPDF.a4.height),
        ])
        try raw(Array(foreignPDF.prefix(foreignPDF.count / 2)), "e-truncated.pdf", .failed(phrase: "e-truncated.pdf"))
        let runs = [UInt8]((0..<8_000).flatMap { _ in [UInt8(129), 200] }) + [128]
        try raw(MinimalPDF.document([.scan(MinimalPDF.Image(dictionary: "/Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode",
                                                            data: runs), width: 100, height: 100)]),
                "e-inflating.pdf", .failed(phrase: "more than its declared size"))

        // The participant list: the generated one plus rows a careless export produces.
        var list = ParticipantCSV.encode(generator.participants)
        let lines = list.split(separator: "\n").count
        let first = generator.participants[0]
        list += "P-SHORT;Петров\n"  // too few columns
        list += "\(first.id);Самозванцев;Иван;;9А;;;37;012;370045;0101;standard;2023-02-08\n"  // duplicate id
        list += "P-DATE;Сидоров;Иван;;9А;;;37;012;370045;0101;standard;вчера\n"  // malformed date
        let listURL = root.appendingPathComponent("participants.csv")
        try list.write(to: listURL, atomically: true, encoding: .utf8)
        return Built(folder: folder, participants: listURL, pages: pages, badListLines: [lines + 1, lines + 2, lines + 3])
    }

    // MARK: Damage

    static func turnedHalfway(_ image: GrayImage) -> GrayImage {
        GrayImage(width: image.width, height: image.height, pixels: image.pixels.reversed())
    }

    /// The bottom-right corner torn off along a diagonal 40 mm from the corner: the corner mark
    /// is gone and the scanner lid shows through (white).
    static func tornCorner(_ image: GrayImage, template: Template) -> GrayImage {
        var torn = image
        let pxPerMM = Double(image.width) / template.page.width
        let leg = Int(40 * pxPerMM)
        for y in max(0, image.height - leg)..<image.height {
            for x in max(0, image.width - leg)..<image.width
            where (image.width - x) + (image.height - y) <= leg {
                torn.pixels[y * image.width + x] = 255
            }
        }
        return torn
    }

    /// The file's bytes with 512 bytes in the middle replaced by a fixed pseudo-random pattern.
    static func overwriteMiddle(of url: URL) throws -> [UInt8] {
        var bytes = [UInt8](try Data(contentsOf: url))
        var rng = SeededRandom(seed: 3, stream: "corrupt")
        let start = bytes.count / 2
        for i in start..<min(bytes.count - 4, start + 512) { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        return bytes
    }

    /// A PNG with its image data scrambled but its size and chunks intact: only the decoder
    /// can tell (zlib stream and CRC no longer agree).
    static func corruptPNG(_ png: [UInt8]) -> [UInt8] {
        var bytes = png
        var rng = SeededRandom(seed: 4, stream: "png")
        for i in 200..<min(bytes.count - 100, 4200) { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        return bytes
    }

    /// Scrambles the compressed strips of the second page of a two-page little-endian TIFF
    /// (the first page's bytes stay as they are).
    static func breakSecondTIFFPage(_ data: Data) throws -> [UInt8] {
        var b = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard b.starts(with: [0x49, 0x49, 0x2A, 0x00]) else { throw CorpusError("expected a little-endian TIFF") }
        let first = u32(4)
        let second = u32(first + 2 + 12 * u16(first))
        guard second != 0 else { throw CorpusError("the TIFF has one page") }
        var offsets: [Int] = [], counts: [Int] = []
        for e in 0..<u16(second) {
            let entry = second + 2 + 12 * e
            let tag = u16(entry), type = u16(entry + 2), count = u32(entry + 4)
            guard tag == 273 || tag == 279 else { continue }
            let width = type == 3 ? 2 : 4
            let base = count * width <= 4 ? entry + 8 : u32(entry + 8)
            let values = (0..<count).map { width == 2 ? u16(base + 2 * $0) : u32(base + 4 * $0) }
            if tag == 273 { offsets = values } else { counts = values }
        }
        var rng = SeededRandom(seed: 6, stream: "tiff")
        for (offset, count) in zip(offsets, counts) {
            for i in offset..<(offset + count) { b[i] = UInt8.random(in: 0...255, using: &rng) }
        }
        return b
    }

    /// A minimal uncompressed grey TIFF whose header declares `width` × `height` pixels but
    /// which carries 16 bytes of data: a decompression bomb if a decoder believed it.
    static func tiffClaiming(width: Int, height: Int) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16) }
        let entries: [(tag: Int, type: Int, value: Int)] = [
            (256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
            (273, 4, 8 + 2 + 12 * 9 + 4), (277, 3, 1), (278, 4, height), (279, 4, 16),
        ]
        var out: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + u32(8) + u16(entries.count)
        for entry in entries {
            out += u16(entry.tag) + u16(entry.type) + u32(1)
            out += entry.type == 3 ? u16(entry.value) + [0, 0] : u32(entry.value)
        }
        return out + u32(0) + [UInt8](repeating: 0x80, count: 16)
    }

    /// A photograph-like page: soft light and shadow blobs, a gradient and sensor noise, with
    /// no straight edges or squares.
    static func photoLike(width: Int, height: Int, seed: UInt64) -> GrayImage {
        var rng = SeededRandom(seed: seed, stream: "photo")
        let blobs = (0..<8).map { _ in
            (x: Double.random(in: 0..<Double(width), using: &rng), y: Double.random(in: 0..<Double(height), using: &rng),
             r: Double.random(in: 150...700, using: &rng), a: Double.random(in: -110...90, using: &rng))
        }
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                var v = 120 + 60 * Double(y) / Double(height)
                for blob in blobs {
                    let dx = Double(x) - blob.x, dy = Double(y) - blob.y
                    v += blob.a * exp(-(dx * dx + dy * dy) / (2 * blob.r * blob.r))
                }
                v += Double(Int.random(in: -12...12, using: &rng))
                image.pixels[y * width + x] = UInt8(max(0, min(255, v)))
            }
        }
        return image
    }

    static let pdf = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """
}

struct CorpusError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
