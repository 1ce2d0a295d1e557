import Foundation
import GRDB
import IS03Core

extension SQLiteResultStore {
    public func commitPage(_ outcome: PageOutcome) async throws -> PageCommitReport {
        let now = now()
        let encoded = try EncodedOutcome(outcome, location: location)
        return try await write { [self] db in try commit(encoded, in: db, at: now) }
    }

    /// All of `outcomes` in one transaction: a window of pages costs one commit instead of
    /// one each (assembling a batch commits every page); all or none are stored.
    public func commitPages(_ outcomes: [PageOutcome]) async throws -> [PageCommitReport] {
        let now = now()
        let encoded = try outcomes.map { try EncodedOutcome($0, location: location) }
        return try await write { [self] db in try encoded.map { try commit($0, in: db, at: now) } }
    }

    /// An outcome with its JSON encoded outside the write lock: the transaction should only
    /// do database work.
    private struct EncodedOutcome: Sendable {
        var outcome: PageOutcome
        var readingJSON: String?
        var resultPayload: String?

        init(_ outcome: PageOutcome, location: String) throws {
            self.outcome = outcome
            readingJSON = try outcome.keepsStoredReading ? nil : StoredJSON.encode(CommitPlan.newReading(outcome, location: location))
            resultPayload = outcome.result.map { String(decoding: $0.payload, as: UTF8.self) }
        }
    }

    /// Stores one page's outcome inside the caller's transaction.
    private func commit(_ encoded: EncodedOutcome, in db: Database, at now: Date) throws -> PageCommitReport {
        let (outcome, readingJSON, resultPayload) = (encoded.outcome, encoded.readingJSON, encoded.resultPayload)
        let previous = try ResultRecord.filter(ResultRecord.Columns.pageID == outcome.pageID).fetchOne(db)
        if outcome.keepsStoredReading {
            // The reading and its versions stay; only the list it was reconciled against
            // moves. The stored JSON (tens of KB) is not loaded for that: assembling
            // commits every page of a batch this way, one after another.
            let kept = try keptPage(db, id: outcome.pageID)
            try CommitPlan.checkKeptReading(pageID: outcome.pageID, state: try PageState.stored(kept.state, location: location),
                                            hasReading: kept.hasReading, location: location)
            if kept.participantListID != outcome.participantListID {
                try db.execute(sql: "UPDATE page SET participant_list_id = ? WHERE id = ?",
                               arguments: [outcome.participantListID, outcome.pageID])
            }
        } else if let reading = outcome.reading {
            var page = try unpurgedPage(db, id: outcome.pageID)
            page.state = .done
            page.failureReason = nil
            page.templateID = reading.templateID
            page.templateVersion = outcome.templateVersion
            page.engineVersion = outcome.engineVersion
            page.pageClass = reading.pageClass.rawValue
            page.participantListID = outcome.participantListID
            page.readingJSON = readingJSON
            page.readAt = now
            try page.update(db)
        } else {
            _ = try unpurgedPage(db, id: outcome.pageID)
        }

        try ReconciliationRecord.filter(ReconciliationRecord.Columns.pageID == outcome.pageID).deleteAll(db)
        if let input = outcome.reconciliation {
            var record = ReconciliationRecord(
                id: nil, pageID: outcome.pageID, participantListID: outcome.participantListID,
                participantCode: input.participantID, method: input.method, score: input.score,
                margin: input.margin, accepted: input.accepted, reconciledAt: now)
            try record.insert(db)
        }

        // The stored reading is loaded only when the outcome carries none (neither a new nor
        // a kept one) and review items need it; the page row was not changed above then.
        var report = try mergeReviewItems(db, outcome: outcome, now: now) { [location] in
            try String.fetchOne(db, sql: "SELECT reading_json FROM page WHERE id = ?", arguments: [outcome.pageID]).map {
                try StoredJSON.decode(SheetReading.self, from: $0, location: location,
                                      what: "reading of page \(outcome.pageID)")
            }
        }
        report.previousResult = previous?.summary
        report.newResult = try storeResult(db, outcome: outcome, payload: resultPayload,
                                           previous: previous, now: now)
        return report
    }

    public func storeReading(pageID: Int64, reading: SheetReading, templateVersion: String?,
                             engineVersion: String) async throws {
        let now = now()
        let readingJSON = try StoredJSON.encode(reading)
        try await write { [self] db in
            var page = try unpurgedPage(db, id: pageID)
            page.state = .done
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
        guard page.purgedAt == nil else { throw CommitPlan.purgedPage(id, location: location) }
        return page
    }

    /// What a commit that keeps the stored reading needs of the page, without the reading.
    private struct KeptPage {
        var state: String
        var participantListID: Int64?
        var hasReading: Bool
    }

    /// The page's state, list and whether it holds a reading; an error when it does not exist
    /// or its data was purged (as ``unpurgedPage(_:id:)``).
    private func keptPage(_ db: Database, id: Int64) throws -> KeptPage {
        let sql = "SELECT state, participant_list_id, reading_json IS NOT NULL, purged_at IS NOT NULL FROM page WHERE id = ?"
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [id]) else { throw notFound("page", id) }
        guard !(row[3] as Bool) else { throw CommitPlan.purgedPage(id, location: location) }
        return KeptPage(state: row[0], participantListID: row[1], hasReading: row[2])
    }

    /// Writes (or removes) the page's result; its review status follows the page's items.
    private func storeResult(_ db: Database, outcome: PageOutcome, payload: String?,
                             previous: ResultRecord?, now: Date) throws -> ResultSummary? {
        guard let input = outcome.result, let payload else {
            if let previous {
                try previous.delete(db)
                let line = CommitPlan.removedResult(previous.summary)
                try audit(db, actor: outcome.actor, entity: ResultAudit.entity, entityID: previous.id, field: line.field,
                          from: line.from, to: line.to)
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
            reviewStatus: CommitPlan.resultReviewStatus(outstandingItems: outstanding).rawValue,
            payloadJSON: payload, updatedAt: now)
        if let previous {
            try record.update(db)
            for line in CommitPlan.resultChanges(from: previous.summary, to: record.summary) {
                try audit(db, actor: outcome.actor, entity: ResultAudit.entity, entityID: record.id, field: line.field,
                          from: line.from, to: line.to)
            }
        } else {
            try record.insert(db)
        }
        return record.summary
    }
}
