import Foundation
import GRDB

/// A row of `review_item`: one question for an operator about one field of one page.
struct ReviewItemRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "review_item"
    var id: Int64?
    var pageID: Int64
    var fieldID: String
    var reason: String
    var machineValue: String?
    var candidatesJSON: String
    var confidence: Double
    var cropPath: String?
    var state: String
    var assignedOperator: String?
    var leaseUntil: Date?
    var readingFingerprint: String
    var createdAt: Date
    var updatedAt: Date
    var message: String?

    enum CodingKeys: String, CodingKey {
        case id, pageID = "page_id", fieldID = "field_id", reason, machineValue = "machine_value"
        case candidatesJSON = "candidates_json", confidence, cropPath = "crop_path", state
        case assignedOperator = "assigned_operator", leaseUntil = "lease_until"
        case readingFingerprint = "reading_fingerprint", createdAt = "created_at"
        case updatedAt = "updated_at", message
    }
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let pageID = Column(CodingKeys.pageID)
        static let fieldID = Column(CodingKeys.fieldID)
        static let reason = Column(CodingKeys.reason)
        static let state = Column(CodingKeys.state)
        static let leaseUntil = Column(CodingKeys.leaseUntil)
        static let cropPath = Column(CodingKeys.cropPath)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
