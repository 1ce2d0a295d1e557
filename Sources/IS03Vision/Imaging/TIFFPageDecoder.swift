import COpenCVShim
import Foundation
import IS03Core

/// Decodes the pages of one TIFF file through a libtiff handle that stays open, so reading
/// pages in order is one pass over the file (the next page is one directory step) and only
/// one decoded page is held at a time. Opened on the first decode and closed with the last
/// copy of its `ScanFile`.
///
/// A lock serialises decodes: libtiff handles are not thread-safe, and a `ScanFile` is
/// `Sendable`. Workers that want parallel decoding of one file open their own `ScanFile`.
final class TIFFPageDecoder: @unchecked Sendable {
    struct Failure: Error { var message: String }

    private let path: String
    private let limits: ImageLimits
    private let lock = NSLock()
    private var handle: OpaquePointer?

    init(path: String, limits: ImageLimits) {
        self.path = path
        self.limits = limits
    }

    deinit { if let handle { is03cv_tiff_close(handle) } }

    /// Page `page` (zero-based) as 8-bit grey.
    func decode(page: Int) throws(Failure) -> GrayImage {
        lock.lock()
        defer { lock.unlock() }
        if handle == nil {
            var err = is03cv_error()
            // No single allocation beyond what the largest allowed page needs as RGBA.
            let cap = limits.maxPixels * 4 + (64 << 20)
            guard let opened = is03cv_tiff_open(path, cap, &err) else { throw Failure(message: Shim.message(err)) }
            handle = opened
        }
        var image = is03cv_image()
        var err = is03cv_error()
        let status = is03cv_tiff_decode_page(handle, Int32(page), &image, &err)
        defer { is03cv_image_free(&image) }
        guard status == IS03CV_OK else { throw Failure(message: Shim.message(err)) }
        return GrayImage(copying: image)
    }
}
