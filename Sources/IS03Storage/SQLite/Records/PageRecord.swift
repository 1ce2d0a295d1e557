import Foundation
import GRDB

/// A row of `page`: one page image of a scan file, its state and its stored reading.
struct PageRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "page"
    var id: Int64?
    var fileID: Int64
    var pageIndex: Int
    var sha256: String
    /// Stored as its raw value; the schema's CHECK allows no other.
    var state: PageState
    var failureReason: String?
    var templateID: String?
    var templateVersion: String?
    var engineVersion: String?
    var pageClass: String?
    var participantListID: Int64?
    /// The `SheetReading` as JSON; nil until read and after a purge.
    var readingJSON: String?
    var readAt: Date?
    var purgedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, fileID = "file_id", pageIndex = "page_index", sha256, state
        case failureReason = "failure_reason", templateID = "template_id"
        case templateVersion = "template_version", engineVersion = "engine_version"
        case pageClass = "page_class", participantListID = "participant_list_id"
        case readingJSON = "reading_json", readAt = "read_at", purgedAt = "purged_at"
    }
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let fileID = Column(CodingKeys.fileID)
        static let pageIndex = Column(CodingKeys.pageIndex)
        static let state = Column(CodingKeys.state)
        static let failureReason = Column(CodingKeys.failureReason)
        static let templateID = Column(CodingKeys.templateID)
        static let templateVersion = Column(CodingKeys.templateVersion)
        static let engineVersion = Column(CodingKeys.engineVersion)
        static let participantListID = Column(CodingKeys.participantListID)
        static let readingJSON = Column(CodingKeys.readingJSON)
        static let purgedAt = Column(CodingKeys.purgedAt)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
