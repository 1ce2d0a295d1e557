import Foundation
import GRDB
import IS03Core

extension SQLiteResultStore {
    public func commitPage(_ outcome: PageOutcome) async throws -> PageCommitReport {
        let now = now()
        // Encode outside the write lock: the transaction should only do database work.
        let readingJSON = try outcome.keepsStoredReading ? nil : StoredJSON.encode(Self.newReading(outcome, location: location))
        let resultPayload = outcome.result.map { String(decoding: $0.payload, as: UTF8.self) }
        return try await write { [self] db in
            var page = try unpurgedPage(db, id: outcome.pageID)
            let previous = try ResultRecord.filter(ResultRecord.Columns.pageID == outcome.pageID).fetchOne(db)

            let storedJSON = page.readingJSON
            if outcome.keepsStoredReading {
                // The reading and its versions stay; only the list it was reconciled against moves.
                guard page.state == PageState.done.rawValue, storedJSON != nil else {
                    throw StorageError(.invalidState, "page \(outcome.pageID) has no stored reading to keep",
                                       location: location)
                }
                if page.participantListID != outcome.participantListID {
                    try db.execute(sql: "UPDATE page SET participant_list_id = ? WHERE id = ?",
                                   arguments: [outcome.participantListID, outcome.pageID])
                }
            } else if let reading = outcome.reading {
                page.state = PageState.done.rawValue
                page.failureReason = nil
                page.templateID = reading.templateID
                page.templateVersion = outcome.templateVersion
                page.engineVersion = outcome.engineVersion
                page.pageClass = reading.pageClass.rawValue
                page.participantListID = outcome.participantListID
                page.readingJSON = readingJSON
                page.readAt = now
                try page.update(db)
            }

            try ReconciliationRecord.filter(ReconciliationRecord.Columns.pageID == outcome.pageID).deleteAll(db)
            if let input = outcome.reconciliation {
                var record = ReconciliationRecord(
                    id: nil, pageID: outcome.pageID, participantListID: outcome.participantListID,
                    participantCode: input.participantID, method: input.method, score: input.score,
                    margin: input.margin, accepted: input.accepted, reconciledAt: now)
                try record.insert(db)
            }

            var report = try mergeReviewItems(db, outcome: outcome, now: now) { [location] in
                try storedJSON.map {
                    try StoredJSON.decode(SheetReading.self, from: $0, location: location,
                                          what: "reading of page \(outcome.pageID)")
                }
            }
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

    /// The reading a commit that replaces the stored one writes.
    static func newReading(_ outcome: PageOutcome, location: String) throws -> SheetReading {
        guard let reading = outcome.reading else {
            throw StorageError(.invalidState, "the outcome of page \(outcome.pageID) has no reading to store",
                               location: location)
        }
        return reading
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
}
