import Foundation
import GRDB
import IS03Core

extension SQLiteResultStore {
    public func leaseNextReviewItem(operatorName: String, leaseSeconds: Int, reason: String?) async throws -> ReviewItem? {
        let now = now()
        return try await write { [self] db in
            // Open items nobody holds (or whose lease ran out), this operator's own first.
            var sql = """
                SELECT * FROM review_item
                WHERE state = 'open'
                  AND (lease_until IS NULL OR lease_until < ? OR assigned_operator = ?)
                """
            var arguments: StatementArguments = [now, operatorName]
            if let reason {
                sql += " AND reason = ?"
                arguments += [reason]
            }
            sql += " ORDER BY CASE WHEN assigned_operator = ? THEN 0 ELSE 1 END, id LIMIT 1"
            arguments += [operatorName]
            guard var item = try ReviewItemRecord.fetchOne(db, sql: sql, arguments: arguments) else { return nil }
            item.assignedOperator = operatorName
            item.leaseUntil = now.addingTimeInterval(TimeInterval(leaseSeconds))
            item.updatedAt = now
            try item.update(db)
            return try reviewItem(item)
        }
    }

    public func decide(itemID: Int64, operatorName: String, value: String, reason: String?) async throws -> FieldDecision {
        let now = now()
        return try await write { [self] db in
            guard var item = try ReviewItemRecord.fetchOne(db, key: itemID) else { throw notFound("review item", itemID) }
            let before = try DecisionRecord.filter(DecisionRecord.Columns.itemID == itemID)
                .order(DecisionRecord.Columns.id.desc).fetchOne(db)
            var decision = DecisionRecord(id: nil, itemID: itemID, operatorName: operatorName, value: value,
                                          reason: reason, readingFingerprint: item.readingFingerprint, decidedAt: now)
            try decision.insert(db)
            let previousState = item.state
            item.state = ReviewState.decided.rawValue
            item.assignedOperator = operatorName
            item.leaseUntil = nil
            item.updatedAt = now
            try item.update(db)
            // From the value in force before: an earlier decision, else what the machine read.
            let from = previousState == ReviewState.decided.rawValue ? before?.value : item.machineValue
            try audit(db, actor: operatorName, entity: "review_item", entityID: itemID, field: item.fieldID,
                      from: from, to: value)
            return fieldDecision(decision, item: item)
        }
    }

    public func deferItem(itemID: Int64, operatorName: String, note: String?) async throws {
        let now = now()
        try await write { [self] db in
            guard var item = try ReviewItemRecord.fetchOne(db, key: itemID) else { throw notFound("review item", itemID) }
            guard item.state != ReviewState.decided.rawValue else {
                throw StorageError(.invalidState, "review item \(itemID) is already decided; decide it again "
                                   + "to change the value", location: location)
            }
            let previousState = item.state
            item.state = ReviewState.deferred.rawValue
            item.assignedOperator = operatorName
            item.leaseUntil = nil
            item.updatedAt = now
            try item.update(db)
            try audit(db, actor: operatorName, entity: "review_item", entityID: itemID, field: "state",
                      from: previousState, to: note.map { "deferred: \($0)" } ?? "deferred")
        }
    }

    public func reviewItems(pageID: Int64) async throws -> [ReviewItem] {
        try await read { [self] db in
            try ReviewItemRecord.filter(ReviewItemRecord.Columns.pageID == pageID)
                .order(ReviewItemRecord.Columns.fieldID).fetchAll(db).map(reviewItem)
        }
    }

    public func decisions(pageID: Int64) async throws -> [FieldDecision] {
        try await read { [self] db in
            let items = try ReviewItemRecord.filter(ReviewItemRecord.Columns.pageID == pageID)
                .filter(ReviewItemRecord.Columns.state == ReviewState.decided.rawValue)
                .order(ReviewItemRecord.Columns.fieldID).fetchAll(db)
            return try items.compactMap { item in
                try DecisionRecord.filter(DecisionRecord.Columns.itemID == item.id!)
                    .order(DecisionRecord.Columns.id.desc).fetchOne(db)
                    .map { fieldDecision($0, item: item) }
            }
        }
    }

    // MARK: Mapping

    func reviewItem(_ record: ReviewItemRecord) throws -> ReviewItem {
        ReviewItem(id: record.id!, pageID: record.pageID, fieldID: record.fieldID, reason: record.reason,
                   machineValue: record.machineValue,
                   candidates: try StoredJSON.decode([Alternative].self, from: record.candidatesJSON,
                                                     location: location, what: "candidates of review item \(record.id!)"),
                   confidence: record.confidence, cropPath: record.cropPath,
                   state: ReviewState(rawValue: record.state) ?? .open, assignedOperator: record.assignedOperator,
                   leaseUntil: record.leaseUntil, readingFingerprint: record.readingFingerprint,
                   createdAt: record.createdAt, updatedAt: record.updatedAt, message: record.message)
    }

    func fieldDecision(_ record: DecisionRecord, item: ReviewItemRecord) -> FieldDecision {
        FieldDecision(id: record.id!, itemID: record.itemID, pageID: item.pageID, fieldID: item.fieldID,
                      operatorName: record.operatorName, value: record.value, reason: record.reason,
                      decidedAt: record.decidedAt, readingFingerprint: record.readingFingerprint)
    }
}
