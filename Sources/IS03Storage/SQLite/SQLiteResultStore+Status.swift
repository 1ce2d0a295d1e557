import Foundation
import GRDB

extension SQLiteResultStore {
    public func startRun(command: String, engineVersion: String) async throws -> Int64 {
        let now = now()
        return try await write { db in
            var run = RunRecord(id: nil, command: command, engineVersion: engineVersion, startedAt: now)
            try run.insert(db)
            return run.id!
        }
    }

    public func finishRun(id: Int64, counts: RunCounts) async throws {
        let now = now()
        try await write { [self] db in
            guard var run = try RunRecord.fetchOne(db, key: id) else { throw notFound("run", id) }
            run.finishedAt = now
            run.pagesDone = counts.pagesDone
            run.pagesFailed = counts.pagesFailed
            run.itemsQueued = counts.itemsQueued
            run.resultsChanged = counts.resultsChanged
            try run.update(db)
        }
    }

    public func status() async throws -> StoreStatus {
        try await read { db in
            var pages = Dictionary(uniqueKeysWithValues: PageState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: """
                SELECT state, COUNT(*) AS n FROM page WHERE purged_at IS NULL GROUP BY state
                """) {
                if let state = PageState(rawValue: row["state"]) { pages[state] = row["n"] }
            }
            var open: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT reason, COUNT(*) AS n FROM review_item WHERE state IN ('open', 'deferred') GROUP BY reason
                """) {
                open[row["reason"]] = row["n"]
            }
            return StoreStatus(packets: try PacketRecord.fetchCount(db), files: try ScanFileRecord.fetchCount(db),
                               pages: pages, results: try ResultRecord.fetchCount(db), openReviewByReason: open)
        }
    }

    public func packetSummaries() async throws -> [PacketSummary] {
        try await read { db in
            // One grouped pass each over pages and items, instead of a query per packet.
            var pages: [Int64: [PageState: Int]] = [:]
            var files: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT f.packet_id, p.state, COUNT(*) AS n
                FROM page p JOIN scan_file f ON f.id = p.file_id
                WHERE p.purged_at IS NULL GROUP BY f.packet_id, p.state
                """) {
                let packetID: Int64 = row["packet_id"]
                if let state = PageState(rawValue: row["state"]) { pages[packetID, default: [:]][state] = row["n"] }
            }
            for row in try Row.fetchAll(db, sql: "SELECT packet_id, COUNT(*) AS n FROM scan_file GROUP BY packet_id") {
                files[row["packet_id"]] = row["n"]
            }
            let open = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT f.packet_id, COUNT(*) AS n FROM review_item i
                JOIN page p ON p.id = i.page_id JOIN scan_file f ON f.id = p.file_id
                WHERE i.state IN ('open', 'deferred') GROUP BY f.packet_id
                """).map { (row: Row) -> (Int64, Int) in (row["packet_id"], row["n"]) })
            return try PacketRecord.order(PacketRecord.Columns.id).fetchAll(db).map { record in
                let id = record.id!
                var counts = Dictionary(uniqueKeysWithValues: PageState.allCases.map { ($0, 0) })
                counts.merge(pages[id] ?? [:]) { _, new in new }
                return PacketSummary(packet: PacketRef(id: id, name: record.name, sourcePath: record.sourcePath,
                                                       registeredAt: record.registeredAt, isNew: false, sitting: record.sitting),
                                     files: files[id] ?? 0, pages: counts, openReviewItems: open[id] ?? 0)
            }
        }
    }

    public func results(_ filter: ResultFilter) async throws -> [StoredResult] {
        try await read { db in
            var request = ResultRecord.all()
            if let oo = filter.oo { request = request.filter(ResultRecord.Columns.oo == oo) }
            if let auditorium = filter.auditorium { request = request.filter(ResultRecord.Columns.auditorium == auditorium) }
            if let sitting = filter.sitting { request = request.filter(sql: SittingSQL.pageOfSitting, arguments: [sitting]) }
            let records = try request.order(ResultRecord.Columns.oo, ResultRecord.Columns.auditorium,
                                            ResultRecord.Columns.participantCode, ResultRecord.Columns.pageID).fetchAll(db)
            return records.map { record in
                StoredResult(id: record.id!, pageID: record.pageID, participantID: record.participantCode,
                             participantListID: record.participantListID, oo: record.oo, auditorium: record.auditorium,
                             total: record.total, verdict: record.verdict,
                             reviewStatus: ResultReviewStatus(rawValue: record.reviewStatus) ?? .pendingReview,
                             payload: Data(record.payloadJSON.utf8), updatedAt: record.updatedAt)
            }
        }
    }

    public func openReviewItemCount(_ filter: ResultFilter) async throws -> Int {
        try await read { db in
            guard filter.oo != nil || filter.auditorium != nil || filter.sitting != nil else {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review_item WHERE state IN ('open', 'deferred')") ?? 0
            }
            // Items on pages without a result (e.g. an unmatched sheet) may belong to any school,
            // so they count for every filter: an export must not slip past them. A sheet belongs
            // to its packet's sitting, so the sitting narrows those too.
            return try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM review_item i LEFT JOIN result r ON r.page_id = i.page_id
                WHERE i.state IN ('open', 'deferred')
                  AND (r.id IS NULL OR ((? IS NULL OR r.oo = ?) AND (? IS NULL OR r.auditorium = ?)))
                  AND (? IS NULL OR i.\(SittingSQL.pageOfSitting))
                """, arguments: [filter.oo, filter.oo, filter.auditorium, filter.auditorium, filter.sitting, filter.sitting]) ?? 0
        }
    }

    public func auditTrail(entity: String?, entityID: Int64?) async throws -> [AuditEntry] {
        try await read { db in
            var request = AuditRecord.all()
            if let entity { request = request.filter(AuditRecord.Columns.entity == entity) }
            if let entityID { request = request.filter(AuditRecord.Columns.entityID == entityID) }
            return try request.order(AuditRecord.Columns.id).fetchAll(db).map { record in
                AuditEntry(id: record.id!, at: record.at, actor: record.actor, entity: record.entity,
                           entityID: record.entityID, field: record.field, from: record.fromValue,
                           to: record.toValue, redacted: record.redacted)
            }
        }
    }
}
