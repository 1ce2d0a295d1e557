/// What an image file's header says, read without decoding any pixels: the format, each
/// page's dimensions and (for TIFF) where each page's data lies in the file. Used to refuse
/// absurd sizes and truncated files before a decoder is allowed near them.
public struct ImageHeader: Sendable, Hashable {
    public enum Format: String, Sendable { case png, jpeg, tiff, pdf }

    public struct Page: Sendable, Hashable {
        public var width: Int
        public var height: Int
        /// Byte ranges of the page's image data (TIFF strips or tiles); empty for PNG/JPEG/PDF.
        public var dataRanges: [Range<Int>]
    }

    public var format: Format
    public var pages: [Page]

    /// A header problem, turned into a `ScanInputError` by the caller who knows the file.
    public struct Problem: Error, Sendable {
        public var code: ScanInputError.Code
        public var message: String
    }

    /// Parses the header of PNG, JPEG or TIFF bytes. - Complexity: O(pages + JPEG segments).
    public static func read(_ bytes: [UInt8], limits: ImageLimits = .default) throws(Problem) -> ImageHeader {
        try read(ByteCursor(bytes), limits: limits)
    }

    /// Parses the header of an image file, reading only the parts it needs (for a TIFF: its
    /// directories, not its pixel data).
    static func read(_ file: FileBytes, limits: ImageLimits = .default) throws(Problem) -> ImageHeader {
        try read(ByteCursor(file), limits: limits)
    }

    private static func read(_ b: ByteCursor, limits: ImageLimits) throws(Problem) -> ImageHeader {
        guard b.count > 0 else { throw Problem(code: .empty, message: "the file is empty") }
        let header: ImageHeader
        let magic = try b.slice(0..<min(8, b.count))
        if magic.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            header = try readPNG(b)
        } else if magic.starts(with: [0xFF, 0xD8]) {
            header = try readJPEG(b)
        } else if magic.starts(with: [0x49, 0x49, 0x2A, 0x00]) || magic.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            header = try readTIFF(b, limits: limits)
        } else if isPDF(try b.slice(0..<min(1024, b.count))) {
            // A PDF's pages are described by `PDFPageDecoder`, which reads its object structure.
            throw Problem(code: .notAnImage, message: "a PDF, whose pages are read through ScanFile")
        } else {
            throw Problem(code: .notAnImage, message: "not a PNG, JPEG, TIFF or PDF file; scan to one of those formats")
        }
        for (index, page) in header.pages.enumerated() {
            let where_ = header.pages.count > 1 ? "page \(index + 1) is" : "the image is"
            guard page.width > 0, page.height > 0 else {
                throw Problem(code: .undecodable, message: "\(where_) declared as \(page.width) × \(page.height) px")
            }
            if max(page.width, page.height) > limits.maxSide || page.width * page.height > limits.maxPixels {
                throw Problem(code: .tooLarge, message: "\(where_) \(page.width) × \(page.height) px, beyond the limit of \(limits.maxSide) px a side and \(limits.maxPixels / 1_000_000) Mpx; rescan at 150-600 dpi")
            }
        }
        return header
    }

    // MARK: PNG

    private static func readPNG(_ b: ByteCursor) throws(Problem) -> ImageHeader {
        guard b.count >= 33, try b.slice(12..<16) == Array("IHDR".utf8) else {
            throw Problem(code: .truncated, message: "the PNG ends inside its header")
        }
        // The last chunk of a complete PNG is IEND followed by its CRC (12 bytes in all).
        let tail = try b.slice(max(0, b.count - 64)..<b.count)
        guard let iend = lastIndex(of: Array("IEND".utf8), in: tail), iend + 8 <= tail.count else {
            throw Problem(code: .truncated, message: "the PNG is truncated (no IEND chunk); copy or rescan the file")
        }
        let head = try b.slice(0..<24)
        return ImageHeader(format: .png, pages: [Page(width: Int(be32(head, 16)), height: Int(be32(head, 20)), dataRanges: [])])
    }

    // MARK: JPEG

    private static func readJPEG(_ b: ByteCursor) throws(Problem) -> ImageHeader {
        var i = 2
        var size: (Int, Int)?
        while i + 4 <= b.count {
            guard try b[i] == 0xFF else { i += 1; continue }
            let marker = try b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            if marker == 0xDA { break }  // start of scan: entropy-coded data follows
            let length = Int(try b[i + 2]) << 8 | Int(try b[i + 3])
            let isSOF = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isSOF, i + 9 <= b.count {
                size = (Int(try b[i + 7]) << 8 | Int(try b[i + 8]), Int(try b[i + 5]) << 8 | Int(try b[i + 6]))
            }
            i += 2 + length
        }
        guard let (width, height) = size else {
            throw Problem(code: .truncated, message: "the JPEG ends before its frame header; copy or rescan the file")
        }
        // A complete JPEG ends with the EOI marker (some writers pad a few bytes after it).
        let tail = try b.slice(max(0, b.count - 64)..<b.count)
        guard lastIndex(of: [0xFF, 0xD9], in: tail) != nil else {
            throw Problem(code: .truncated, message: "the JPEG is truncated (no end-of-image marker); copy or rescan the file")
        }
        return ImageHeader(format: .jpeg, pages: [Page(width: width, height: height, dataRanges: [])])
    }

    // MARK: TIFF

    private static func readTIFF(_ b: ByteCursor, limits: ImageLimits) throws(Problem) -> ImageHeader {
        let little = try b[0] == 0x49
        func u16(_ at: Int) throws(Problem) -> Int {
            guard at >= 0, at + 2 <= b.count else { throw Problem(code: .truncated, message: "the TIFF is truncated (a directory points past the end of the file)") }
            let b0 = Int(try b[at]), b1 = Int(try b[at + 1])
            return little ? b0 | b1 << 8 : b0 << 8 | b1
        }
        func u32(_ at: Int) throws(Problem) -> Int {
            guard at >= 0, at + 4 <= b.count else { throw Problem(code: .truncated, message: "the TIFF is truncated (a directory points past the end of the file)") }
            let bytes = try b.slice(at..<at + 4)
            return little ? Int(le32(bytes, 0)) : Int(be32(bytes, 0))
        }
        // Values of a SHORT or LONG tag: inline when they fit in 4 bytes, else at an offset.
        func values(entry: Int) throws(Problem) -> [Int] {
            let type = try u16(entry + 2), count = try u32(entry + 4)
            let width = type == 3 ? 2 : 4
            guard type == 3 || type == 4, count <= 1_000_000 else { return [] }
            let base = count * width <= 4 ? entry + 8 : try u32(entry + 8)
            var result: [Int] = []
            result.reserveCapacity(count)
            for k in 0..<count { result.append(width == 2 ? try u16(base + 2 * k) : try u32(base + 4 * k)) }
            return result
        }
        var pages: [Page] = []
        var offset = try u32(4)
        var seen = Set<Int>()
        while offset != 0 {
            guard seen.insert(offset).inserted else { break }  // a directory loop: stop, do not spin
            guard pages.count < limits.maxPages else {
                throw Problem(code: .tooLarge, message: "the TIFF holds more than \(limits.maxPages) pages; split the packet")
            }
            let entries = try u16(offset)
            var width = 0, height = 0, starts: [Int] = [], lengths: [Int] = []
            // libtiff keeps the first of a repeated tag where this loop would keep the last, so
            // a size given twice could pass the limits here and be decoded at the other size (a
            // decompression bomb, caught by the image fuzz harness: Fuzz/regressions/image). The tags both
            // readers must agree on are refused when repeated.
            var sizeAndDataTags = Set<Int>()
            for e in 0..<entries {
                let entry = offset + 2 + 12 * e
                let tag = try u16(entry)
                if [256, 257, 273, 279, 324, 325].contains(tag), !sizeAndDataTags.insert(tag).inserted {
                    throw Problem(code: .undecodable, message: "page \(pages.count + 1) gives TIFF tag \(tag) twice, so its size or data is ambiguous; rescan or re-save the file")
                }
                switch tag {
                case 256: width = try values(entry: entry).first ?? 0
                case 257: height = try values(entry: entry).first ?? 0
                case 273, 324: starts = try values(entry: entry)
                case 279, 325: lengths = try values(entry: entry)
                default: break
                }
            }
            var ranges: [Range<Int>] = []
            for (start, length) in zip(starts, lengths) {
                guard start + length <= b.count else {
                    throw Problem(code: .truncated, message: "the TIFF is truncated: page \(pages.count + 1)'s image data runs past the end of the file; copy or rescan the file")
                }
                ranges.append(start..<start + length)
            }
            pages.append(Page(width: width, height: height, dataRanges: ranges))
            offset = try u32(offset + 2 + 12 * entries)
        }
        guard !pages.isEmpty else { throw Problem(code: .undecodable, message: "the TIFF has no pages") }
        return ImageHeader(format: .tiff, pages: pages)
    }

    /// Whether `head` (a file's first bytes) starts a PDF: "%PDF-" within the first 1024 bytes,
    /// where readers accept it.
    static func isPDF(_ head: [UInt8]) -> Bool {
        lastIndex(of: Array("%PDF-".utf8), in: Array(head.prefix(1024))) != nil
    }

    private static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    private static func le32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    private static func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for start in stride(from: hay.count - needle.count, through: 0, by: -1)
        where hay[start] == needle[0] && Array(hay[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }
}

/// Reads a byte source through a 64 KB window, so parsing a header costs a few reads of the
/// file rather than reading it whole.
private final class ByteCursor {
    private let memory: [UInt8]?
    private let file: FileBytes?
    let count: Int
    private var window: [UInt8] = []
    private var windowStart = 0
    private static let windowSize = 1 << 16

    init(_ bytes: [UInt8]) { memory = bytes; file = nil; count = bytes.count }
    init(_ file: FileBytes) { memory = nil; self.file = file; count = file.count }

    /// The byte at `index`; an index past the end is a truncated file.
    subscript(index: Int) -> UInt8 {
        get throws(ImageHeader.Problem) {
            guard index >= 0, index < count else {
                throw ImageHeader.Problem(code: .truncated, message: "the file ends early (byte \(index) of \(count) wanted); copy or rescan the file")
            }
            if let memory { return memory[index] }
            if index < windowStart || index >= windowStart + window.count { try load(at: index) }
            return window[index - windowStart]
        }
    }

    /// The bytes in `range`, which must lie inside the source.
    func slice(_ range: Range<Int>) throws(ImageHeader.Problem) -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw ImageHeader.Problem(code: .truncated, message: "the file ends early; copy or rescan the file")
        }
        if let memory { return Array(memory[range]) }
        if range.lowerBound >= windowStart, range.upperBound <= windowStart + window.count {
            return Array(window[(range.lowerBound - windowStart)..<(range.upperBound - windowStart)])
        }
        guard let bytes = file?.bytes(in: range), bytes.count == range.count else { throw readFailure() }
        return bytes
    }

    private func load(at index: Int) throws(ImageHeader.Problem) {
        guard let bytes = file?.bytes(in: index..<min(count, index + Self.windowSize)), !bytes.isEmpty else { throw readFailure() }
        window = bytes
        windowStart = index
    }

    private func readFailure() -> ImageHeader.Problem {
        ImageHeader.Problem(code: .unreadableFile, message: "the file could not be read to its end (an I/O error, or it shrank while being read); copy it again")
    }
}
