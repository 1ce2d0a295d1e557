import Foundation
import GRDB

extension SQLiteResultStore {
    public func pagesToReprocess(current: ProcessingVersions, limit: Int, afterID: Int64?) async throws -> [ReprocessCandidate] {
        try await read { db in
            var found: [ReprocessCandidate] = []
            var cursor = afterID ?? 0
            // The comparison is done in Swift over batches of read pages (the template versions
            // are a small dictionary), so the SQL stays plain and portable.
            let batch = max(limit, 512)
            while found.count < limit {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT p.id, p.file_id, f.path, p.page_index, p.sha256, p.state, p.template_id,
                           p.template_version, p.engine_version, p.participant_list_id,
                           r.updated_at AS result_at,
                           (SELECT MAX(d.decided_at) FROM decision d JOIN review_item i ON i.id = d.item_id
                             WHERE i.page_id = p.id AND i.state = 'decided') AS decided_at
                    FROM page p
                    JOIN scan_file f ON f.id = p.file_id
                    LEFT JOIN result r ON r.page_id = p.id
                    WHERE p.state IN ('done', 'failed') AND p.purged_at IS NULL AND p.id > ?
                    ORDER BY p.id LIMIT \(batch)
                    """, arguments: [cursor])
                for row in rows {
                    let reasons = Self.reprocessReasons(row, current: current)
                    if !reasons.isEmpty {
                        found.append(ReprocessCandidate(page: Self.pageRef(row), reasons: reasons))
                        if found.count == limit { break }
                    }
                }
                guard rows.count == batch, let last = rows.last else { break }
                cursor = last["id"]
            }
            return found
        }
    }

    /// The row's stored versions, judged by ``StoreRules/reprocessReasons(_:current:)`` (shared
    /// with the other engines).
    private static func reprocessReasons(_ row: Row, current: ProcessingVersions) -> ReprocessCandidate.Reasons {
        StoreRules.reprocessReasons(StoreRules.StoredVersions(
            state: row["state"], engineVersion: row["engine_version"], templateID: row["template_id"],
            templateVersion: row["template_version"], participantListID: row["participant_list_id"],
            decidedAt: row["decided_at"], resultAt: row["result_at"]), current: current)
    }
}
