import Foundation
import IS03Core
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    public func startRun(command: String, engineVersion: String) async throws -> Int64 {
        let now = now()
        return try await write { c in
            guard let row = try await c.row("""
                INSERT INTO run (command, engine_version, started_at) VALUES (\(command), \(engineVersion), \(now)) RETURNING id
                """) else { throw StorageError(.databaseFailure, "the run was not recorded", location: self.location) }
            return try row.get("id")
        }
    }

    public func finishRun(id: Int64, counts: RunCounts) async throws {
        let now = now()
        try await write { [self] c in
            let touched = try await c.count("""
                UPDATE run SET finished_at = \(now), pages_done = \(counts.pagesDone), pages_failed = \(counts.pagesFailed),
                       items_queued = \(counts.itemsQueued), results_changed = \(counts.resultsChanged)
                WHERE id = \(id) RETURNING 1
                """)
            guard touched == 1 else { throw notFound("run", id) }
        }
    }

    public func status() async throws -> StoreStatus {
        try await read { c in
            var pages = Dictionary(uniqueKeysWithValues: PageState.allCases.map { ($0, 0) })
            for row in try await c.rows("SELECT state, COUNT(*) AS n FROM page WHERE purged_at IS NULL GROUP BY state") {
                if let state = PageState(rawValue: try row.get("state")) { pages[state] = try row.get("n") }
            }
            var open: [String: Int] = [:]
            for row in try await c.rows("""
                SELECT reason, COUNT(*) AS n FROM review_item WHERE state IN ('open', 'deferred') GROUP BY reason
                """) {
                open[try row.get("reason")] = try row.get("n")
            }
            return StoreStatus(packets: try await c.scalar("SELECT COUNT(*) FROM packet"),
                               files: try await c.scalar("SELECT COUNT(*) FROM scan_file"), pages: pages,
                               results: try await c.scalar("SELECT COUNT(*) FROM result"), openReviewByReason: open)
        }
    }

    public func packetSummaries() async throws -> [PacketSummary] {
        try await read { c in
            var pages: [Int64: [PageState: Int]] = [:]
            for row in try await c.rows("""
                SELECT f.packet_id, p.state, COUNT(*) AS n FROM page p JOIN scan_file f ON f.id = p.file_id
                WHERE p.purged_at IS NULL GROUP BY f.packet_id, p.state
                """) {
                if let state = PageState(rawValue: try row.get("state")) {
                    pages[try row.get("packet_id"), default: [:]][state] = try row.get("n")
                }
            }
            var files: [Int64: Int] = [:]
            for row in try await c.rows("SELECT packet_id, COUNT(*) AS n FROM scan_file GROUP BY packet_id") {
                files[try row.get("packet_id")] = try row.get("n")
            }
            var open: [Int64: Int] = [:]
            for row in try await c.rows("""
                SELECT f.packet_id, COUNT(*) AS n FROM review_item i
                JOIN page p ON p.id = i.page_id JOIN scan_file f ON f.id = p.file_id
                WHERE i.state IN ('open', 'deferred') GROUP BY f.packet_id
                """) {
                open[try row.get("packet_id")] = try row.get("n")
            }
            return try await c.rows("SELECT * FROM packet ORDER BY id").map { row in
                let id: Int64 = try row.get("id")
                var counts = Dictionary(uniqueKeysWithValues: PageState.allCases.map { ($0, 0) })
                counts.merge(pages[id] ?? [:]) { _, new in new }
                return PacketSummary(packet: PacketRef(id: id, name: try row.get("name"), sourcePath: try row.get("source_path"),
                                                       registeredAt: try row.get("registered_at"), isNew: false,
                                                       sitting: try row.get("sitting")),
                                     files: files[id] ?? 0, pages: counts, openReviewItems: open[id] ?? 0)
            }
        }
    }

    public func results(_ filter: ResultFilter) async throws -> [StoredResult] {
        try await read { c in
            // Byte order with NULLs first, as SQLite sorts, so exports list rows identically.
            try await c.rows("""
                SELECT * FROM result
                WHERE (\(filter.oo)::text IS NULL OR oo = \(filter.oo))
                  AND (\(filter.auditorium)::text IS NULL OR auditorium = \(filter.auditorium))
                  AND (\(filter.sitting)::text IS NULL OR page_id IN (
                       SELECT p.id FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id
                       WHERE k.sitting = \(filter.sitting)))
                ORDER BY oo COLLATE "C" NULLS FIRST, auditorium COLLATE "C" NULLS FIRST,
                         participant_code COLLATE "C" NULLS FIRST, page_id
                """).map { row in
                StoredResult(id: try row.get("id"), pageID: try row.get("page_id"), participantID: try row.get("participant_code"),
                             participantListID: try row.get("participant_list_id"), oo: try row.get("oo"),
                             auditorium: try row.get("auditorium"), total: try row.get("total"), verdict: try row.get("verdict"),
                             reviewStatus: ResultReviewStatus(rawValue: try row.get("review_status")) ?? .pendingReview,
                             payload: Data(try row.get("payload_json", as: String.self).utf8),
                             updatedAt: try row.get("updated_at"))
            }
        }
    }

    public func openReviewItemCount(_ filter: ResultFilter) async throws -> Int {
        try await read { c in
            guard filter.oo != nil || filter.auditorium != nil || filter.sitting != nil else {
                return try await c.scalar("SELECT COUNT(*) FROM review_item WHERE state IN ('open', 'deferred')")
            }
            // Items on pages without a result (an unmatched sheet) may belong to any school.
            return try await c.scalar("""
                SELECT COUNT(*) FROM review_item i LEFT JOIN result r ON r.page_id = i.page_id
                WHERE i.state IN ('open', 'deferred')
                  AND (r.id IS NULL OR ((\(filter.oo)::text IS NULL OR r.oo = \(filter.oo))
                                        AND (\(filter.auditorium)::text IS NULL OR r.auditorium = \(filter.auditorium))))
                  AND (\(filter.sitting)::text IS NULL OR i.page_id IN (
                       SELECT p.id FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id
                       WHERE k.sitting = \(filter.sitting)))
                """)
        }
    }

    public func auditTrail(entity: String?, entityID: Int64?) async throws -> [AuditEntry] {
        try await read { c in
            try await c.rows("""
                SELECT * FROM audit_log
                WHERE (\(entity)::text IS NULL OR entity = \(entity)) AND (\(entityID)::bigint IS NULL OR entity_id = \(entityID))
                ORDER BY id
                """).map { row in
                AuditEntry(id: try row.get("id"), at: try row.get("at"), actor: try row.get("actor"),
                           entity: try row.get("entity"), entityID: try row.get("entity_id"), field: try row.get("field"),
                           from: try row.get("from_value"), to: try row.get("to_value"), redacted: try row.get("redacted"))
            }
        }
    }
}

extension PostgresResultStore {
    public func readPages(limit: Int, afterID: Int64?, known: Set<Int64>, sitting: String?) async throws -> [ReadPage] {
        try await read { [self] c in
            try await c.rows("""
                SELECT p.id, p.file_id, f.path, p.page_index, p.sha256, p.state, p.reading_json, p.read_at, k.name AS packet_name
                FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id
                WHERE p.state = 'done' AND p.purged_at IS NULL AND p.reading_json IS NOT NULL AND p.id > \(afterID ?? 0)
                  AND (\(sitting)::text IS NULL OR k.sitting = \(sitting))
                ORDER BY p.id LIMIT \(max(0, limit))
                """).map { row in
                let id: Int64 = try row.get("id")
                let reading = try known.contains(id) ? nil : StoreJSON.decode(
                    SheetReading.self, from: try row.get("reading_json"), location: location, what: "reading of page \(id)")
                return ReadPage(ref: try Self.pageRef(row), packetName: try row.get("packet_name"), reading: reading,
                                readAt: try row.get("read_at"))
            }
        }
    }

    public func pagesToReprocess(current: ProcessingVersions, limit: Int, afterID: Int64?) async throws -> [ReprocessCandidate] {
        try await read { c in
            var found: [ReprocessCandidate] = []
            var cursor = afterID ?? 0
            // Judged in Swift by the rules SQLite uses (StoreRules), over batches of read pages.
            let batch = max(limit, 512)
            while found.count < limit {
                let rows = try await c.rows("""
                    SELECT p.id, p.file_id, f.path, p.page_index, p.sha256, p.state, p.template_id,
                           p.template_version, p.engine_version, p.participant_list_id, r.updated_at AS result_at,
                           (SELECT MAX(d.decided_at) FROM decision d JOIN review_item i ON i.id = d.item_id
                             WHERE i.page_id = p.id AND i.state = 'decided') AS decided_at
                    FROM page p JOIN scan_file f ON f.id = p.file_id LEFT JOIN result r ON r.page_id = p.id
                    WHERE p.state IN ('done', 'failed') AND p.purged_at IS NULL AND p.id > \(cursor)
                    ORDER BY p.id LIMIT \(batch)
                    """)
                for row in rows {
                    let reasons = StoreRules.reprocessReasons(StoreRules.StoredVersions(
                        state: try row.get("state"), engineVersion: try row.get("engine_version"),
                        templateID: try row.get("template_id"), templateVersion: try row.get("template_version"),
                        participantListID: try row.get("participant_list_id"), decidedAt: try row.get("decided_at"),
                        resultAt: try row.get("result_at")), current: current)
                    if !reasons.isEmpty {
                        found.append(ReprocessCandidate(page: try Self.pageRef(row), reasons: reasons))
                        if found.count == limit { break }
                    }
                }
                guard rows.count == batch, let last = rows.last else { break }
                cursor = try last.get("id")
            }
            return found
        }
    }
}
