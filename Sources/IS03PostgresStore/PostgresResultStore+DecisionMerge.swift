import Foundation
import IS03Core
import IS03Store
import PostgresNIO

/// Carries out ``ReviewItemPlan/mergePlan(existing:wanted:reading:)`` on PostgreSQL: a commit
/// replaces a page's review items without throwing away operators' work.
extension PostgresResultStore {
    func mergeReviewItems(_ c: PostgresConnection, outcome: PageOutcome, now: Date) async throws -> PageCommitReport {
        var report = PageCommitReport(pageID: outcome.pageID)
        let rows = try await c.rows("SELECT * FROM review_item WHERE page_id = \(outcome.pageID) ORDER BY id FOR UPDATE")
        // An outcome that keeps the stored reading: decode it only when there are items to merge.
        if rows.isEmpty && outcome.reviewItems.isEmpty { return report }
        var known = outcome.reading
        if known == nil { known = try await storedReading(c, pageID: outcome.pageID) }
        guard let reading = known else {
            throw StorageError(.invalidState, "page \(outcome.pageID) has no reading to judge its review items against",
                               location: location)
        }
        var crops: [Int64: String?] = [:]
        let existing = try rows.map { row in
            let state = try ReviewState.stored(try row.get("state"), location: location)
            let item = StoredReviewItem(id: try row.get("id"), fieldID: try row.get("field_id"), state: state,
                                        readingFingerprint: try row.get("reading_fingerprint"))
            crops[item.id] = try row.get("crop_path", as: String?.self)
            return item
        }
        for action in ReviewItemPlan.mergePlan(existing: existing, wanted: outcome.reviewItems, reading: reading) {
            switch action {
            case .keepDecision:
                break
            case .reopen(let id, let input, let fingerprint):
                try await apply(c, input, to: id, currentCrop: crops[id] ?? nil, fingerprint: fingerprint,
                                reopening: true, now: now)
            case .refresh(let id, let input, let fingerprint):
                try await apply(c, input, to: id, currentCrop: crops[id] ?? nil, fingerprint: fingerprint,
                                reopening: false, now: now)
            case .withdraw(let id, _, _):
                try await c.run("DELETE FROM review_item WHERE id = \(id)")
            case .queue(let input, let fingerprint):
                try await c.run("""
                    INSERT INTO review_item (page_id, field_id, reason, machine_value, candidates_json, confidence, crop_path,
                                             state, reading_fingerprint, created_at, updated_at, message)
                    VALUES (\(outcome.pageID), \(input.fieldID), \(input.reason), \(input.machineValue),
                            \(try StoreJSON.encode(input.candidates)), \(input.confidence), \(input.cropPath), 'open',
                            \(fingerprint), \(now), \(now), \(input.message))
                    """)
            }
            if let line = action.audit {
                try await audit(c, actor: outcome.actor, entity: ItemAudit.entity, entityID: line.itemID, field: line.fieldID,
                                from: line.from, to: line.to)
            }
            report.record(action)
        }
        return report
    }

    /// Writes the item's new question; `reopening` also makes it open and assigned to nobody.
    private func apply(_ c: PostgresConnection, _ input: ReviewItemInput, to id: Int64, currentCrop: String?,
                       fingerprint: String, reopening: Bool, now: Date) async throws {
        let candidates = try StoreJSON.encode(input.candidates)
        if reopening {
            try await c.run("""
                UPDATE review_item SET reason = \(input.reason), machine_value = \(input.machineValue),
                       candidates_json = \(candidates), confidence = \(input.confidence),
                       crop_path = \(input.cropPath ?? currentCrop), reading_fingerprint = \(fingerprint),
                       message = \(input.message), state = 'open', assigned_operator = NULL, lease_until = NULL, updated_at = \(now)
                WHERE id = \(id)
                """)
        } else {
            try await c.run("""
                UPDATE review_item SET reason = \(input.reason), machine_value = \(input.machineValue),
                       candidates_json = \(candidates), confidence = \(input.confidence),
                       crop_path = \(input.cropPath ?? currentCrop), reading_fingerprint = \(fingerprint),
                       message = \(input.message), updated_at = \(now)
                WHERE id = \(id)
                """)
        }
    }
}
