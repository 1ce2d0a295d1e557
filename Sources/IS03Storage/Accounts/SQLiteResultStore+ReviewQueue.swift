import Foundation
import GRDB

extension SQLiteResultStore: ReviewQueueStore {
    /// Items with two different opinions: only a supervisor settles them.
    private static let disagreementSQL = """
        (SELECT COUNT(DISTINCT o.value) FROM review_opinion o WHERE o.item_id = review_item.id) > 1
        """

    public func reviewItem(id: Int64) async throws -> ReviewItem? {
        try await writer.read { [self] db in try ReviewItemRecord.fetchOne(db, key: id).map(reviewItem) }
    }

    public func leaseReviewItems(operatorName: String, leaseSeconds: Int, filter: ReviewLeaseFilter,
                                 limit: Int) async throws -> [ReviewItem] {
        let now = now()
        return try await writer.write { [self] db in
            var sql = """
                SELECT * FROM review_item
                WHERE state = 'open'
                  AND (lease_until IS NULL OR lease_until < ? OR assigned_operator = ?)
                  AND NOT EXISTS (SELECT 1 FROM review_opinion o WHERE o.item_id = review_item.id AND o.operator = ?)
                """
            var arguments: StatementArguments = [now, operatorName, operatorName]
            if let field = filter.fieldID { sql += " AND field_id = ?"; arguments += [field] }
            if let reason = filter.reason { sql += " AND reason = ?"; arguments += [reason] }
            if !filter.excluding.isEmpty {
                sql += " AND id NOT IN (\(databaseQuestionMarks(count: filter.excluding.count)))"
                arguments += StatementArguments(filter.excluding)
            }
            if filter.includeDisagreements {
                sql += " ORDER BY \(Self.disagreementSQL) DESC, id"
            } else {
                sql += " AND NOT \(Self.disagreementSQL) ORDER BY id"
            }
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
            var records = try ReviewItemRecord.fetchAll(db, sql: sql, arguments: arguments)
            if filter.maxHeld != nil {
                let held = try Self.heldLeaseCount(db, operatorName: operatorName, now: now)
                records = filter.withinBound(records, held: held) {
                    $0.assignedOperator == operatorName && ($0.leaseUntil.map { $0 >= now } ?? false)
                }
            }
            for index in records.indices {
                records[index].assignedOperator = operatorName
                records[index].leaseUntil = now.addingTimeInterval(TimeInterval(leaseSeconds))
                records[index].updatedAt = now
                try records[index].update(db)
            }
            return try records.map(reviewItem)
        }
    }

    public func holdLease(itemID: Int64, operatorName: String, leaseSeconds: Int, force: Bool) async throws -> ReviewItem {
        let now = now()
        return try await writer.write { [self] db in
            guard var item = try ReviewItemRecord.fetchOne(db, key: itemID) else { throw notFound("review item", itemID) }
            if !force {
                guard item.state == ReviewState.open.rawValue else {
                    throw StorageError(.invalidState, "review item \(itemID) is \(item.state), not open; "
                                       + "ask a supervisor to re-open it", location: location)
                }
                // Whoever took the item over after a lease ran out is its holder now.
                guard item.assignedOperator == operatorName else {
                    throw StorageError(.invalidState, "review item \(itemID) is not leased to \(operatorName); "
                                       + "take the next item from the queue", location: location)
                }
            }
            item.assignedOperator = operatorName
            item.leaseUntil = now.addingTimeInterval(TimeInterval(leaseSeconds))
            item.updatedAt = now
            try item.update(db)
            return try reviewItem(item)
        }
    }

    public func heldLeaseCount(operatorName: String) async throws -> Int {
        let now = now()
        return try await writer.read { db in try Self.heldLeaseCount(db, operatorName: operatorName, now: now) }
    }

    private static func heldLeaseCount(_ db: Database, operatorName: String, now: Date) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM review_item WHERE state = 'open' AND assigned_operator = ? AND lease_until >= ?
            """, arguments: [operatorName, now]) ?? 0
    }

    public func releaseLeases(itemIDs: [Int64], operatorName: String) async throws {
        guard !itemIDs.isEmpty else { return }
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE review_item SET lease_until = NULL, assigned_operator = NULL
                WHERE state = 'open' AND assigned_operator = ? AND id IN (\(databaseQuestionMarks(count: itemIDs.count)))
                """, arguments: [operatorName] + StatementArguments(itemIDs))
        }
    }

    public func reviewGroups() async throws -> [ReviewGroup] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT field_id, reason, COUNT(*) AS n FROM review_item WHERE state = 'open'
                GROUP BY field_id, reason ORDER BY n DESC, field_id, reason
                """).map { ReviewGroup(fieldID: $0["field_id"], reason: $0["reason"], count: $0["n"]) }
        }
    }

    public func reopen(itemID: Int64, actor: String, note: String) async throws {
        let now = now()
        try await writer.write { [self] db in
            guard var item = try ReviewItemRecord.fetchOne(db, key: itemID) else { throw notFound("review item", itemID) }
            let previous = item.state
            item.state = ReviewState.open.rawValue
            item.assignedOperator = nil
            item.leaseUntil = nil
            item.updatedAt = now
            try item.update(db)
            // A re-opened item starts its double verification afresh.
            try db.execute(sql: "DELETE FROM review_opinion WHERE item_id = ?", arguments: [itemID])
            try audit(db, actor: actor, entity: "review_item", entityID: itemID, field: "state",
                      from: previous, to: "reopened: \(note)")
        }
    }

    public func reviewItemForCorrection(pageID: Int64, fieldID: String, machineValue: String?,
                                        readingFingerprint: String, reason: String, actor: String) async throws -> ReviewItem {
        let now = now()
        return try await writer.write { [self] db in
            if let existing = try ReviewItemRecord.filter(ReviewItemRecord.Columns.pageID == pageID)
                .filter(ReviewItemRecord.Columns.fieldID == fieldID).fetchOne(db) {
                return try reviewItem(existing)
            }
            guard try Int64.fetchOne(db, sql: "SELECT id FROM page WHERE id = ?", arguments: [pageID]) != nil else {
                throw notFound("page", pageID)
            }
            var record = ReviewItemRecord(id: nil, pageID: pageID, fieldID: fieldID, reason: reason,
                                          machineValue: machineValue, candidatesJSON: "[]", confidence: 1,
                                          cropPath: nil, state: ReviewState.open.rawValue,
                                          assignedOperator: actor, leaseUntil: now.addingTimeInterval(60),
                                          readingFingerprint: readingFingerprint, createdAt: now, updatedAt: now)
            try record.insert(db)
            try audit(db, actor: actor, entity: "review_item", entityID: record.id, field: fieldID,
                      from: nil, to: "opened for correction")
            return try reviewItem(record)
        }
    }

    public func recordOpinion(itemID: Int64, operatorName: String, value: String) async throws -> [ReviewOpinion] {
        let now = now()
        return try await writer.write { [self] db in
            guard var item = try ReviewItemRecord.fetchOne(db, key: itemID) else { throw notFound("review item", itemID) }
            try db.execute(sql: """
                INSERT INTO review_opinion (item_id, operator, value, at) VALUES (?, ?, ?, ?)
                ON CONFLICT (item_id, operator) DO UPDATE SET value = excluded.value, at = excluded.at
                """, arguments: [itemID, operatorName, value, now])
            item.assignedOperator = nil
            item.leaseUntil = nil
            item.updatedAt = now
            try item.update(db)
            try audit(db, actor: operatorName, entity: "review_item", entityID: itemID, field: item.fieldID,
                      from: item.machineValue, to: "opinion: \(value)")
            return try Self.opinions(db, itemID: itemID)
        }
    }

    public func opinions(itemID: Int64) async throws -> [ReviewOpinion] {
        try await writer.read { db in try Self.opinions(db, itemID: itemID) }
    }

    private static func opinions(_ db: Database, itemID: Int64) throws -> [ReviewOpinion] {
        try Row.fetchAll(db, sql: "SELECT * FROM review_opinion WHERE item_id = ? ORDER BY id", arguments: [itemID])
            .map { ReviewOpinion(itemID: $0["item_id"], operatorName: $0["operator"], value: $0["value"], at: $0["at"]) }
    }
}
