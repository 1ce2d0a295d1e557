import COpenCVShim
import Foundation
import IS03Core

/// One scan file (PNG, JPEG or TIFF, possibly many pages), checked and ready to decode page
/// by page. Opening reads the bytes and the header only; pixels are decoded on demand so a
/// packet of hundreds of pages never sits in memory at once.
public struct ScanFile: Sendable {
    public let url: URL
    public let header: ImageHeader
    private let bytes: [UInt8]
    private let fileHash: String

    /// Reads and checks the file. Throws `ScanInputError` naming the file when it is missing,
    /// empty, not an image, truncated or absurdly large.
    public init(url: URL, limits: ImageLimits = .default) throws(ScanInputError) {
        self.url = url
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ScanInputError(code: .unreadableFile, file: url.path, message: "cannot read the file (\(error.localizedDescription)); check the path and permissions")
        }
        bytes = [UInt8](data)
        do { header = try ImageHeader.read(bytes, limits: limits) } catch {
            throw ScanInputError(code: error.code, file: url.path, message: error.message)
        }
        fileHash = SHA256.hex(bytes)
    }

    public var pageCount: Int { header.pages.count }

    /// SHA-256 of the whole file (hex).
    public var fileSHA256: String { fileHash }

    /// Size of the file in bytes.
    public var byteCount: Int { bytes.count }

    /// SHA-256 of the bytes that make up `page`: the whole file for single-page formats, the
    /// page's own strips or tiles for a multi-page TIFF (so a page keeps its hash when the
    /// packet is re-split).
    public func sha256(page: Int) -> String {
        guard header.pages.count > 1, page < header.pages.count else { return fileHash }
        var hasher = SHA256()
        for range in header.pages[page].dataRanges { hasher.update(bytes[range]) }
        return hasher.finalizeHex()
    }

    /// The provenance record of `page`.
    public func source(page: Int) -> PageSource {
        PageSource(file: url.path, page: page, sha256: sha256(page: page))
    }

    /// Decodes `page` (zero-based) to 8-bit grey.
    public func decode(page: Int) throws(ScanInputError) -> GrayImage {
        guard page >= 0, page < pageCount else {
            throw ScanInputError(code: .noSuchPage, file: url.path, page: page, message: "the file has \(pageCount) page(s)")
        }
        var image = is03cv_image()
        var err = is03cv_error()
        let status: Int32
        if header.pages.count > 1 {
            status = is03cv_decode_page(url.path, Int32(page), &image, &err)
        } else {
            status = bytes.withUnsafeBufferPointer { is03cv_decode_buffer($0.baseAddress, $0.count, &image, &err) }
        }
        defer { is03cv_image_free(&image) }
        guard status == IS03CV_OK else {
            throw ScanInputError(code: .undecodable, file: url.path, page: page,
                                 message: "the image data could not be decoded (\(Shim.message(err))); copy or rescan the file")
        }
        return GrayImage(copying: image)
    }
}
