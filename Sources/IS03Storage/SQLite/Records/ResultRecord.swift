import Foundation
import GRDB

/// A row of `result`: a participant's result from one page, the key columns copied out of the
/// JSON payload for queries and export.
struct ResultRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "result"
    var id: Int64?
    var pageID: Int64
    var participantCode: String?
    var participantListID: Int64?
    var oo: String?
    var auditorium: String?
    var total: Int?
    var verdict: String?
    var reviewStatus: String
    var payloadJSON: String
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, pageID = "page_id", participantCode = "participant_code"
        case participantListID = "participant_list_id", oo, auditorium, total, verdict
        case reviewStatus = "review_status", payloadJSON = "payload_json", updatedAt = "updated_at"
    }
    enum Columns {
        static let pageID = Column(CodingKeys.pageID)
        static let participantCode = Column(CodingKeys.participantCode)
        static let oo = Column(CodingKeys.oo)
        static let auditorium = Column(CodingKeys.auditorium)
        static let reviewStatus = Column(CodingKeys.reviewStatus)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var summary: ResultSummary { ResultSummary(participantID: participantCode, total: total, verdict: verdict) }
}
