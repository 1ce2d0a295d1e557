import Foundation
import GRDB
import IS03Core

extension Schema {
    /// Page claims of `is03 worker`: who holds a pending page and until when (see ``PageClaimStore``),
    /// and named job locks (one worker at a time assembles the batch).
    static func createV3(_ db: Database) throws {
        try db.alter(table: "page") { t in
            t.add(column: "claimed_by", .text)
            t.add(column: "lease_until", .datetime)
        }
        try db.create(table: "job_lock") { t in
            t.primaryKey("name", .text)
            t.column("holder", .text).notNull()
            t.column("lease_until", .datetime).notNull()
        }
    }
}

/// Claims on SQLite: every write is one IMMEDIATE transaction, so a claim's select-then-update
/// cannot interleave with another process's; several workers on one machine can share a file.
extension SQLiteResultStore: PageClaimStore {
    public func claimPendingPages(worker: String, limit: Int, leaseSeconds: Int) async throws -> [PageRef] {
        let now = now()
        return try await write { [self] db in
            let free = "p.state = 'pending' AND p.purged_at IS NULL AND (p.lease_until IS NULL OR p.lease_until < ?)"
            let refs = try pageRefs(db, where: free, arguments: [now], limit: limit)
            guard !refs.isEmpty else { return [] }
            try db.execute(sql: """
                UPDATE page SET claimed_by = ?, lease_until = ? WHERE id IN (\(databaseQuestionMarks(count: refs.count)))
                """, arguments: [worker, now.addingTimeInterval(TimeInterval(leaseSeconds))] + StatementArguments(refs.map(\.id)))
            return refs
        }
    }

    public func renewClaims(pageIDs: [Int64], worker: String, leaseSeconds: Int) async throws -> [Int64] {
        guard !pageIDs.isEmpty else { return [] }
        let now = now()
        return try await write { db in
            let held = try Int64.fetchAll(db, sql: """
                SELECT id FROM page WHERE state = 'pending' AND claimed_by = ?
                  AND id IN (\(databaseQuestionMarks(count: pageIDs.count))) ORDER BY id
                """, arguments: [worker] + StatementArguments(pageIDs))
            guard !held.isEmpty else { return [] }
            try db.execute(sql: "UPDATE page SET lease_until = ? WHERE id IN (\(databaseQuestionMarks(count: held.count)))",
                           arguments: [now.addingTimeInterval(TimeInterval(leaseSeconds))] + StatementArguments(held))
            return held
        }
    }

    public func storeClaimedReading(pageID: Int64, worker: String, reading: SheetReading, templateVersion: String?,
                                    engineVersion: String) async throws -> Bool {
        let now = now()
        let readingJSON = try StoredJSON.encode(reading)
        return try await write { db in
            // The claim check and the store are one statement: a page is stored once, by its holder.
            try db.execute(sql: """
                UPDATE page SET state = 'done', failure_reason = NULL, template_id = ?, template_version = ?,
                       engine_version = ?, page_class = ?, participant_list_id = NULL, reading_json = ?,
                       read_at = ?, lease_until = NULL
                WHERE id = ? AND state = 'pending' AND claimed_by = ? AND purged_at IS NULL
                """, arguments: [reading.templateID, templateVersion, engineVersion, reading.pageClass.rawValue,
                                 readingJSON, now, pageID, worker])
            return db.changesCount == 1
        }
    }

    public func markClaimedPageFailed(pageID: Int64, worker: String, reason: String, engineVersion: String) async throws -> Bool {
        let now = now()
        return try await write { [self] db in
            try db.execute(sql: """
                UPDATE page SET state = 'failed', failure_reason = ?, engine_version = ?, read_at = ?, lease_until = NULL
                WHERE id = ? AND state = 'pending' AND claimed_by = ? AND purged_at IS NULL
                """, arguments: [reason, engineVersion, now, pageID, worker])
            guard db.changesCount == 1 else { return false }
            try audit(db, actor: worker, entity: "page", entityID: pageID, field: "state",
                      from: PageState.pending.rawValue, to: "failed: \(reason)")
            return true
        }
    }

    public func releaseClaims(pageIDs: [Int64], worker: String) async throws {
        guard !pageIDs.isEmpty else { return }
        try await write { db in
            try db.execute(sql: """
                UPDATE page SET claimed_by = NULL, lease_until = NULL
                WHERE state = 'pending' AND claimed_by = ? AND id IN (\(databaseQuestionMarks(count: pageIDs.count)))
                """, arguments: [worker] + StatementArguments(pageIDs))
        }
    }

    public func acquireJobLock(_ name: String, holder: String, leaseSeconds: Int) async throws -> Bool {
        let now = now()
        return try await write { db in
            try db.execute(sql: """
                INSERT INTO job_lock (name, holder, lease_until) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
                WHERE job_lock.holder = excluded.holder OR job_lock.lease_until < ?
                """, arguments: [name, holder, now.addingTimeInterval(TimeInterval(leaseSeconds)), now])
            return db.changesCount == 1
        }
    }

    public func releaseJobLock(_ name: String, holder: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM job_lock WHERE name = ? AND holder = ?", arguments: [name, holder])
        }
    }

    public func claimCounts() async throws -> ClaimCounts {
        let now = now()
        return try await read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(CASE WHEN lease_until IS NULL OR lease_until < ? THEN 1 ELSE 0 END), 0) AS free,
                       COALESCE(SUM(CASE WHEN lease_until >= ? THEN 1 ELSE 0 END), 0) AS held
                FROM page WHERE state = 'pending' AND purged_at IS NULL
                """, arguments: [now, now])
            return ClaimCounts(unclaimed: row?["free"] ?? 0, claimed: row?["held"] ?? 0)
        }
    }
}
