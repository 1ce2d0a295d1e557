#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A nameless file of bytes that a run keeps out of memory: records appended at the end, read
/// back by where they were put. Big batches use it for what would otherwise grow with them
/// (the readings waiting to be assembled, the result files' entries waiting to be ordered).
///
/// The file is unlinked as soon as it is made, so it disappears with the process however that
/// ends (`kill -9` included): it is never a record of anything, only room. Safe to use from
/// concurrent tasks: each append owns the range it reserved.
public final class ScratchFile: Sendable {
    /// Where a record was put.
    public struct Span: Sendable, Hashable {
        public var offset: Int64
        public var length: Int
    }

    private let descriptor: Int32
    private let end = Mutex<Int64>(0)
    /// The folder the file was made in, for error messages.
    public let directory: URL

    /// Makes the file in `directory`, which must exist and be writable.
    public init(directory: URL) throws(ScratchFileError) {
        self.directory = directory
        var template = Array(directory.appendingPathComponent(".is03-scratch-XXXXXX").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw ScratchFileError(message: "cannot create a scratch file in \(directory.path) (\(Self.lastError())); "
                                   + "check that the folder exists, is writable and has free space")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(path)   // nameless from now on: nothing to clean up after any kind of exit
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Bytes appended so far.
    public var size: Int64 { end.withLock { $0 } }

    /// Appends `bytes` and says where they went.
    @discardableResult
    public func append(_ bytes: some ContiguousBytes) throws(ScratchFileError) -> Span {
        let written: Result<Span, ScratchFileError> = bytes.withUnsafeBytes { buffer in
            let offset = end.withLock { end -> Int64 in
                defer { end += Int64(buffer.count) }
                return end
            }
            var done = 0
            while done < buffer.count {
                let n = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else {
                    return .failure(ScratchFileError(message: "cannot write the scratch file in \(directory.path) "
                                                     + "(\(Self.lastError())); free some space and run again"))
                }
                done += n
            }
            return .success(Span(offset: offset, length: buffer.count))
        }
        return try written.get()
    }

    /// The bytes at `span`.
    public func read(_ span: Span) throws(ScratchFileError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: span.length)
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(span.offset) + off_t(done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard complete else { throw ScratchFileError(message: "cannot read back the scratch file (\(Self.lastError()))") }
        return bytes
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

/// The scratch file could not be made, written or read back.
public struct ScratchFileError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
