import Foundation
import GRDB

/// A row of `audit_log`: who changed what, when, from what to what. Insert-only: the database
/// rejects UPDATE (except a purge's redaction) and DELETE (see `Schema`).
struct AuditRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "audit_log"
    var id: Int64?
    var at: Date
    var actor: String
    var entity: String
    var entityID: Int64?
    var field: String?
    var fromValue: String?
    var toValue: String?
    var redacted: Bool = false

    enum CodingKeys: String, CodingKey {
        case id, at, actor, entity, entityID = "entity_id", field
        case fromValue = "from_value", toValue = "to_value", redacted
    }
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let at = Column(CodingKeys.at)
        static let entity = Column(CodingKeys.entity)
        static let entityID = Column(CodingKeys.entityID)
        static let redacted = Column(CodingKeys.redacted)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
