import COpenCVShim
import IS03Core

/// Decodes the sheet's QR code with OpenCV's WeChat detector (Debian's QRCodeDetector lacks
/// quirc). Owns a C++ detector: one reader per thread, never shared.
public final class QRCodeReader {
    private let handle: OpaquePointer

    public init() throws(VisionError) {
        var err = is03cv_error()
        guard let created = is03cv_qr_reader_create(&err) else {
            throw VisionError(message: "the QR decoder could not be created: \(Shim.message(err))")
        }
        handle = created
    }

    deinit { is03cv_qr_reader_free(handle) }

    /// The text of the first QR code inside `rect` (pixels, clipped to the image), or nil.
    public func decode(_ image: GrayImage, in rect: PixelRect) throws(VisionError) -> String? {
        var text = [CChar](repeating: 0, count: 1024)
        var found: Int32 = 0
        var err = is03cv_error()
        let status = image.withShimImage { input in
            text.withUnsafeMutableBufferPointer { buffer in
                is03cv_qr_reader_decode(handle, &input, Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height),
                                        buffer.baseAddress, buffer.count, &found, &err)
            }
        }
        guard status == IS03CV_OK else { throw VisionError(message: "QR decoding failed: \(Shim.message(err))") }
        guard found != 0 else { return nil }
        return text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
