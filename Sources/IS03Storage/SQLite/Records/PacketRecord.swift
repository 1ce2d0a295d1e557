import Foundation
import GRDB

/// A row of `packet`: one returned-delivery packet (ВДП) as given on the command line.
struct PacketRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "packet"
    var id: Int64?
    var name: String
    var sourcePath: String
    var registeredAt: Date
    var sitting: String?

    enum CodingKeys: String, CodingKey {
        case id, name, sourcePath = "source_path", registeredAt = "registered_at", sitting
    }
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sourcePath = Column(CodingKeys.sourcePath)
        static let registeredAt = Column(CodingKeys.registeredAt)
        static let sitting = Column(CodingKeys.sitting)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
