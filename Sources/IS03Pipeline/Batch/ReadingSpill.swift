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
    private let file: ScratchFile
    private let entries = Mutex<[Int64: ScratchFile.Span]>([:])
    /// Where the file was made, for error messages.
    public var directory: URL { file.directory }

    /// Creates the scratch file in `directory` (it must exist and be writable): next to the
    /// database for `is03 process`, so a large batch does not fill a small `/tmp`.
    public init(directory: URL) throws(ReadingSpillError) {
        do { file = try ScratchFile(directory: directory) } catch { throw ReadingSpillError(message: error.message) }
    }

    /// A scratch file in the system's temporary folder (commands that have no output folder).
    public static func temporary() throws(ReadingSpillError) -> ReadingSpill {
        try ReadingSpill(directory: FileManager.default.temporaryDirectory)
    }

    /// Keeps `reading` for page `pageID`, replacing what was kept for it before.
    public func keep(pageID: Int64, reading: SheetReading) throws(ReadingSpillError) {
        let span: ScratchFile.Span
        do { span = try file.append(ReadingBinary.encode(reading)) } catch { throw ReadingSpillError(message: error.message) }
        entries.withLock { $0[pageID] = span }
    }

    /// The ids of the pages kept.
    public var pageIDs: Set<Int64> { entries.withLock { Set($0.keys) } }

    public func contains(_ pageID: Int64) -> Bool { entries.withLock { $0[pageID] != nil } }

    /// The reading kept for page `pageID` (nil when none was).
    public func reading(pageID: Int64) throws(ReadingSpillError) -> SheetReading? {
        guard let span = entries.withLock({ $0[pageID] }) else { return nil }
        let bytes: [UInt8]
        do { bytes = try file.read(span) } catch { throw ReadingSpillError(message: error.message) }
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
