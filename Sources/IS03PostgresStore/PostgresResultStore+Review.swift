import Foundation
import IS03Core
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    public func leaseNextReviewItem(operatorName: String, leaseSeconds: Int, reason: String?) async throws -> ReviewItem? {
        let now = now()
        let until = now.addingTimeInterval(TimeInterval(leaseSeconds))
        return try await write { [self] c in
            // Open items nobody holds (or whose lease ran out), this operator's own first;
            // SKIP LOCKED: two operators asking at once get two different items.
            guard let row = try await c.row("""
                SELECT id FROM review_item
                WHERE state = 'open' AND (lease_until IS NULL OR lease_until < \(now) OR assigned_operator = \(operatorName))
                  AND (\(reason)::text IS NULL OR reason = \(reason))
                ORDER BY CASE WHEN assigned_operator = \(operatorName) THEN 0 ELSE 1 END, id
                LIMIT 1 FOR UPDATE SKIP LOCKED
                """) else { return nil }
            let id: Int64 = try row.get("id")
            guard let updated = try await c.row("""
                UPDATE review_item SET assigned_operator = \(operatorName), lease_until = \(until), updated_at = \(now)
                WHERE id = \(id) RETURNING *
                """) else { throw notFound("review item", id) }
            return try reviewItem(updated)
        }
    }

    public func decide(itemID: Int64, operatorName: String, value: String, reason: String?) async throws -> FieldDecision {
        let now = now()
        return try await write { [self] c in
            guard let item = try await c.row("SELECT * FROM review_item WHERE id = \(itemID) FOR UPDATE") else {
                throw notFound("review item", itemID)
            }
            let before = try await c.row("""
                SELECT value FROM decision WHERE item_id = \(itemID) ORDER BY id DESC LIMIT 1
                """)
            let fingerprint: String = try item.get("reading_fingerprint")
            guard let inserted = try await c.row("""
                INSERT INTO decision (item_id, "operator", value, reason, reading_fingerprint, decided_at)
                VALUES (\(itemID), \(operatorName), \(value), \(reason), \(fingerprint), \(now)) RETURNING id
                """) else { throw notFound("decision for review item", itemID) }
            let previousState: String = try item.get("state")
            try await c.run("""
                UPDATE review_item SET state = 'decided', assigned_operator = \(operatorName), lease_until = NULL,
                       updated_at = \(now) WHERE id = \(itemID)
                """)
            let fieldID: String = try item.get("field_id")
            // From the value in force before: an earlier decision, else what the machine read.
            let from: String? = previousState == ReviewState.decided.rawValue
                ? try before?.get("value") : try item.get("machine_value")
            try await audit(c, actor: operatorName, entity: "review_item", entityID: itemID, field: fieldID,
                            from: from, to: value)
            return FieldDecision(id: try inserted.get("id"), itemID: itemID, pageID: try item.get("page_id"), fieldID: fieldID,
                                 operatorName: operatorName, value: value, reason: reason, decidedAt: now,
                                 readingFingerprint: fingerprint)
        }
    }

    public func deferItem(itemID: Int64, operatorName: String, note: String?) async throws {
        let now = now()
        try await write { [self] c in
            guard let item = try await c.row("SELECT state FROM review_item WHERE id = \(itemID) FOR UPDATE") else {
                throw notFound("review item", itemID)
            }
            let previousState: String = try item.get("state")
            guard previousState != ReviewState.decided.rawValue else {
                throw StorageError(.invalidState, "review item \(itemID) is already decided; decide it again "
                                   + "to change the value", location: location)
            }
            try await c.run("""
                UPDATE review_item SET state = 'deferred', assigned_operator = \(operatorName), lease_until = NULL,
                       updated_at = \(now) WHERE id = \(itemID)
                """)
            try await audit(c, actor: operatorName, entity: "review_item", entityID: itemID, field: "state",
                            from: previousState, to: note.map { "deferred: \($0)" } ?? "deferred")
        }
    }

    public func reviewItems(pageID: Int64) async throws -> [ReviewItem] {
        try await read { [self] c in
            // COLLATE "C": byte order, as SQLite sorts, whatever the server's locale.
            try await c.rows("SELECT * FROM review_item WHERE page_id = \(pageID) ORDER BY field_id COLLATE \"C\"")
                .map(reviewItem)
        }
    }

    public func decisions(pageID: Int64) async throws -> [FieldDecision] {
        try await read { c in
            try await c.rows("""
                SELECT DISTINCT ON (i.field_id COLLATE "C") d.id, d.item_id, i.page_id, i.field_id, d."operator",
                       d.value, d.reason, d.decided_at, d.reading_fingerprint
                FROM review_item i JOIN decision d ON d.item_id = i.id
                WHERE i.page_id = \(pageID) AND i.state = 'decided'
                ORDER BY i.field_id COLLATE "C", d.id DESC
                """).map(Self.fieldDecision)
        }
    }

    // MARK: Mapping

    func reviewItem(_ row: PostgresRandomAccessRow) throws -> ReviewItem {
        let id: Int64 = try row.get("id")
        return ReviewItem(
            id: id, pageID: try row.get("page_id"), fieldID: try row.get("field_id"), reason: try row.get("reason"),
            machineValue: try row.get("machine_value"),
            candidates: try StoreJSON.decode([Alternative].self, from: try row.get("candidates_json"), location: location,
                                             what: "candidates of review item \(id)"),
            confidence: try row.get("confidence"), cropPath: try row.get("crop_path"),
            state: ReviewState(rawValue: try row.get("state")) ?? .open, assignedOperator: try row.get("assigned_operator"),
            leaseUntil: try row.get("lease_until"), readingFingerprint: try row.get("reading_fingerprint"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"), message: try row.get("message"))
    }

    static func fieldDecision(_ row: PostgresRandomAccessRow) throws -> FieldDecision {
        FieldDecision(id: try row.get("id"), itemID: try row.get("item_id"), pageID: try row.get("page_id"),
                      fieldID: try row.get("field_id"), operatorName: try row.get("operator"), value: try row.get("value"),
                      reason: try row.get("reason"), decidedAt: try row.get("decided_at"),
                      readingFingerprint: try row.get("reading_fingerprint"))
    }
}
