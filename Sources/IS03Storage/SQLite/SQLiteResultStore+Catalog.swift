import Foundation
import GRDB
import IS03Core

extension SQLiteResultStore: ReadingCatalog {
    public func readPages(limit: Int, afterID: Int64?, known: Set<Int64>) async throws -> [ReadPage] {
        try await writer.read { [self] db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.id, p.file_id, f.path, p.page_index, p.sha256, p.state, p.reading_json, k.name AS packet_name
                FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id
                WHERE p.state = 'done' AND p.purged_at IS NULL AND p.reading_json IS NOT NULL AND p.id > ?
                ORDER BY p.id LIMIT ?
                """, arguments: [afterID ?? 0, max(0, limit)])
            return try rows.map { row in
                let id: Int64 = row["id"]
                let reading = try known.contains(id) ? nil : StoredJSON.decode(
                    SheetReading.self, from: row["reading_json"] as String, location: location, what: "reading of page \(id)")
                return ReadPage(ref: Self.pageRef(row), packetName: row["packet_name"], reading: reading)
            }
        }
    }
}
