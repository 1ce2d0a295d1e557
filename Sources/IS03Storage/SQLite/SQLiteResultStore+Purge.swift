import Foundation
import GRDB

extension SQLiteResultStore {
    public func purge(before cutoff: Date, actor: String, allowingFutureCutoff: Bool, sitting: String?) async throws -> PurgeReport {
        try await PurgeRules.carryOut(before: cutoff, now: now(), allowingFutureCutoff: allowingFutureCutoff, location: location,
                                      deleteRows: { try await purgeRows(before: cutoff, actor: actor, sitting: sitting) },
                                      reclaimSpace: { await compact() })
    }

    /// Deleted rows stay readable in the file's free pages (and the WAL) until overwritten;
    /// "destroyed without the possibility of recovery" needs them gone: VACUUM rewrites the
    /// database without free pages, then a truncating checkpoint empties the WAL. Costs time
    /// and temporary disk space in proportion to the database, once a year.
    private func compact() async -> Bool {
        do {
            try await writer.vacuum()
            _ = try await writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            return true
        } catch {
            return false
        }
    }

    private func purgeRows(before cutoff: Date, actor: String, sitting: String?) async throws -> PurgeReport {
        let now = now()
        return try await write { [self] db in
            func purgedFiles() throws -> (cropPrefixes: [String], scans: [String]) {
                let prefixes = try String.fetchAll(db, sql: """
                    SELECT DISTINCT substr(sha256, 1, 12) || '-p' || page_index || '-' FROM page
                    WHERE purged_at IS NOT NULL ORDER BY 1
                    """)
                let scans = try String.fetchAll(db, sql: """
                    SELECT DISTINCT f.path FROM scan_file f JOIN page p ON p.file_id = f.id
                    WHERE p.purged_at IS NOT NULL ORDER BY 1
                    """)
                return (prefixes, scans)
            }
            // Pages of packets registered before the cutoff that still hold data.
            let pageScope = """
                SELECT p.id FROM page p JOIN scan_file f ON f.id = p.file_id
                JOIN packet k ON k.id = f.packet_id
                WHERE k.registered_at < ? AND p.purged_at IS NULL AND (? IS NULL OR k.sitting = ?)
                """
            let arguments: StatementArguments = [cutoff, sitting, sitting]
            // Lists imported before the cutoff (of the sitting): the same three arguments.
            let listScope = "SELECT id FROM participant_list WHERE imported_at < ? AND (? IS NULL OR sitting = ?)"
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }

            let packets = try count("""
                SELECT COUNT(DISTINCT f.packet_id) FROM scan_file f JOIN page p ON p.file_id = f.id
                WHERE p.id IN (\(pageScope))
                """)
            let scanFilePaths = try String.fetchAll(db, sql: """
                SELECT DISTINCT f.path FROM scan_file f JOIN page p ON p.file_id = f.id
                WHERE p.id IN (\(pageScope)) ORDER BY f.path
                """, arguments: arguments)
            let cropPaths = try String.fetchAll(db, sql: """
                SELECT DISTINCT crop_path FROM review_item
                WHERE crop_path IS NOT NULL AND page_id IN (\(pageScope)) ORDER BY crop_path
                """, arguments: arguments)
            // With a sitting, only audit entries about its pages, items, results and lists are
            // redacted (found before those rows go); without one, every entry older than the cutoff.
            let auditScope = sitting == nil ? "1 = 1" : SittingSQL.auditEntriesOf(pageScope: pageScope, listScope: listScope)
            var auditArguments: StatementArguments = [cutoff]
            if sitting != nil { for _ in 0..<4 { auditArguments += arguments } }
            try db.execute(sql: """
                UPDATE audit_log SET from_value = NULL, to_value = NULL, redacted = 1
                WHERE at < ? AND redacted = 0 AND (from_value IS NOT NULL OR to_value IS NOT NULL) AND \(auditScope)
                """, arguments: auditArguments)
            let auditEntriesRedacted = db.changesCount
            let decisions = try count("""
                SELECT COUNT(*) FROM decision d JOIN review_item i ON i.id = d.item_id
                WHERE i.page_id IN (\(pageScope))
                """)
            // Decisions go with their items (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM review_item WHERE page_id IN (\(pageScope))", arguments: arguments)
            let reviewItems = db.changesCount
            try db.execute(sql: "DELETE FROM result WHERE page_id IN (\(pageScope))", arguments: arguments)
            let results = db.changesCount
            try db.execute(sql: "DELETE FROM reconciliation WHERE page_id IN (\(pageScope))", arguments: arguments)
            // Keep each page's identity (file, index, hash) so the same scans are not taken in again.
            try db.execute(sql: """
                UPDATE page SET reading_json = NULL, purged_at = ? WHERE id IN (\(pageScope))
                """, arguments: [now] + arguments)
            let pages = db.changesCount

            let participants = try count("SELECT COUNT(*) FROM participant WHERE list_id IN (\(listScope))")
            // Participants go with their list (ON DELETE CASCADE); references become NULL.
            try db.execute(sql: "DELETE FROM participant_list WHERE id IN (\(listScope))", arguments: arguments)
            let participantLists = db.changesCount

            var report = PurgeReport(id: 0, cutoff: cutoff, packets: packets, pages: pages, results: results,
                                     reviewItems: reviewItems, decisions: decisions,
                                     participantLists: participantLists, participants: participants,
                                     auditEntriesRedacted: auditEntriesRedacted,
                                     scanFilePaths: scanFilePaths, cropPaths: cropPaths, compacted: false)
            let files = try purgedFiles()
            report.cropFilePrefixes = files.cropPrefixes
            report.purgedScanFilePaths = files.scans
            let summary = try PurgeSummary.json(report)
            var record = PurgeRecord(id: nil, at: now, actor: actor, cutoff: cutoff, summaryJSON: summary)
            try record.insert(db)
            report.id = record.id!
            try audit(db, actor: actor, entity: PurgeRules.auditEntity, entityID: record.id, field: PurgeRules.summaryField,
                      to: summary)
            return report
        }
    }
}

extension SQLiteResultStore {
    public func recordPurgedFiles(_ files: PurgedFiles, purgeID: Int64, actor: String) async throws {
        try await write { [self] db in
            try audit(db, actor: actor, entity: PurgeRules.auditEntity, entityID: purgeID, field: PurgeRules.filesField, to: try StoredJSON.encode(files))
        }
    }
}
