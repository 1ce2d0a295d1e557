import COpenCVShim
import Foundation
import IS03Core

/// A scan file opened for reading: its header is checked and its hash taken without holding
/// the file in memory, and pixels are decoded one page at a time on demand, so a packet of
/// hundreds of pages never sits in memory at once. Pages of a multi-page TIFF read in order
/// cost one pass over the file (see `TIFFPageDecoder`). A PDF from scanner software is read
/// page by page too: each page's one embedded scan image, as stored (see `PDFPageDecoder`).
public struct ScanFile: Sendable {
    public let url: URL
    public let header: ImageHeader
    private let file: FileBytes
    private let fileHash: String
    private let limits: ImageLimits
    /// The open TIFF of a TIFF file (opened on the first decode), nil for PNG and JPEG.
    private let tiff: TIFFPageDecoder?
    /// The open PDF of a PDF file (opened with the file: its pages are its header), else nil.
    private let pdf: PDFPageDecoder?

    /// Reads and checks the file. Throws `ScanInputError` naming the file when it is missing,
    /// empty, not an image, truncated or absurdly large. A PDF page that cannot be read (no
    /// single scanned image, too large, damaged) fails only when that page is decoded.
    public init(url: URL, limits: ImageLimits = .default) throws(ScanInputError) {
        self.url = url
        self.limits = limits
        file = try FileBytes(url: url)
        if file.count > 0, ImageHeader.isPDF(file.bytes(in: 0..<1024) ?? []) {
            do { pdf = try PDFPageDecoder(path: url.path, limits: limits) } catch {
                throw ScanInputError(code: error.code, file: url.path, message: error.message)
            }
            header = ImageHeader(format: .pdf, pages: pdf?.pages.map { ImageHeader.Page(width: $0.width, height: $0.height, dataRanges: []) } ?? [])
        } else {
            pdf = nil
            do { header = try ImageHeader.read(file, limits: limits) } catch {
                throw ScanInputError(code: error.code, file: url.path, message: error.message)
            }
        }
        var hasher = SHA256()
        guard file.forEachChunk(of: [0..<file.count], { hasher.update($0) }) else {
            throw ScanInputError(code: .unreadableFile, file: url.path,
                                 message: "the file could not be read to its end (an I/O error, or it shrank while being read); copy it again")
        }
        fileHash = hasher.finalizeHex()
        tiff = header.format == .tiff ? TIFFPageDecoder(path: url.path, limits: limits) : nil
    }

    public var pageCount: Int { header.pages.count }

    /// SHA-256 of the whole file (hex).
    public var fileSHA256: String { fileHash }

    /// Size of the file in bytes.
    public var byteCount: Int { file.count }

    /// SHA-256 of the bytes that make up `page`: the whole file for single-page formats, the
    /// page's own strips or tiles for a multi-page TIFF (so a page keeps its hash when the
    /// packet is re-split). Reads only that page's data. For a PDF page: the stored bytes of
    /// its scan image stream (the JPEG file or the compressed pixels, as the scanner wrote
    /// them), so re-saving or re-splitting the PDF keeps the hash; a page without a single
    /// image hashes as the file's hash plus its page number.
    public func sha256(page: Int) -> String {
        if let pdf {
            if let bytes = pdf.streamBytes(page: page) { return SHA256.hex(bytes) }
            return SHA256.hex(Array("\(fileHash)#page\(page + 1)".utf8))
        }
        guard header.pages.count > 1, page >= 0, page < header.pages.count else { return fileHash }
        var hasher = SHA256()
        // The header checked that every range lies inside the file; a failed read here means
        // the file changed since, and the page's hash says so instead of passing as the page.
        guard file.forEachChunk(of: header.pages[page].dataRanges, { hasher.update($0) }) else {
            return "unreadable-" + fileHash
        }
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
        if let pdf {
            do { return try pdf.decode(page: page) } catch {
                throw ScanInputError(code: error.code, file: url.path, page: page, message: error.message)
            }
        }
        if let tiff {
            do { return try tiff.decode(page: page) } catch {
                throw ScanInputError(code: .undecodable, file: url.path, page: page,
                                     message: "the image data could not be decoded (\(error.message)); copy or rescan the file")
            }
        }
        guard let bytes = file.bytes(in: 0..<file.count), bytes.count == file.count else {
            throw ScanInputError(code: .unreadableFile, file: url.path, page: page,
                                 message: "the file could not be read to its end (an I/O error, or it shrank while being read); copy it again")
        }
        if let decoded = try decodeInPlace(bytes, size: header.pages[page], page: page) { return decoded }
        var image = is03cv_image()
        var err = is03cv_error()
        let status = bytes.withUnsafeBufferPointer { is03cv_decode_buffer($0.baseAddress, $0.count, &image, &err) }
        defer { is03cv_image_free(&image) }
        guard status == IS03CV_OK else {
            throw ScanInputError(code: .undecodable, file: url.path, page: page,
                                 message: "the image data could not be decoded (\(Shim.message(err))); copy or rescan the file")
        }
        return GrayImage(copying: image)
    }

    /// Decodes straight into the image's own pixel array, sized from the header; nil when the
    /// page turns out another size (an EXIF-rotated JPEG), for the copying path to handle.
    private func decodeInPlace(_ bytes: [UInt8], size: ImageHeader.Page, page: Int) throws(ScanInputError) -> GrayImage? {
        let (width, height) = (size.width, size.height)
        guard width > 0, height > 0 else { return nil }
        var status: Int32 = 0
        var err = is03cv_error()
        // Every byte is written when the call succeeds; on failure the array is dropped unread.
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { buffer, count in
            status = bytes.withUnsafeBufferPointer { input in
                is03cv_decode_buffer_into(input.baseAddress, input.count, Int32(width), Int32(height), buffer.baseAddress, &err)
            }
            count = width * height
        }
        if status == IS03CV_OK { return GrayImage(width: width, height: height, pixels: pixels) }
        if status == IS03CV_UNSUPPORTED { return nil }
        throw ScanInputError(code: .undecodable, file: url.path, page: page,
                             message: "the image data could not be decoded (\(Shim.message(err))); copy or rescan the file")
    }
}
