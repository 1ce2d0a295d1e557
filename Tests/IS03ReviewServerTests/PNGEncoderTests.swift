import Foundation
@testable import IS03ReviewServer
import IS03Vision
import Testing

/// The in-memory PNG writer against OpenCV's decoder.
@Suite struct PNGEncoderTests {
    @Test(arguments: [PNGEncoder.ColorType.gray, .rgb])
    func openCVReadsBackWhatWasWritten(_ color: PNGEncoder.ColorType) throws {
        let width = 301, height = 97
        // Paper with runs, gradients and noise: every path of the encoder.
        var grey = [UInt8](repeating: 255, count: width * height)
        var seed: UInt32 = 7
        for i in grey.indices where i % width > 150 {
            seed = seed &* 1_103_515_245 &+ 12345
            grey[i] = i % 7 == 0 ? UInt8(truncatingIfNeeded: seed >> 16) : UInt8(i % 251)
        }
        // Colour pixels with equal channels decode to the same grey.
        let pixels = color == .gray ? grey : grey.flatMap { [$0, $0, $0] }
        let png = PNGEncoder.encode(width: width, height: height, pixels: pixels, color: color)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("is03-png-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(png).write(to: url)
        let decoded = try ScanFile(url: url).decode(page: 0)
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.pixels == grey)
        #expect(png.count < pixels.count)
    }
}
