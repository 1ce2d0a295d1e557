import COpenCVShim

/// The modules of a QR code, encoded by OpenCV's `cv::QRCodeEncoder` (error correction M).
public struct QRCodeMatrix: Sendable, Hashable {
    /// Modules per side (21 for version 1, +4 per version), without quiet zone.
    public var size: Int
    /// Row-major, `true` = dark module.
    public var modules: [Bool]

    /// Encodes UTF-8 `text` (Cyrillic is fine).
    public init(encoding text: String) throws {
        let image = try OpenCVBridge.produce(what: "QR encoding of \"\(text)\"") { out, error in
            is03cv_render_qr_encode(text, out, error)
        }
        guard image.width == image.height, image.width >= 21 else {
            throw RenderError("QR encoding of \"\(text)\" returned a \(image.width)×\(image.height) matrix, not a QR code")
        }
        size = image.width
        modules = image.pixels.map { $0 != 0 }
    }

    public subscript(row: Int, column: Int) -> Bool { modules[row * size + column] }
}
