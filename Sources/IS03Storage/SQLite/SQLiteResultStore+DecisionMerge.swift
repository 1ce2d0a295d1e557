import Foundation
import GRDB
import IS03Core

/// Carries out ``ReviewItemPlan/mergePlan(existing:wanted:reading:)`` on SQLite: a commit
/// replaces a page's review items without throwing away operators' work.
extension SQLiteResultStore {
    /// `storedReading` decodes the page's stored reading, for outcomes that keep it; it is only
    /// called when the page has review items, before or now.
    func mergeReviewItems(_ db: Database, outcome: PageOutcome, now: Date,
                          storedReading: () throws -> SheetReading?) throws -> PageCommitReport {
        var report = PageCommitReport(pageID: outcome.pageID)
        let existing = try ReviewItemRecord.filter(ReviewItemRecord.Columns.pageID == outcome.pageID).fetchAll(db)
        let reading = try outcome.readingForItems(hasItems: !existing.isEmpty, stored: storedReading)
        if existing.isEmpty && outcome.reviewItems.isEmpty { return report }
        guard let reading else {
            throw StorageError(.invalidState, "page \(outcome.pageID) has no reading to judge its review items against",
                               location: location)
        }
        let records = Dictionary(uniqueKeysWithValues: existing.compactMap { record in record.id.map { ($0, record) } })
        let stored = try existing.map {
            StoredReviewItem(id: $0.id ?? 0, fieldID: $0.fieldID, state: try ReviewState.stored($0.state, location: location),
                             readingFingerprint: $0.readingFingerprint)
        }
        for action in ReviewItemPlan.mergePlan(existing: stored, wanted: outcome.reviewItems, reading: reading) {
            switch action {
            case .keepDecision:
                break
            case .reopen(let id, let input, let fingerprint):
                guard var item = records[id] else { continue }
                try apply(input, to: &item, fingerprint: fingerprint, now: now)
                item.state = ReviewState.open.rawValue
                item.assignedOperator = nil
                item.leaseUntil = nil
                try item.update(db)
            case .refresh(let id, let input, let fingerprint):
                guard var item = records[id] else { continue }
                try apply(input, to: &item, fingerprint: fingerprint, now: now)
                try item.update(db)
            case .withdraw(let id, _, _):
                _ = try ReviewItemRecord.deleteOne(db, key: id)
            case .queue(let input, let fingerprint):
                var item = ReviewItemRecord(
                    id: nil, pageID: outcome.pageID, fieldID: input.fieldID, reason: input.reason,
                    machineValue: nil, candidatesJSON: "[]", confidence: 0, cropPath: nil,
                    state: ReviewState.open.rawValue, assignedOperator: nil, leaseUntil: nil,
                    readingFingerprint: fingerprint, createdAt: now, updatedAt: now)
                try apply(input, to: &item, fingerprint: fingerprint, now: now)
                try item.insert(db)
            }
            if let line = action.audit {
                try audit(db, actor: outcome.actor, entity: ItemAudit.entity, entityID: line.itemID, field: line.fieldID,
                          from: line.from, to: line.to)
            }
            report.record(action)
        }
        return report
    }

    private func apply(_ input: ReviewItemInput, to item: inout ReviewItemRecord, fingerprint: String, now: Date) throws {
        item.reason = input.reason
        item.machineValue = input.machineValue
        item.candidatesJSON = try StoredJSON.encode(input.candidates)
        item.confidence = input.confidence
        item.cropPath = input.cropPath ?? item.cropPath
        item.message = input.message
        item.readingFingerprint = fingerprint
        item.updatedAt = now
    }
}
