import Foundation
import GRDB

/// A row of `reconciliation`: which participant a page was matched to, how and how surely.
struct ReconciliationRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reconciliation"
    var id: Int64?
    var pageID: Int64
    var participantListID: Int64?
    var participantCode: String?
    var method: String
    var score: Double
    var margin: Double?
    var accepted: Bool
    var reconciledAt: Date

    enum CodingKeys: String, CodingKey {
        case id, pageID = "page_id", participantListID = "participant_list_id"
        case participantCode = "participant_code", method, score, margin, accepted
        case reconciledAt = "reconciled_at"
    }
    enum Columns {
        static let pageID = Column(CodingKeys.pageID)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
