import COpenCVShim
import Foundation
import IS03Core

/// Writes pages as one TIFF the way document scanners do (grey LZW, colour JPEG-in-TIFF,
/// black-and-white CCITT Group 4, with resolution tags), so tests, synthetic packets and
/// fixtures can exercise what a РЦОИ's scanners actually produce.
public struct ScannerTIFF: Sendable, Hashable {
    public enum Encoding: Sendable, Hashable {
        /// 8-bit, lossless LZW.
        case lzw
        /// 8-bit JPEG-in-TIFF (YCbCr when in colour), as colour office scanners write.
        case jpeg
        /// 1-bit, min-is-white, CCITT Group 4, as black-and-white document scanners write.
        case g4
    }

    public var encoding: Encoding
    /// Written as RGB: grey paper is tinted warm (like recycled paper under a colour scanner's
    /// lamp), so a reader must convert colour to grey rather than take one channel.
    public var colour: Bool
    /// For G4: pixels darker than this become black.
    public var threshold: UInt8
    /// Resolution written into the tags.
    public var dpi: Double

    public init(encoding: Encoding, colour: Bool = false, threshold: UInt8 = 160, dpi: Double = 300) {
        self.encoding = encoding; self.colour = colour; self.threshold = threshold; self.dpi = dpi
    }

    /// Writes `pages` (in order) to `url`.
    public func write(_ pages: [GrayImage], to url: URL) throws(VisionError) {
        let channels = colour && encoding != .g4 ? 3 : 1
        let images = pages.map { page -> is03cv_image in
            let data = UnsafeMutablePointer<UInt8>.allocate(capacity: page.pixels.count * channels)
            if channels == 1 {
                data.initialize(from: page.pixels, count: page.pixels.count)
            } else {
                for (index, grey) in page.pixels.enumerated() {
                    let g = Double(grey)
                    data[3 * index] = UInt8(g * 0.82)          // B
                    data[3 * index + 1] = UInt8(g * 0.96)      // G
                    data[3 * index + 2] = grey                 // R
                }
            }
            return is03cv_image(width: Int32(page.width), height: Int32(page.height), channels: Int32(channels),
                                stride: page.width * channels, data: data)
        }
        defer { images.forEach { $0.data.deallocate() } }
        let code: Int32 = switch encoding {
        case .lzw: Int32(IS03CV_TIFF_LZW)
        case .jpeg: Int32(IS03CV_TIFF_JPEG)
        case .g4: Int32(IS03CV_TIFF_G4)
        }
        var err = is03cv_error()
        let status = is03cv_tiff_write(url.path, images, Int32(images.count), code, Int32(threshold), dpi, &err)
        guard status == IS03CV_OK else { throw VisionError(message: "\(url.path): \(Shim.message(err))") }
    }
}
