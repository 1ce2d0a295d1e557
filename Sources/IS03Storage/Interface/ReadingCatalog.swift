import Foundation
import IS03Core

/// A page that has been read, with the packet it came in and its stored reading.
public struct ReadPage: Sendable {
    public var ref: PageRef
    public var packetName: String
    public var reading: SheetReading

    public init(ref: PageRef, packetName: String, reading: SheetReading) {
        self.ref = ref; self.packetName = packetName; self.reading = reading
    }
}

/// Walks the stored readings of a whole batch, for steps that must see every sheet at once
/// (joint reconciliation across packets, schools and the region) without decoding any image.
public protocol ReadingCatalog: Sendable {
    /// Done, unpurged pages with a stored reading, in page-id order, at most `limit` after
    /// page id `afterID`.
    func readPages(limit: Int, afterID: Int64?) async throws -> [ReadPage]
}
