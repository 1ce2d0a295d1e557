import Foundation
import IS03Core

/// A page that has been read, with the packet it came in and its stored reading.
public struct ReadPage: Sendable {
    public var ref: PageRef
    public var packetName: String
    /// The stored reading; nil only for pages the caller said it holds already (`known`).
    public var reading: SheetReading?
    /// When the reading was stored (crop files newer than this show it).
    public var readAt: Date?

    public init(ref: PageRef, packetName: String, reading: SheetReading?, readAt: Date? = nil) {
        self.ref = ref; self.packetName = packetName; self.reading = reading; self.readAt = readAt
    }
}

/// Walks the stored readings of a whole batch, for steps that must see every sheet at once
/// (joint reconciliation across packets, schools and the region) without decoding any image.
public protocol ReadingCatalog: Sendable {
    /// Done, unpurged pages with a stored reading, in page-id order, at most `limit` after
    /// page id `afterID`.
    /// Like ``readPages(limit:afterID:)``, but the readings of pages whose id is in `known`
    /// are not decoded (their `reading` is nil): the caller holds them already, e.g. the pages
    /// read moments ago by the same run. Decoding stored JSON is most of a re-assembly's cost.
    /// Only pages of packets processed into `sitting` (nil: every page).
    func readPages(limit: Int, afterID: Int64?, known: Set<Int64>, sitting: String?) async throws -> [ReadPage]
}

extension ReadingCatalog {
    public func readPages(limit: Int, afterID: Int64?, known: Set<Int64>) async throws -> [ReadPage] {
        try await readPages(limit: limit, afterID: afterID, known: known, sitting: nil)
    }

    public func readPages(limit: Int, afterID: Int64?) async throws -> [ReadPage] {
        try await readPages(limit: limit, afterID: afterID, known: [])
    }
}
