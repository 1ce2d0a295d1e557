import Foundation
import GRDB
import IS03Core

/// How a commit replaces a page's review items without throwing away operators' work.
extension SQLiteResultStore {
    /// Replaces the page's review items with the outcome's, keeping operators' work: a decided
    /// item stays decided while its field reads the same, and is re-opened when it does not.
    /// `storedReading` decodes the page's stored reading, for outcomes that keep it; it is only
    /// called when the page has review items, before or now.
    func mergeReviewItems(_ db: Database, outcome: PageOutcome, now: Date,
                          storedReading: () throws -> SheetReading?) throws -> PageCommitReport {
        var report = PageCommitReport(pageID: outcome.pageID, previousResult: nil, newResult: nil,
                                      keptDecisions: [], reopened: [], queued: [], withdrawn: [])
        let wanted = Dictionary(outcome.reviewItems.map { ($0.fieldID, $0) }, uniquingKeysWith: { first, _ in first })
        let existing = try ReviewItemRecord.filter(ReviewItemRecord.Columns.pageID == outcome.pageID).fetchAll(db)
        let reading = try outcome.readingForItems(hasItems: !existing.isEmpty, stored: storedReading)
        if existing.isEmpty && outcome.reviewItems.isEmpty { return report }
        guard let reading else {
            throw StorageError(.invalidState, "page \(outcome.pageID) has no reading to judge its review items against",
                               location: location)
        }
        var handled = Set<String>()

        for var item in existing {
            handled.insert(item.fieldID)
            let input = wanted[item.fieldID]
            let fingerprint = Self.fingerprint(field: item.fieldID, reading: reading, input: input)
            if item.state == ReviewState.decided.rawValue {
                // Page-level items with no new question, or fields that read the same: the
                // operator's decision stands.
                guard let fingerprint, fingerprint != item.readingFingerprint else {
                    report.keptDecisions.append(item.fieldID)
                    continue
                }
                let replacement = input ?? Self.reopenInput(field: item.fieldID, reading: reading)
                try apply(replacement, to: &item, fingerprint: fingerprint, now: now)
                item.state = ReviewState.open.rawValue
                item.assignedOperator = nil
                item.leaseUntil = nil
                try item.update(db)
                try audit(db, actor: outcome.actor, entity: "review_item", entityID: item.id, field: item.fieldID,
                          from: "decided", to: "open: the field's reading changed")
                report.reopened.append(item.fieldID)
            } else if let input {
                try apply(input, to: &item, fingerprint: fingerprint ?? item.readingFingerprint, now: now)
                try item.update(db)
                report.queued.append(item.fieldID)
            } else {
                // Nobody decided it and the new reading no longer asks: the question is gone.
                try item.delete(db)
                try audit(db, actor: outcome.actor, entity: "review_item", entityID: item.id, field: item.fieldID,
                          from: item.state, to: "withdrawn: the new reading needs no review")
                report.withdrawn.append(item.fieldID)
            }
        }
        for input in outcome.reviewItems where !handled.contains(input.fieldID) {
            handled.insert(input.fieldID)
            let fingerprint = Self.fingerprint(field: input.fieldID, reading: reading, input: input)
                ?? FieldFingerprint.of(machineValue: input.machineValue, candidates: input.candidates)
            var item = ReviewItemRecord(
                id: nil, pageID: outcome.pageID, fieldID: input.fieldID, reason: input.reason,
                machineValue: nil, candidatesJSON: "[]", confidence: 0, cropPath: nil,
                state: ReviewState.open.rawValue, assignedOperator: nil, leaseUntil: nil,
                readingFingerprint: fingerprint, createdAt: now, updatedAt: now)
            try apply(input, to: &item, fingerprint: fingerprint, now: now)
            try item.insert(db)
            report.queued.append(input.fieldID)
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

    /// See ``StoreRules/fingerprint(field:reading:input:)``: shared with the other engines.
    static func fingerprint(field: String, reading: SheetReading, input: ReviewItemInput?) -> String? {
        StoreRules.fingerprint(field: field, reading: reading, input: input)
    }

    /// See ``StoreRules/reopenInput(field:reading:)``.
    static func reopenInput(field: String, reading: SheetReading) -> ReviewItemInput {
        StoreRules.reopenInput(field: field, reading: reading)
    }
}
