import Foundation
import GRDB
import IS03Core

extension SQLiteResultStore {
    public func commitPage(_ outcome: PageOutcome) async throws -> PageCommitReport {
        let now = now()
        // Encode outside the write lock: the transaction should only do database work.
        let readingJSON = try StoredJSON.encode(outcome.reading)
        let resultPayload = outcome.result.map { String(decoding: $0.payload, as: UTF8.self) }
        return try await write { [self] db in
            var page = try unpurgedPage(db, id: outcome.pageID)
            let previous = try ResultRecord.filter(ResultRecord.Columns.pageID == outcome.pageID).fetchOne(db)

            page.state = PageState.done.rawValue
            page.failureReason = nil
            page.templateID = outcome.reading.templateID
            page.templateVersion = outcome.templateVersion
            page.engineVersion = outcome.engineVersion
            page.pageClass = outcome.reading.pageClass.rawValue
            page.participantListID = outcome.participantListID
            page.readingJSON = readingJSON
            page.readAt = now
            try page.update(db)

            try ReconciliationRecord.filter(ReconciliationRecord.Columns.pageID == outcome.pageID).deleteAll(db)
            if let input = outcome.reconciliation {
                var record = ReconciliationRecord(
                    id: nil, pageID: outcome.pageID, participantListID: outcome.participantListID,
                    participantCode: input.participantID, method: input.method, score: input.score,
                    margin: input.margin, accepted: input.accepted, reconciledAt: now)
                try record.insert(db)
            }

            var report = try mergeReviewItems(db, outcome: outcome, now: now)
            report.previousResult = previous?.summary
            report.newResult = try storeResult(db, outcome: outcome, payload: resultPayload,
                                               previous: previous, now: now)
            return report
        }
    }

    public func storeReading(pageID: Int64, reading: SheetReading, templateVersion: String?,
                             engineVersion: String) async throws {
        let now = now()
        let readingJSON = try StoredJSON.encode(reading)
        try await write { [self] db in
            var page = try unpurgedPage(db, id: pageID)
            page.state = PageState.done.rawValue
            page.failureReason = nil
            page.templateID = reading.templateID
            page.templateVersion = templateVersion
            page.engineVersion = engineVersion
            page.pageClass = reading.pageClass.rawValue
            page.participantListID = nil
            page.readingJSON = readingJSON
            page.readAt = now
            try page.update(db)
        }
    }

    /// The page, or an error when it does not exist or its data was purged.
    private func unpurgedPage(_ db: Database, id: Int64) throws -> PageRecord {
        guard let page = try PageRecord.fetchOne(db, key: id) else { throw notFound("page", id) }
        guard page.purgedAt == nil else {
            throw StorageError(.invalidState, "page \(id) was purged; its data may not be stored again",
                               location: location)
        }
        return page
    }

    /// Replaces the page's review items with the outcome's, keeping operators' work: a decided
    /// item stays decided while its field reads the same, and is re-opened when it does not.
    private func mergeReviewItems(_ db: Database, outcome: PageOutcome, now: Date) throws -> PageCommitReport {
        var report = PageCommitReport(pageID: outcome.pageID, previousResult: nil, newResult: nil,
                                      keptDecisions: [], reopened: [], queued: [], withdrawn: [])
        let wanted = Dictionary(outcome.reviewItems.map { ($0.fieldID, $0) }, uniquingKeysWith: { first, _ in first })
        let existing = try ReviewItemRecord.filter(ReviewItemRecord.Columns.pageID == outcome.pageID).fetchAll(db)
        var handled = Set<String>()

        for var item in existing {
            handled.insert(item.fieldID)
            let input = wanted[item.fieldID]
            let fingerprint = Self.fingerprint(field: item.fieldID, reading: outcome.reading, input: input)
            if item.state == ReviewState.decided.rawValue {
                // Page-level items with no new question, or fields that read the same: the
                // operator's decision stands.
                guard let fingerprint, fingerprint != item.readingFingerprint else {
                    report.keptDecisions.append(item.fieldID)
                    continue
                }
                let replacement = input ?? Self.reopenInput(field: item.fieldID, reading: outcome.reading)
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
            let fingerprint = Self.fingerprint(field: input.fieldID, reading: outcome.reading, input: input)
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

    /// Writes (or removes) the page's result; its review status follows the page's items.
    private func storeResult(_ db: Database, outcome: PageOutcome, payload: String?,
                             previous: ResultRecord?, now: Date) throws -> ResultSummary? {
        guard let input = outcome.result, let payload else {
            if let previous {
                try previous.delete(db)
                try audit(db, actor: outcome.actor, entity: "result", entityID: previous.id, field: "participant",
                          from: previous.participantCode, to: "removed: the page yields no result")
            }
            return nil
        }
        let outstanding = try ReviewItemRecord
            .filter(ReviewItemRecord.Columns.pageID == outcome.pageID)
            .filter([ReviewState.open.rawValue, ReviewState.deferred.rawValue].contains(ReviewItemRecord.Columns.state))
            .fetchCount(db)
        var record = ResultRecord(
            id: previous?.id, pageID: outcome.pageID, participantCode: input.participantID,
            participantListID: outcome.participantListID, oo: input.oo, auditorium: input.auditorium,
            total: input.total, verdict: input.verdict,
            reviewStatus: (outstanding > 0 ? ResultReviewStatus.pendingReview : .final).rawValue,
            payloadJSON: payload, updatedAt: now)
        if let previous {
            try record.update(db)
            // First results are not audited (the page's read_at says when); changes are.
            let changes: [(String, String?, String?)] = [
                ("participant", previous.participantCode, record.participantCode),
                ("total", previous.total.map(String.init), record.total.map(String.init)),
                ("verdict", previous.verdict, record.verdict),
            ]
            for (field, from, to) in changes where from != to {
                try audit(db, actor: outcome.actor, entity: "result", entityID: record.id, field: field, from: from, to: to)
            }
        } else {
            try record.insert(db)
        }
        return record.summary
    }

    private func apply(_ input: ReviewItemInput, to item: inout ReviewItemRecord, fingerprint: String, now: Date) throws {
        item.reason = input.reason
        item.machineValue = input.machineValue
        item.candidatesJSON = try StoredJSON.encode(input.candidates)
        item.confidence = input.confidence
        item.cropPath = input.cropPath ?? item.cropPath
        item.readingFingerprint = fingerprint
        item.updatedAt = now
    }

    /// What a field reads now, for comparing with what an operator saw. Fields of the reading
    /// use their status and value; page-level items (`@…`) the question they are asked with.
    static func fingerprint(field: String, reading: SheetReading, input: ReviewItemInput?) -> String? {
        if let fieldReading = reading.field(field) { return FieldFingerprint.of(fieldReading) }
        return input.map { FieldFingerprint.of(machineValue: $0.machineValue, candidates: $0.candidates) }
    }

    /// The question to re-ask when a decided field's reading changed but the pipeline did not
    /// queue it again (the machine is now sure): show the new reading.
    static func reopenInput(field: String, reading: SheetReading) -> ReviewItemInput {
        let fieldReading = reading.field(field)
        return ReviewItemInput(fieldID: field, reason: ReviewItem.readingChangedReason,
                               machineValue: fieldReading?.value, candidates: fieldReading?.alternatives ?? [],
                               confidence: fieldReading?.confidence ?? 0)
    }
}
