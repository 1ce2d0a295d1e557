import Foundation
import GRDB

/// A row of `scan_file`: one scanned file, identified by the SHA-256 of its bytes.
struct ScanFileRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "scan_file"
    var id: Int64?
    var packetID: Int64
    var path: String
    var sha256: String
    var size: Int64
    var registeredAt: Date

    enum CodingKeys: String, CodingKey {
        case id, packetID = "packet_id", path, sha256, size, registeredAt = "registered_at"
    }
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let packetID = Column(CodingKeys.packetID)
        static let sha256 = Column(CodingKeys.sha256)
        static let registeredAt = Column(CodingKeys.registeredAt)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
