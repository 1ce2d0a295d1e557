import Foundation
import IS03Core
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    /// Items with two different opinions: only a supervisor settles them.
    private static let disagreementSQL = """
        (SELECT COUNT(DISTINCT o.value) FROM review_opinion o WHERE o.item_id = review_item.id) > 1
        """

    public func reviewItem(id: Int64) async throws -> ReviewItem? {
        try await read { [self] c in try await c.row("SELECT * FROM review_item WHERE id = \(id)").map(reviewItem) }
    }

    public func leaseReviewItems(operatorName: String, leaseSeconds: Int, filter: ReviewLeaseFilter,
                                 limit: Int) async throws -> [ReviewItem] {
        let now = now()
        let until = now.addingTimeInterval(TimeInterval(leaseSeconds))
        let order = filter.includeDisagreements
            ? "ORDER BY \(Self.disagreementSQL) DESC, id" : "AND NOT \(Self.disagreementSQL) ORDER BY id"
        return try await write { [self] c in
            // Two leases of one operator at once would each miss the other's new items in the
            // count: under a bound they take turns.
            var held = 0
            if filter.maxHeld != nil {
                try await c.run("SELECT pg_advisory_xact_lock(hashtext(\("is03 lease " + operatorName)::text))")
                held = try await c.scalar("""
                    SELECT COUNT(*) FROM review_item
                    WHERE state = 'open' AND assigned_operator = \(operatorName) AND lease_until >= \(now)
                    """)
            }
            // SKIP LOCKED: operators leasing at the same moment get disjoint batches.
            let candidates = try await c.rows("""
                SELECT id, assigned_operator, lease_until FROM review_item
                WHERE state = 'open'
                  AND (lease_until IS NULL OR lease_until < \(now) OR assigned_operator = \(operatorName))
                  AND NOT EXISTS (SELECT 1 FROM review_opinion o WHERE o.item_id = review_item.id AND o."operator" = \(operatorName))
                  AND (\(filter.fieldID)::text IS NULL OR field_id = \(filter.fieldID))
                  AND (\(filter.reason)::text IS NULL OR reason = \(filter.reason))
                  AND NOT (id = ANY(\(filter.excluding)))
                  \(unescaped: order)
                LIMIT \(max(0, limit)) FOR UPDATE SKIP LOCKED
                """).map { row -> (id: Int64, holder: String?, until: Date?) in
                    (try row.get("id"), try row.get("assigned_operator", as: String?.self), try row.get("lease_until", as: Date?.self))
                }
            let ids = filter.withinBound(candidates, held: held) {
                $0.holder == operatorName && ($0.until.map { $0 >= now } ?? false)
            }.map(\.id)
            guard !ids.isEmpty else { return [] }
            let rows = try await c.rows("""
                UPDATE review_item SET assigned_operator = \(operatorName), lease_until = \(until), updated_at = \(now)
                WHERE id = ANY(\(ids)) RETURNING *
                """)
            // RETURNING comes in no particular order: keep the lease query's.
            let byID = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.get("id", as: Int64.self), $0) })
            return try ids.compactMap { byID[$0] }.map(reviewItem)
        }
    }

    public func holdLease(itemID: Int64, operatorName: String, leaseSeconds: Int, force: Bool) async throws -> ReviewItem {
        let now = now()
        let until = now.addingTimeInterval(TimeInterval(leaseSeconds))
        return try await write { [self] c in
            guard let item = try await c.row("SELECT * FROM review_item WHERE id = \(itemID) FOR UPDATE") else {
                throw notFound("review item", itemID)
            }
            if !force {
                let state: String = try item.get("state")
                guard state == ReviewState.open.rawValue else {
                    throw StorageError(.invalidState, "review item \(itemID) is \(state), not open; "
                                       + "ask a supervisor to re-open it", location: location)
                }
                guard try item.get("assigned_operator", as: String?.self) == operatorName else {
                    throw StorageError(.invalidState, "review item \(itemID) is not leased to \(operatorName); "
                                       + "take the next item from the queue", location: location)
                }
            }
            guard let updated = try await c.row("""
                UPDATE review_item SET assigned_operator = \(operatorName), lease_until = \(until), updated_at = \(now)
                WHERE id = \(itemID) RETURNING *
                """) else { throw notFound("review item", itemID) }
            return try reviewItem(updated)
        }
    }

    public func heldLeaseCount(operatorName: String) async throws -> Int {
        let now = now()
        return try await read { c in
            try await c.scalar("""
                SELECT COUNT(*) FROM review_item
                WHERE state = 'open' AND assigned_operator = \(operatorName) AND lease_until >= \(now)
                """)
        }
    }

    public func releaseLeases(itemIDs: [Int64], operatorName: String) async throws {
        guard !itemIDs.isEmpty else { return }
        try await write { c in
            try await c.run("""
                UPDATE review_item SET lease_until = NULL, assigned_operator = NULL
                WHERE state = 'open' AND assigned_operator = \(operatorName) AND id = ANY(\(itemIDs))
                """)
        }
    }

    public func reviewGroups() async throws -> [ReviewGroup] {
        try await read { c in
            try await c.rows("""
                SELECT field_id, reason, COUNT(*) AS n FROM review_item WHERE state = 'open'
                GROUP BY field_id, reason ORDER BY n DESC, field_id COLLATE "C", reason COLLATE "C"
                """).map { ReviewGroup(fieldID: try $0.get("field_id"), reason: try $0.get("reason"), count: try $0.get("n")) }
        }
    }

    public func reopen(itemID: Int64, actor: String, note: String) async throws {
        let now = now()
        try await write { [self] c in
            guard let item = try await c.row("SELECT state FROM review_item WHERE id = \(itemID) FOR UPDATE") else {
                throw notFound("review item", itemID)
            }
            let previous: String = try item.get("state")
            try await c.run("""
                UPDATE review_item SET state = 'open', assigned_operator = NULL, lease_until = NULL, updated_at = \(now)
                WHERE id = \(itemID)
                """)
            // A re-opened item starts its double verification afresh.
            try await c.run("DELETE FROM review_opinion WHERE item_id = \(itemID)")
            try await audit(c, actor: actor, entity: "review_item", entityID: itemID, field: "state",
                            from: previous, to: "reopened: \(note)")
        }
    }

    public func reviewItemForCorrection(pageID: Int64, fieldID: String, machineValue: String?,
                                        readingFingerprint: String, reason: String, actor: String) async throws -> ReviewItem {
        let now = now()
        return try await write { [self] c in
            if let existing = try await c.row("SELECT * FROM review_item WHERE page_id = \(pageID) AND field_id = \(fieldID)") {
                return try reviewItem(existing)
            }
            guard try await c.row("SELECT id FROM page WHERE id = \(pageID)") != nil else { throw notFound("page", pageID) }
            guard let row = try await c.row("""
                INSERT INTO review_item (page_id, field_id, reason, machine_value, candidates_json, confidence, crop_path,
                                         state, assigned_operator, lease_until, reading_fingerprint, created_at, updated_at)
                VALUES (\(pageID), \(fieldID), \(reason), \(machineValue), '[]', 1, NULL, 'open', \(actor),
                        \(now.addingTimeInterval(60)), \(readingFingerprint), \(now), \(now))
                RETURNING *
                """) else { throw notFound("page", pageID) }
            let item = try reviewItem(row)
            try await audit(c, actor: actor, entity: "review_item", entityID: item.id, field: fieldID,
                            from: nil, to: "opened for correction")
            return item
        }
    }

    public func recordOpinion(itemID: Int64, operatorName: String, value: String) async throws -> [ReviewOpinion] {
        let now = now()
        return try await write { [self] c in
            guard let item = try await c.row("SELECT * FROM review_item WHERE id = \(itemID) FOR UPDATE") else {
                throw notFound("review item", itemID)
            }
            try await c.run("""
                INSERT INTO review_opinion (item_id, "operator", value, at) VALUES (\(itemID), \(operatorName), \(value), \(now))
                ON CONFLICT (item_id, "operator") DO UPDATE SET value = excluded.value, at = excluded.at
                """)
            try await c.run("""
                UPDATE review_item SET assigned_operator = NULL, lease_until = NULL, updated_at = \(now) WHERE id = \(itemID)
                """)
            try await audit(c, actor: operatorName, entity: "review_item", entityID: itemID, field: try item.get("field_id"),
                            from: try item.get("machine_value"), to: "opinion: \(value)")
            return try await Self.opinions(c, itemID: itemID)
        }
    }

    public func opinions(itemID: Int64) async throws -> [ReviewOpinion] {
        try await read { c in try await Self.opinions(c, itemID: itemID) }
    }

    private static func opinions(_ c: PostgresConnection, itemID: Int64) async throws -> [ReviewOpinion] {
        try await c.rows("SELECT * FROM review_opinion WHERE item_id = \(itemID) ORDER BY id").map {
            ReviewOpinion(itemID: try $0.get("item_id"), operatorName: try $0.get("operator"), value: try $0.get("value"),
                          at: try $0.get("at"))
        }
    }
}
