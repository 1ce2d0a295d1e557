import Foundation
import GRDB

/// A row of `purge`: when personal data was destroyed, by whom, up to which date, and the
/// counts of what went (as JSON, so new kinds of data can be added without a migration).
struct PurgeRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "purge"
    var id: Int64?
    var at: Date
    var actor: String
    var cutoff: Date
    var summaryJSON: String

    enum CodingKeys: String, CodingKey {
        case id, at, actor, cutoff, summaryJSON = "summary_json"
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
