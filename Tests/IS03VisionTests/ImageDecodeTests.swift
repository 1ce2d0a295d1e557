import Foundation
import IS03Core
@testable import IS03Vision
import Testing

/// PNG and JPEG pages decode straight into the image's own pixels when they are 8-bit grey of
/// the size their header gives; colour pages are turned grey, and a JPEG turned by its EXIF
/// orientation comes out turned (through the copying path). Each case is checked pixel by pixel.
@Suite("Image decoding")
struct ImageDecodeTests {
    /// A 60 × 40 grey page: a dark block in the top-left quarter on a gradient, so any turn,
    /// shift or wrong stride shows.
    static func pattern() -> GrayImage {
        var image = GrayImage(width: 60, height: 40, fill: 0)
        for y in 0..<40 {
            for x in 0..<60 { image[x, y] = x < 20 && y < 14 ? 20 : UInt8(120 + x * 2) }
        }
        return image
    }

    static func meanError(_ a: GrayImage, _ b: GrayImage) -> Double {
        zip(a.pixels, b.pixels).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(a.pixels.count)
    }

    @Test("A grey PNG decodes pixel for pixel, a grey JPEG within its compression loss")
    func grey() throws {
        let image = Self.pattern()
        let dir = try TestPages.temporaryDirectory()
        let png = dir.appendingPathComponent("grey.png"), jpg = dir.appendingPathComponent("grey.jpg")
        try image.write(to: png)
        try image.write(to: jpg, jpegQuality: 95)
        let fromPNG = try ScanFile(url: png).decode(page: 0)
        #expect(fromPNG == image)
        let fromJPEG = try ScanFile(url: jpg).decode(page: 0)
        #expect(fromJPEG.width == 60 && fromJPEG.height == 40)
        #expect(Self.meanError(fromJPEG, image) < 3)
    }

    @Test("Colour PNG and JPEG pages turn grey by OpenCV's weights")
    func colour() throws {
        var canvas = ColorCanvas(Self.pattern())        // grey g becomes 128 + g/2 in all channels
        for y in 20..<40 { for x in 30..<60 { canvas.plot(x, y, .init(b: 0, g: 0, r: 255)) } }
        let dir = try TestPages.temporaryDirectory()
        var expected = GrayImage(width: 60, height: 40, fill: 0)
        for y in 0..<40 {
            for x in 0..<60 { expected[x, y] = x >= 30 && y >= 20 ? 76 : UInt8(128 + Int(Self.pattern()[x, y]) / 2) }
        }
        for (name, tolerance) in [("colour.png", 0.6), ("colour.jpg", 4.0)] {
            let url = dir.appendingPathComponent(name)
            try canvas.write(to: url)
            let decoded = try ScanFile(url: url).decode(page: 0)
            #expect(decoded.width == 60 && decoded.height == 40, "\(name)")
            #expect(Self.meanError(decoded, expected) < tolerance, "\(name): mean error \(Self.meanError(decoded, expected))")
        }
    }

    @Test("A JPEG with EXIF orientation 6 (turned a quarter clockwise) decodes turned, as OpenCV shows it")
    func exifTurned() throws {
        let image = Self.pattern()
        let dir = try TestPages.temporaryDirectory()
        let plain = dir.appendingPathComponent("plain.jpg")
        try image.write(to: plain, jpegQuality: 95)
        var bytes = [UInt8](try Data(contentsOf: plain))
        // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112) = 6.
        let tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        bytes.insert(contentsOf: [0xFF, 0xE1, 0, UInt8(payload.count + 2)] + payload, at: 2)
        let turned = dir.appendingPathComponent("turned.jpg")
        try Data(bytes).write(to: turned)

        let decoded = try ScanFile(url: turned).decode(page: 0)
        #expect(decoded.width == 40 && decoded.height == 60)
        // Turned clockwise, the dark top-left block lands top-right: source (x, y) → (39 − y, x).
        var expected = GrayImage(width: 40, height: 60, fill: 0)
        for y in 0..<40 { for x in 0..<60 { expected[39 - y, x] = image[x, y] } }
        #expect(Self.meanError(decoded, expected) < 3)
    }
}
