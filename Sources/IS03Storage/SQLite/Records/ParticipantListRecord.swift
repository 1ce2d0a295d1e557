import Foundation
import GRDB

/// A row of `participant_list`: one imported version of the participant list (ИС-01).
struct ParticipantListRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "participant_list"
    var id: Int64?
    var name: String
    var sha256: String
    var rowCount: Int
    var importedAt: Date
    /// Experts imported with this version (the optional experts list travels with it).
    var expertCount: Int
    var sitting: String?

    enum CodingKeys: String, CodingKey {
        case id, name, sha256, rowCount = "row_count", importedAt = "imported_at", expertCount = "expert_count", sitting
    }
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sha256 = Column(CodingKeys.sha256)
        static let importedAt = Column(CodingKeys.importedAt)
        static let sitting = Column(CodingKeys.sitting)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
