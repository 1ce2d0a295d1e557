import Foundation

/// Random access to the bytes of a file without reading it whole: a 500-page TIFF can be
/// gigabytes, and only its directories (for the header) and one page's data at a time (for a
/// page's hash) are ever needed together. Reads go through `pread`, so the file is not mapped
/// (a mapped file that shrinks under us would end the process with SIGBUS).
final class FileBytes: Sendable {
    let path: String
    /// File size in bytes when it was opened.
    let count: Int
    private let descriptor: Int32

    /// Opens `url` for reading; the error says why it cannot be read.
    init(url: URL) throws(ScanInputError) {
        path = url.path
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ScanInputError(code: .unreadableFile, file: url.path,
                                 message: "cannot open the file (\(String(cString: strerror(errno)))); check the path and permissions")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ScanInputError(code: .unreadableFile, file: url.path, message: "not a regular file; give the path of a scan file")
        }
        descriptor = fd
        count = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// The bytes in `range` (clipped to the file), or nil when the read fails or comes up short.
    func bytes(in range: Range<Int>) -> [UInt8]? {
        let lower = max(0, range.lowerBound), upper = min(count, range.upperBound)
        guard lower < upper else { return [] }
        var out = [UInt8](repeating: 0, count: upper - lower)
        var done = 0
        let ok = out.withUnsafeMutableBytes { buffer -> Bool in
            while done < buffer.count {
                let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(lower + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        return ok ? out : nil
    }

    /// Feeds the bytes of `ranges` to `body` in pieces of at most `chunk` bytes; false when a
    /// read fails. Memory held: one piece.
    func forEachChunk(of ranges: [Range<Int>], chunk: Int = 1 << 20, _ body: ([UInt8]) -> Void) -> Bool {
        for range in ranges {
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + chunk)
                guard let piece = bytes(in: start..<end), piece.count == end - start else { return false }
                body(piece)
                start = end
            }
        }
        return true
    }
}
