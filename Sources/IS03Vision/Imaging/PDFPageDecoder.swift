import COpenCVShim
import Foundation
import IS03Core

/// The scanned pages of a PDF written by scanner software: each page's one embedded image,
/// taken out as it is stored (never rendered), through qpdf in the shim (`vision_pdf.cpp`).
///
/// What each page holds is described when the file is opened (dictionaries only, no image
/// data), so a page without exactly one image, with a stored size beyond `ImageLimits` or in an
/// encoding that is not read fails on its own, with a message naming it, while the file's
/// other pages are read. A lock serialises calls: the qpdf handle is not thread-safe.
final class PDFPageDecoder: @unchecked Sendable {
    /// A page that cannot be read, with what to do about it.
    struct Failure: Error {
        var code: ScanInputError.Code
        var message: String
    }

    /// What a page holds: its image's size and storage, or why it cannot be read.
    struct Page {
        var width = 0
        var height = 0
        var isJPEG = false
        var inverted = false
        var problem: Failure?
    }

    let pages: [Page]
    private let lock = NSLock()
    private let handle: OpaquePointer
    private let limits: ImageLimits

    /// Opens the PDF and describes every page; throws when the file as a whole cannot be read.
    init(path: String, limits: ImageLimits) throws(Failure) {
        var count: Int32 = 0
        var err = is03cv_error()
        guard let opened = is03cv_pdf_open(path, &count, &err) else {
            throw Failure(code: .undecodable, message: "the PDF cannot be read (\(Shim.message(err))); copy the file again or export the scan as images")
        }
        guard count > 0 else {
            is03cv_pdf_close(opened)
            throw Failure(code: .undecodable, message: "the PDF has no pages")
        }
        guard Int(count) <= limits.maxPages else {
            is03cv_pdf_close(opened)
            throw Failure(code: .tooLarge, message: "the PDF holds more than \(limits.maxPages) pages; split the packet")
        }
        handle = opened
        self.limits = limits
        pages = (0..<Int(count)).map { Self.describe(opened, page: $0, limits: limits) }
    }

    deinit { is03cv_pdf_close(handle) }

    /// The stored bytes of `page`'s image stream (what its provenance hash is taken of), nil
    /// when the page has no single image or the stream cannot be read.
    func streamBytes(page: Int) -> [UInt8]? {
        guard page >= 0, page < pages.count, pages[page].problem == nil else { return nil }
        return try? locked { () throws(Failure) in try stream(page: page) }
    }

    /// Page `page` (zero-based) as 8-bit grey.
    func decode(page: Int) throws(Failure) -> GrayImage {
        let info = pages[page]
        if let problem = info.problem { throw problem }
        var image: GrayImage
        if info.isJPEG {
            // Only reading the stream needs the qpdf handle; the JPEG decodes outside the lock.
            let bytes = try locked { () throws(Failure) in try stream(page: page) }
            // The JPEG's own header is checked like any JPEG file's: its frame size, not only
            // the PDF's /Width and /Height, must be within the limits before it is decoded.
            let header: ImageHeader
            do { header = try ImageHeader.read(bytes, limits: limits) } catch {
                throw Failure(code: error.code, message: "the page's JPEG image: \(error.message)")
            }
            guard header.format == .jpeg, let size = header.pages.first, size.width == info.width, size.height == info.height else {
                throw Failure(code: .undecodable, message: "the page's JPEG image does not match the size the PDF declares; export the scan again")
            }
            image = try Self.shimImage { out, err in bytes.withUnsafeBufferPointer { is03cv_decode_buffer($0.baseAddress, $0.count, &out, &err) } }
            if info.inverted { image.pixels = image.pixels.map { 255 - $0 } }
        } else {
            // Inversion, masks and colour spaces are honoured in the shim for these.
            image = try locked { () throws(Failure) in
                try Self.shimImage { out, err in is03cv_pdf_decode_page(handle, Int32(page), &out, &err) }
            }
        }
        return image
    }

    private func locked<T>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func stream(page: Int) throws(Failure) -> [UInt8] {
        var bytes: UnsafeMutablePointer<UInt8>?
        var length = 0
        var err = is03cv_error()
        // A stored image never needs more bytes than its raw pixels (plus slack for tiny pages).
        let cap = limits.maxPixels * 4 + (1 << 20)
        guard is03cv_pdf_page_stream(handle, Int32(page), cap, &bytes, &length, &err) == IS03CV_OK, let bytes else {
            throw Failure(code: .undecodable, message: "the page's image stream cannot be read (\(Shim.message(err))); copy the file again")
        }
        defer { is03cv_pdf_free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }

    private static func shimImage(_ call: (inout is03cv_image, inout is03cv_error) -> Int32) throws(Failure) -> GrayImage {
        var image = is03cv_image()
        var err = is03cv_error()
        let status = call(&image, &err)
        defer { is03cv_image_free(&image) }
        guard status == IS03CV_OK else {
            throw Failure(code: .undecodable, message: "the page's image could not be decoded (\(Shim.message(err))); copy the file again or rescan")
        }
        return GrayImage(copying: image)
    }

    private static func describe(_ handle: OpaquePointer, page: Int, limits: ImageLimits) -> Page {
        var info = is03cv_pdf_page_info()
        var err = is03cv_error()
        let status = is03cv_pdf_describe_page(handle, Int32(page), &info, &err)
        var result = Page()
        let noScan = "export the scan as images, or print it to an image PDF"
        switch status {
        case Int32(IS03CV_OK): break
        case Int32(IS03CV_UNSUPPORTED):
            result.problem = Failure(code: .undecodable, message: "\(Shim.message(err)); \(noScan)")
            return result
        default:
            result.problem = Failure(code: .undecodable, message: "the page's objects are damaged (\(Shim.message(err))); copy the file again")
            return result
        }
        guard info.missing == 0 else {
            result.problem = Failure(code: .truncated, message: "the page's objects are missing (the file is cut short or damaged); copy the file again")
            return result
        }
        guard info.image_count == 1 else {
            let what = info.image_count == 0 ? "no image (text or drawing only)" : "\(info.image_count) images"
            result.problem = Failure(code: .noScannedImage, message: "the page has no scanned image: it holds \(what) where a scan holds one image; \(noScan)")
            return result
        }
        let (width, height) = (Int(info.width), Int(info.height))
        result.width = width; result.height = height
        result.isJPEG = info.storage == Int32(IS03CV_PDF_JPEG)
        result.inverted = info.inverted != 0
        if width <= 0 || height <= 0 {
            result.problem = Failure(code: .undecodable, message: "the page's image is declared as \(width) × \(height) px")
        } else if max(width, height) > limits.maxSide || width * height > limits.maxPixels {
            result.problem = Failure(code: .tooLarge, message: "the page's image is \(width) × \(height) px, beyond the limit of \(limits.maxSide) px a side and \(limits.maxPixels / 1_000_000) Mpx; rescan at 150-600 dpi")
        } else if info.page_width_pt > 0, info.page_height_pt > 0,
                  Double(max(width, height)) / (max(info.page_width_pt, info.page_height_pt) / 72) < minimumScanDPI {
            // A logo or a stamp on a page of text is not a scan of the page.
            result.problem = Failure(code: .noScannedImage, message: "the page has no scanned image: its only image is \(width) × \(height) px, too small to be a scan of the page; \(noScan)")
        }
        return result
    }

    /// Below this resolution over the page's longer side an image cannot be a scan of the page.
    private static let minimumScanDPI = 50.0
}
