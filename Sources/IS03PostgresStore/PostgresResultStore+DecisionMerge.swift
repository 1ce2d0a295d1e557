import Foundation
import IS03Core
import IS03Storage
import PostgresNIO

/// How a commit replaces a page's review items without throwing away operators' work: the
/// same rules as SQLite's (`StoreRules`, docs/storage.md "Decisions across re-processing").
extension PostgresResultStore {
    func mergeReviewItems(_ c: PostgresConnection, outcome: PageOutcome, now: Date) async throws -> PageCommitReport {
        var report = PageCommitReport(pageID: outcome.pageID)
        let wanted = Dictionary(outcome.reviewItems.map { ($0.fieldID, $0) }, uniquingKeysWith: { first, _ in first })
        let existing = try await c.rows("SELECT * FROM review_item WHERE page_id = \(outcome.pageID) ORDER BY id FOR UPDATE")
        // An outcome that keeps the stored reading: decode it only when there are items to merge.
        if existing.isEmpty && outcome.reviewItems.isEmpty { return report }
        var known = outcome.reading
        if known == nil { known = try await storedReading(c, pageID: outcome.pageID) }
        guard let reading = known else {
            throw StorageError(.invalidState, "page \(outcome.pageID) has no reading to judge its review items against",
                               location: location)
        }
        var handled = Set<String>()

        for row in existing {
            let id: Int64 = try row.get("id")
            let fieldID: String = try row.get("field_id")
            let state: String = try row.get("state")
            handled.insert(fieldID)
            let input = wanted[fieldID]
            let fingerprint = StoreRules.fingerprint(field: fieldID, reading: reading, input: input)
            if state == ReviewState.decided.rawValue {
                // Page-level items with no new question, or fields that read the same: the decision stands.
                guard let fingerprint, fingerprint != (try row.get("reading_fingerprint", as: String.self)) else {
                    report.keptDecisions.append(fieldID)
                    continue
                }
                let replacement = input ?? StoreRules.reopenInput(field: fieldID, reading: reading)
                try await apply(c, replacement, to: id, currentCrop: try row.get("crop_path"), fingerprint: fingerprint,
                                state: ReviewState.open.rawValue, clearLease: true, now: now)
                try await audit(c, actor: outcome.actor, entity: "review_item", entityID: id, field: fieldID,
                                from: "decided", to: "open: the field's reading changed")
                report.reopened.append(fieldID)
            } else if let input {
                try await apply(c, input, to: id, currentCrop: try row.get("crop_path"),
                                fingerprint: fingerprint ?? (try row.get("reading_fingerprint")),
                                state: state, clearLease: false, now: now)
                report.queued.append(fieldID)
            } else {
                // Nobody decided it and the new reading no longer asks: the question is gone.
                try await c.run("DELETE FROM review_item WHERE id = \(id)")
                try await audit(c, actor: outcome.actor, entity: "review_item", entityID: id, field: fieldID,
                                from: state, to: "withdrawn: the new reading needs no review")
                report.withdrawn.append(fieldID)
            }
        }
        for input in outcome.reviewItems where !handled.contains(input.fieldID) {
            handled.insert(input.fieldID)
            let fingerprint = StoreRules.fingerprint(field: input.fieldID, reading: reading, input: input)
                ?? FieldFingerprint.of(machineValue: input.machineValue, candidates: input.candidates)
            try await c.run("""
                INSERT INTO review_item (page_id, field_id, reason, machine_value, candidates_json, confidence, crop_path,
                                         state, reading_fingerprint, created_at, updated_at, message)
                VALUES (\(outcome.pageID), \(input.fieldID), \(input.reason), \(input.machineValue),
                        \(try StoreJSON.encode(input.candidates)), \(input.confidence), \(input.cropPath), 'open',
                        \(fingerprint), \(now), \(now), \(input.message))
                """)
            report.queued.append(input.fieldID)
        }
        return report
    }

    private func apply(_ c: PostgresConnection, _ input: ReviewItemInput, to id: Int64, currentCrop: String?,
                       fingerprint: String, state: String, clearLease: Bool, now: Date) async throws {
        let candidates = try StoreJSON.encode(input.candidates)
        if clearLease {
            try await c.run("""
                UPDATE review_item SET reason = \(input.reason), machine_value = \(input.machineValue),
                       candidates_json = \(candidates), confidence = \(input.confidence),
                       crop_path = \(input.cropPath ?? currentCrop), reading_fingerprint = \(fingerprint),
                       message = \(input.message), state = \(state), assigned_operator = NULL, lease_until = NULL, updated_at = \(now)
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
