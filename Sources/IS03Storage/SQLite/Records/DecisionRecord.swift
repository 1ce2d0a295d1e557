import Foundation
import GRDB

/// A row of `decision`: an operator's value for a review item. Rows are history: a re-opened
/// item keeps its old decisions, and the item's newest decision is the one in force.
struct DecisionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "decision"
    var id: Int64?
    var itemID: Int64
    var operatorName: String
    var value: String
    var reason: String?
    var readingFingerprint: String
    var decidedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, itemID = "item_id", operatorName = "operator", value, reason
        case readingFingerprint = "reading_fingerprint", decidedAt = "decided_at"
    }
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let itemID = Column(CodingKeys.itemID)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
