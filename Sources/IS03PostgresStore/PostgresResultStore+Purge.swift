import Foundation
import IS03Core
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    /// One transaction, as on SQLite (docs/storage.md "Retention purge"). Afterwards the store
    /// cannot VACUUM the way SQLite does (VACUUM FULL would lock every table for the whole
    /// night's workers); PostgreSQL's dead row versions are reclaimed by autovacuum, and the
    /// operator runs `VACUUM FULL` in a maintenance window when the bytes must be gone from the
    /// files at once (docs/scale-out.md). So `compacted` is true only after that plain VACUUM ran.
    public func purge(before cutoff: Date, actor: String, allowingFutureCutoff: Bool, sitting: String?) async throws -> PurgeReport {
        try await PurgeRules.carryOut(before: cutoff, now: now(), allowingFutureCutoff: allowingFutureCutoff, location: location,
                                      deleteRows: { try await purgeRows(before: cutoff, actor: actor, sitting: sitting) },
                                      reclaimSpace: { await vacuum() })
    }

    /// A plain VACUUM of the tables that held personal data: marks the deleted versions free
    /// (they are overwritten by later writes) without locking out the workers.
    private func vacuum() async -> Bool {
        do {
            try await client.withConnection { c in
                for table in ["review_item", "decision", "result", "reconciliation", "page", "participant", "expert",
                              "participant_list", "audit_log", "review_opinion"] {
                    try await c.run(PostgresQuery(unsafeSQL: "VACUUM \(table)"))
                }
            }
            return true
        } catch {
            return false
        }
    }

    private func purgeRows(before cutoff: Date, actor: String, sitting: String?) async throws -> PurgeReport {
        let now = now()
        return try await write { [self] c in
            // Pages of packets registered before the cutoff that still hold data, fixed up front.
            let pageIDs: [Int64] = try await c.rows("""
                SELECT p.id FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id
                WHERE k.registered_at < \(cutoff) AND p.purged_at IS NULL AND (\(sitting)::text IS NULL OR k.sitting = \(sitting))
                ORDER BY p.id FOR UPDATE OF p
                """).map { try $0.get("id") }
            let listIDs: [Int64] = try await c.rows("""
                SELECT id FROM participant_list WHERE imported_at < \(cutoff) AND (\(sitting)::text IS NULL OR sitting = \(sitting))
                """).map { try $0.get("id") }
            // With a sitting, only audit entries about its pages, items, results and lists are
            // redacted (found before those rows go); without one, every entry older than the cutoff.
            let auditEntriesRedacted = try await c.count("""
                UPDATE audit_log SET from_value = NULL, to_value = NULL, redacted = true
                WHERE at < \(cutoff) AND redacted = false AND (from_value IS NOT NULL OR to_value IS NOT NULL)
                  AND (\(sitting)::text IS NULL
                       OR (entity = 'page' AND entity_id = ANY(\(pageIDs)))
                       OR (entity = 'review_item' AND entity_id IN (SELECT id FROM review_item WHERE page_id = ANY(\(pageIDs))))
                       OR (entity = 'result' AND entity_id IN (SELECT id FROM result WHERE page_id = ANY(\(pageIDs))))
                       OR (entity = 'participant_list' AND entity_id = ANY(\(listIDs))))
                RETURNING 1
                """)
            let packets = try await c.scalar("""
                SELECT COUNT(DISTINCT f.packet_id) FROM scan_file f JOIN page p ON p.file_id = f.id WHERE p.id = ANY(\(pageIDs))
                """)
            let scanFilePaths: [String] = try await c.rows("""
                SELECT DISTINCT f.path COLLATE "C" AS path FROM scan_file f JOIN page p ON p.file_id = f.id
                WHERE p.id = ANY(\(pageIDs)) ORDER BY 1
                """).map { try $0.get("path") }
            let cropPaths: [String] = try await c.rows("""
                SELECT DISTINCT crop_path COLLATE "C" AS crop_path FROM review_item
                WHERE crop_path IS NOT NULL AND page_id = ANY(\(pageIDs)) ORDER BY 1
                """).map { try $0.get("crop_path") }
            let decisions = try await c.scalar("""
                SELECT COUNT(*) FROM decision d JOIN review_item i ON i.id = d.item_id WHERE i.page_id = ANY(\(pageIDs))
                """)
            // Decisions and opinions go with their items (ON DELETE CASCADE).
            let reviewItems = try await c.count("DELETE FROM review_item WHERE page_id = ANY(\(pageIDs)) RETURNING 1")
            let results = try await c.count("DELETE FROM result WHERE page_id = ANY(\(pageIDs)) RETURNING 1")
            try await c.run("DELETE FROM reconciliation WHERE page_id = ANY(\(pageIDs))")
            // Keep each page's identity (file, index, hash) so the same scans are not taken in again.
            let pages = try await c.count("""
                UPDATE page SET reading_json = NULL, purged_at = \(now) WHERE id = ANY(\(pageIDs)) RETURNING 1
                """)
            let participants = try await c.scalar("SELECT COUNT(*) FROM participant WHERE list_id = ANY(\(listIDs))")
            let participantLists = try await c.count("DELETE FROM participant_list WHERE id = ANY(\(listIDs)) RETURNING 1")
            var report = PurgeReport(id: 0, cutoff: cutoff, packets: packets, pages: pages, results: results,
                                     reviewItems: reviewItems, decisions: decisions, participantLists: participantLists,
                                     participants: participants, auditEntriesRedacted: auditEntriesRedacted,
                                     scanFilePaths: scanFilePaths, cropPaths: cropPaths, compacted: false)
            // Every purged page's, this purge's and earlier ones' (see PurgeReport).
            report.cropFilePrefixes = try await c.rows("""
                SELECT DISTINCT (substr(sha256, 1, 12) || '-p' || page_index::text || '-') COLLATE "C" AS prefix FROM page
                WHERE purged_at IS NOT NULL ORDER BY 1
                """).map { try $0.get("prefix") }
            report.purgedScanFilePaths = try await c.rows("""
                SELECT DISTINCT f.path COLLATE "C" AS path FROM scan_file f JOIN page p ON p.file_id = f.id
                WHERE p.purged_at IS NOT NULL ORDER BY 1
                """).map { try $0.get("path") }
            let summary = try PurgeSummary.json(report)
            guard let row = try await c.row("""
                INSERT INTO purge (at, actor, cutoff, summary_json) VALUES (\(now), \(actor), \(cutoff), \(summary)) RETURNING id
                """) else { throw StorageError(.databaseFailure, "the purge was not recorded", location: location) }
            report.id = try row.get("id")
            try await audit(c, actor: actor, entity: PurgeRules.auditEntity, entityID: report.id, field: PurgeRules.summaryField, to: summary)
            return report
        }
    }
}

extension PostgresResultStore {
    public func recordPurgedFiles(_ files: PurgedFiles, purgeID: Int64, actor: String) async throws {
        let counts = try StoreJSON.encode(files)
        try await write { [self] c in
            try await audit(c, actor: actor, entity: PurgeRules.auditEntity, entityID: purgeID, field: PurgeRules.filesField, to: counts)
        }
    }
}
