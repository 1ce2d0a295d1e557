import Foundation
import IS03Core
import Synchronization

/// The readings an assembly works from, kept in a scratch file instead of memory, so a batch
/// of 10,000 sheets needs no more memory to match and score than one of 100 (issue 5).
///
/// ``ReadStage`` spills each reading as it stores it; ``AssembleStage`` spills the readings of
/// earlier runs as it decodes them from the database for matching, and reads every reading
/// back from here, window by window, to score and commit it. Records use ``ReadingBinary``
/// (a fraction of a millisecond each way, where the database's JSON takes several).
///
/// The file is a cache, never a record: it is unlinked as soon as it is created, so it
/// disappears with the process however that ends (`kill -9` included) and a rerun simply
/// decodes the stored readings again. Safe to use from concurrent tasks.
public final class ReadingSpill: Sendable {
    private struct Entry: Sendable {
        var offset: Int64
        var length: Int
    }

    private struct State: Sendable {
        var end: Int64 = 0
        var entries: [Int64: Entry] = [:]
    }

    private let descriptor: Int32
    private let state = Mutex(State())
    /// Where the file was made, for error messages.
    public let directory: URL

    /// Creates the scratch file in `directory` (it must exist and be writable): next to the
    /// database for `is03 process`, so a large batch does not fill a small `/tmp`.
    public init(directory: URL) throws(ReadingSpillError) {
        self.directory = directory
        var template = Array(directory.appendingPathComponent(".is03-assembly-XXXXXX").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw ReadingSpillError(message: "cannot create a scratch file in \(directory.path) (\(String(cString: strerror(errno)))); "
                                    + "check that the folder exists, is writable and has free space")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(path)   // nameless from now on: nothing to clean up after any kind of exit
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// A scratch file in the system's temporary folder (commands that have no output folder).
    public static func temporary() throws(ReadingSpillError) -> ReadingSpill {
        try ReadingSpill(directory: FileManager.default.temporaryDirectory)
    }

    /// Keeps `reading` for page `pageID`, replacing what was kept for it before.
    public func keep(pageID: Int64, reading: SheetReading) throws(ReadingSpillError) {
        let bytes = ReadingBinary.encode(reading)
        let offset = state.withLock { state -> Int64 in
            defer { state.end += Int64(bytes.count) }
            return state.end
        }
        // Concurrent writers own disjoint ranges, so each writes without the lock.
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard written else {
            throw ReadingSpillError(message: "cannot write the scratch file in \(directory.path) "
                                    + "(\(String(cString: strerror(errno)))); free some space and run again")
        }
        state.withLock { $0.entries[pageID] = Entry(offset: offset, length: bytes.count) }
    }

    /// The ids of the pages kept.
    public var pageIDs: Set<Int64> { state.withLock { Set($0.entries.keys) } }

    public func contains(_ pageID: Int64) -> Bool { state.withLock { $0.entries[pageID] != nil } }

    /// The reading kept for page `pageID` (nil when none was).
    public func reading(pageID: Int64) throws(ReadingSpillError) -> SheetReading? {
        guard let entry = state.withLock({ $0.entries[pageID] }) else { return nil }
        var bytes = [UInt8](repeating: 0, count: entry.length)
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(entry.offset) + off_t(done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard complete else { throw ReadingSpillError(message: "cannot read back the scratch file (\(String(cString: strerror(errno))))") }
        do { return try ReadingBinary.decode(bytes) } catch {
            throw ReadingSpillError(message: "the scratch file's record of page \(pageID) is damaged (\(error))")
        }
    }
}

/// The scratch file could not be made, written or read back.
public struct ReadingSpillError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
