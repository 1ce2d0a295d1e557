import Foundation
import IS03Core
import IS03Store
import PostgresNIO

/// Page claims for `is03 worker` (see ``PageClaimStore``): `FOR UPDATE SKIP LOCKED` hands
/// concurrent workers disjoint pages without waiting on each other, and every store checks
/// the claim in the same statement that writes, so a worker whose lease ran out (paused, cut
/// off) cannot overwrite the page another worker took over.
extension PostgresResultStore {
    public func claimPendingPages(worker: String, limit: Int, leaseSeconds: Int) async throws -> [PageRef] {
        let now = now()
        let until = now.addingTimeInterval(TimeInterval(leaseSeconds))
        return try await write { c in
            let ids: [Int64] = try await c.rows("""
                SELECT id FROM page
                WHERE state = 'pending' AND purged_at IS NULL AND (lease_until IS NULL OR lease_until < \(now))
                ORDER BY id LIMIT \(max(0, limit)) FOR UPDATE SKIP LOCKED
                """).map { try $0.get("id") }
            guard !ids.isEmpty else { return [] }
            try await c.run("UPDATE page SET claimed_by = \(worker), lease_until = \(until) WHERE id = ANY(\(ids))")
            return try await c.rows("\(unescaped: Self.pageSelect) WHERE p.id = ANY(\(ids)) ORDER BY p.id").map(Self.pageRef)
        }
    }

    public func renewClaims(pageIDs: [Int64], worker: String, leaseSeconds: Int) async throws -> [Int64] {
        guard !pageIDs.isEmpty else { return [] }
        let until = now().addingTimeInterval(TimeInterval(leaseSeconds))
        return try await write { c in
            try await c.rows("""
                UPDATE page SET lease_until = \(until)
                WHERE state = 'pending' AND claimed_by = \(worker) AND id = ANY(\(pageIDs)) RETURNING id
                """).map { try $0.get("id", as: Int64.self) }.sorted()
        }
    }

    public func storeClaimedReading(pageID: Int64, worker: String, reading: SheetReading, templateVersion: String?,
                                    engineVersion: String) async throws -> Bool {
        let now = now()
        let readingJSON = try StoreJSON.encode(reading)
        return try await write { c in
            try await c.count("""
                UPDATE page SET state = 'done', failure_reason = NULL, template_id = \(reading.templateID),
                       template_version = \(templateVersion), engine_version = \(engineVersion),
                       page_class = \(reading.pageClass.rawValue), participant_list_id = NULL, reading_json = \(readingJSON),
                       read_at = \(now), lease_until = NULL
                WHERE id = \(pageID) AND state = 'pending' AND claimed_by = \(worker) AND purged_at IS NULL
                RETURNING 1
                """) == 1
        }
    }

    public func markClaimedPageFailed(pageID: Int64, worker: String, reason: String, engineVersion: String) async throws -> Bool {
        let now = now()
        return try await write { [self] c in
            let touched = try await c.count("""
                UPDATE page SET state = 'failed', failure_reason = \(reason), engine_version = \(engineVersion),
                       read_at = \(now), lease_until = NULL
                WHERE id = \(pageID) AND state = 'pending' AND claimed_by = \(worker) AND purged_at IS NULL
                RETURNING 1
                """)
            guard touched == 1 else { return false }
            try await audit(c, actor: worker, entity: "page", entityID: pageID, field: "state",
                            from: PageState.pending.rawValue, to: "failed: \(reason)")
            return true
        }
    }

    public func releaseClaims(pageIDs: [Int64], worker: String) async throws {
        guard !pageIDs.isEmpty else { return }
        try await write { c in
            try await c.run("""
                UPDATE page SET claimed_by = NULL, lease_until = NULL
                WHERE state = 'pending' AND claimed_by = \(worker) AND id = ANY(\(pageIDs))
                """)
        }
    }

    public func acquireJobLock(_ name: String, holder: String, leaseSeconds: Int) async throws -> Bool {
        let now = now()
        let until = now.addingTimeInterval(TimeInterval(leaseSeconds))
        return try await write { c in
            try await c.count("""
                INSERT INTO job_lock (name, holder, lease_until) VALUES (\(name), \(holder), \(until))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
                WHERE job_lock.holder = excluded.holder OR job_lock.lease_until < \(now)
                RETURNING 1
                """) == 1
        }
    }

    public func releaseJobLock(_ name: String, holder: String) async throws {
        try await write { c in try await c.run("DELETE FROM job_lock WHERE name = \(name) AND holder = \(holder)") }
    }

    public func claimCounts() async throws -> ClaimCounts {
        let now = now()
        return try await read { c in
            guard let row = try await c.row("""
                SELECT COUNT(*) FILTER (WHERE lease_until IS NULL OR lease_until < \(now)) AS free,
                       COUNT(*) FILTER (WHERE lease_until >= \(now)) AS held
                FROM page WHERE state = 'pending' AND purged_at IS NULL
                """) else { return ClaimCounts(unclaimed: 0, claimed: 0) }
            return ClaimCounts(unclaimed: try row.get("free"), claimed: try row.get("held"))
        }
    }
}
