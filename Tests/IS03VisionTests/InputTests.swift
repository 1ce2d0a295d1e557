import Foundation
import IS03Core
import IS03Vision
import Testing

@Suite("Scan input")
struct InputTests {
    @Test("SHA-256 matches the standard's test vectors")
    func sha256Vectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var hasher = SHA256()
        for _ in 0..<1000 { hasher.update([UInt8](repeating: 0x61, count: 1000)) }
        #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    private func write(_ bytes: [UInt8], name: String) throws -> URL {
        let url = try TestPages.temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test("Empty, non-image and truncated files give errors naming the file")
    func badFiles() throws {
        let template = try TestPages.template("is03-2023")
        let dir = try TestPages.temporaryDirectory()
        let png = dir.appendingPathComponent("sheet.png"), jpg = dir.appendingPathComponent("sheet.jpg")
        let page = try TestPages.blankForm(template, dpi: 100)
        try page.write(to: png)
        try page.write(to: jpg)
        let pngBytes = [UInt8](try Data(contentsOf: png)), jpgBytes = [UInt8](try Data(contentsOf: jpg))
        let cases: [(String, [UInt8], ScanInputError.Code)] = [
            ("empty.png", [], .empty),
            ("notes.png", Array("hello, not an image".utf8), .notAnImage),
            ("cut.png", Array(pngBytes.prefix(pngBytes.count / 2)), .truncated),
            ("cut.jpg", Array(jpgBytes.prefix(jpgBytes.count / 2)), .truncated),
            ("header-only.jpg", Array(jpgBytes.prefix(20)), .truncated),
        ]
        for (name, bytes, code) in cases {
            let url = try write(bytes, name: name)
            #expect(throws: ScanInputError.self) { try ScanFile(url: url) }
            do { _ = try ScanFile(url: url) } catch {
                #expect(error.code == code, "\(name): \(error)")
                #expect(error.description.contains(name))
            }
        }
        // The reader turns them into unreadable pages rather than failing.
        let reader = try SheetReader(templates: TestPages.allTemplates())
        let readings = reader.read(fileAt: try write(Array(pngBytes.prefix(500)), name: "cut2.png"))
        #expect(readings.count == 1)
        #expect(readings[0].pageClass == .unreadable)
        #expect(readings[0].classReason?.contains("cut2.png") == true)
    }

    @Test("A decompression bomb is refused from its header")
    func bomb() throws {
        // A PNG header declaring 60000 × 60000 px (3.6 Gpx) followed by an IEND chunk.
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8) + [0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 0, 0, 0, 0, 0, 0, 0, 0]
        bytes += [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
        let url = try write(bytes, name: "bomb.png")
        do {
            _ = try ScanFile(url: url)
            Issue.record("the bomb was accepted")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.description.contains("60000"))
        }
    }

    @Test("A multi-page TIFF is read page by page, each with its own hash")
    func multipageTIFF() throws {
        let template = try TestPages.template("is03-2023")
        let url = try TestPages.temporaryDirectory().appendingPathComponent("packet.tif")
        let sheet = try TestPages.blankForm(template, dpi: 150)
        try GrayImage.writeMultipageTIFF([sheet, GrayImage(width: 1240, height: 1754, fill: 250), TestPages.turned(sheet, quarterTurns: 2)], to: url)
        let file = try ScanFile(url: url)
        #expect(file.pageCount == 3)
        #expect(file.sha256(page: 0) != file.sha256(page: 1))
        #expect(file.sha256(page: 0) == file.sha256(page: 0))
        let reader = try SheetReader(templates: TestPages.allTemplates())
        let readings = reader.read(fileAt: url)
        #expect(readings.map(\.pageClass) == [.sheet, .blank, .sheet])
        #expect(readings.map(\.orientation) == [0, nil, 180])
        #expect(readings.map(\.source.page) == [0, 1, 2])
    }

    @Test("A 1-bit TIFF (black-and-white scanner output) is read")
    func oneBitTIFF() throws {
        let template = try TestPages.template("is03-2023")
        var sheet = try TestPages.blankForm(template, dpi: 200)
        TestPages.mark(&sheet, template, field: "crit.П1", value: "1", dpi: 200)
        let url = try TestPages.temporaryDirectory().appendingPathComponent("bw.tif")
        try Data(OneBitTIFF.encode(sheet, threshold: 160)).write(to: url)
        let readings = try SheetReader(templates: TestPages.allTemplates()).read(fileAt: url)
        #expect(readings.first?.pageClass == .sheet, "\(readings.first?.classReason ?? "")")
        #expect(readings.first?.field("crit.П1")?.value == "1")
    }
}

/// Writes an uncompressed 1-bit (BlackIsZero) single-strip TIFF, as simple scanners do.
enum OneBitTIFF {
    static func encode(_ image: GrayImage, threshold: UInt8) -> [UInt8] {
        let rowBytes = (image.width + 7) / 8
        var data = [UInt8](repeating: 0, count: rowBytes * image.height)
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] > threshold { data[y * rowBytes + x / 8] |= 0x80 >> UInt8(x % 8) }
        }
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        let entries: [(Int, Int, Int)] = [  // tag, type (3 short, 4 long), value
            (256, 4, image.width), (257, 4, image.height), (258, 3, 1), (259, 3, 1), (262, 3, 1),
            (273, 4, 8), (277, 3, 1), (278, 4, image.height), (279, 4, data.count),
        ]
        let ifdOffset = 8 + data.count
        var out: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + u32(ifdOffset) + data
        out += u16(entries.count)
        for (tag, type, value) in entries {
            out += u16(tag) + u16(type) + u32(1) + (type == 3 ? u16(value) + [0, 0] : u32(value))
        }
        out += u32(0)
        return out
    }
}
