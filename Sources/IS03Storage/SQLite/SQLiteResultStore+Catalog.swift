import Foundation
import GRDB
import IS03Core

extension SQLiteResultStore: ReadingCatalog {
    public func readPages(limit: Int, afterID: Int64?, known: Set<Int64>, sitting: String?) async throws -> [ReadPage] {
        try await writer.read { [self] db in
            // The readings' JSON (tens of kilobytes a page) is fetched only for pages the caller
            // does not hold: after a read stage that is none of them.
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.id, p.file_id, f.path, p.page_index, p.sha256, p.state, p.read_at, k.name AS packet_name
                FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id
                WHERE p.state = 'done' AND p.purged_at IS NULL AND p.reading_json IS NOT NULL AND p.id > ?
                  AND (? IS NULL OR k.sitting = ?)
                ORDER BY p.id LIMIT ?
                """, arguments: [afterID ?? 0, sitting, sitting, max(0, limit)])
            let wanted = rows.map { $0["id"] as Int64 }.filter { !known.contains($0) }
            var json: [Int64: String] = [:]
            if !wanted.isEmpty {
                let marks = Array(repeating: "?", count: wanted.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, reading_json FROM page WHERE id IN (\(marks))",
                                            arguments: StatementArguments(wanted)) {
                    json[row["id"]] = row["reading_json"]
                }
            }
            return try rows.map { row in
                let id: Int64 = row["id"]
                let reading = try json[id].map {
                    try StoredJSON.decode(SheetReading.self, from: $0, location: location, what: "reading of page \(id)")
                }
                guard known.contains(id) || reading != nil else {
                    throw StorageError(.corruptData, "page \(id) lost its reading while it was listed", location: location)
                }
                return ReadPage(ref: Self.pageRef(row), packetName: row["packet_name"], reading: reading, readAt: row["read_at"])
            }
        }
    }
}
