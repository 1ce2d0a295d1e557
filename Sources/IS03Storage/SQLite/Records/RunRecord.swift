import Foundation
import GRDB

/// A row of `run`: one invocation of `is03 process`, `reprocess`, … with its counts.
struct RunRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "run"
    var id: Int64?
    var command: String
    var engineVersion: String
    var startedAt: Date
    var finishedAt: Date?
    var pagesDone: Int?
    var pagesFailed: Int?
    var itemsQueued: Int?
    var resultsChanged: Int?

    enum CodingKeys: String, CodingKey {
        case id, command, engineVersion = "engine_version", startedAt = "started_at"
        case finishedAt = "finished_at", pagesDone = "pages_done", pagesFailed = "pages_failed"
        case itemsQueued = "items_queued", resultsChanged = "results_changed"
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
