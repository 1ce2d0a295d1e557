import Foundation
import IS03Core
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    public func commitPage(_ outcome: PageOutcome) async throws -> PageCommitReport {
        let now = now()
        // Encode outside the transaction: it should only do database work.
        let replacement = try outcome.keepsStoredReading ? nil : CommitPlan.newReading(outcome, location: location)
        let readingJSON = try replacement.map { try StoreJSON.encode($0) }
        let resultPayload = outcome.result.map { String(decoding: $0.payload, as: UTF8.self) }
        return try await write { [self] c in
            // The page row is locked first: two commits of one page queue instead of interleaving.
            let locked = try await lockUnpurgedPage(c, id: outcome.pageID)
            let previous = try await c.row("SELECT * FROM result WHERE page_id = \(outcome.pageID)")
            if let replacement {
                try await c.run("""
                    UPDATE page SET state = 'done', failure_reason = NULL, template_id = \(replacement.templateID),
                           template_version = \(outcome.templateVersion), engine_version = \(outcome.engineVersion),
                           page_class = \(replacement.pageClass.rawValue), participant_list_id = \(outcome.participantListID),
                           reading_json = \(readingJSON), read_at = \(now)
                    WHERE id = \(outcome.pageID)
                    """)
            } else {
                // The reading and its versions stay; only the list it was reconciled against moves.
                try CommitPlan.checkKeptReading(pageID: outcome.pageID,
                                                state: try PageState.stored(try locked.get("state"), location: location),
                                                hasReading: try locked.get("has_reading"), location: location)
                if try locked.get("participant_list_id", as: Int64?.self) != outcome.participantListID {
                    try await c.run("UPDATE page SET participant_list_id = \(outcome.participantListID) WHERE id = \(outcome.pageID)")
                }
            }
            try await c.run("DELETE FROM reconciliation WHERE page_id = \(outcome.pageID)")
            if let input = outcome.reconciliation {
                try await c.run("""
                    INSERT INTO reconciliation (page_id, participant_list_id, participant_code, method, score, margin,
                                                accepted, reconciled_at)
                    VALUES (\(outcome.pageID), \(outcome.participantListID), \(input.participantID), \(input.method),
                            \(input.score), \(input.margin), \(input.accepted), \(now))
                    """)
            }
            var report = try await mergeReviewItems(c, outcome: outcome, now: now)
            report.previousResult = try previous.map(Self.resultSummary)
            report.newResult = try await storeResult(c, outcome: outcome, payload: resultPayload, previous: previous, now: now)
            return report
        }
    }

    public func storeReading(pageID: Int64, reading: SheetReading, templateVersion: String?,
                             engineVersion: String) async throws {
        let now = now()
        let readingJSON = try StoreJSON.encode(reading)
        try await write { [self] c in
            try await lockUnpurgedPage(c, id: pageID)
            try await c.run("""
                UPDATE page SET state = 'done', failure_reason = NULL, template_id = \(reading.templateID),
                       template_version = \(templateVersion), engine_version = \(engineVersion),
                       page_class = \(reading.pageClass.rawValue), participant_list_id = NULL,
                       reading_json = \(readingJSON), read_at = \(now)
                WHERE id = \(pageID)
                """)
        }
    }

    /// Locks the page row; an error when it does not exist or its data was purged. Returns the
    /// page's state, participant list and whether it has a reading (`has_reading`).
    @discardableResult
    private func lockUnpurgedPage(_ c: PostgresConnection, id: Int64) async throws -> PostgresRandomAccessRow {
        guard let row = try await c.row("""
            SELECT purged_at, state, participant_list_id, reading_json IS NOT NULL AS has_reading
            FROM page WHERE id = \(id) FOR UPDATE
            """) else {
            throw notFound("page", id)
        }
        guard try row.get("purged_at", as: Date?.self) == nil else { throw CommitPlan.purgedPage(id, location: location) }
        return row
    }

    /// The page's stored reading (for outcomes that keep it and have review items to merge).
    func storedReading(_ c: PostgresConnection, pageID: Int64) async throws -> SheetReading? {
        guard let json = try await c.row("SELECT reading_json FROM page WHERE id = \(pageID)")?
            .get("reading_json", as: String?.self) else { return nil }
        return try StoreJSON.decode(SheetReading.self, from: json, location: location, what: "reading of page \(pageID)")
    }

    static func resultSummary(_ row: PostgresRandomAccessRow) throws -> ResultSummary {
        ResultSummary(participantID: try row.get("participant_code"), total: try row.get("total"),
                      verdict: try row.get("verdict"))
    }

    /// Writes (or removes) the page's result; its review status follows the page's items.
    private func storeResult(_ c: PostgresConnection, outcome: PageOutcome, payload: String?,
                             previous: PostgresRandomAccessRow?, now: Date) async throws -> ResultSummary? {
        let previousID: Int64? = try previous?.get("id")
        let before = try previous.map(Self.resultSummary)
        guard let input = outcome.result, let payload else {
            if let previousID, let before {
                try await c.run("DELETE FROM result WHERE id = \(previousID)")
                let line = CommitPlan.removedResult(before)
                try await audit(c, actor: outcome.actor, entity: ResultAudit.entity, entityID: previousID, field: line.field,
                                from: line.from, to: line.to)
            }
            return nil
        }
        let outstanding = try await c.scalar("""
            SELECT COUNT(*) FROM review_item WHERE page_id = \(outcome.pageID) AND state IN ('open', 'deferred')
            """)
        let status = CommitPlan.resultReviewStatus(outstandingItems: outstanding).rawValue
        if let previousID, let before {
            try await c.run("""
                UPDATE result SET participant_code = \(input.participantID), participant_list_id = \(outcome.participantListID),
                       oo = \(input.oo), auditorium = \(input.auditorium), total = \(input.total), verdict = \(input.verdict),
                       review_status = \(status), payload_json = \(payload), updated_at = \(now)
                WHERE id = \(previousID)
                """)
            for line in CommitPlan.resultChanges(from: before, to: input.summary) {
                try await audit(c, actor: outcome.actor, entity: ResultAudit.entity, entityID: previousID, field: line.field,
                                from: line.from, to: line.to)
            }
        } else {
            try await c.run("""
                INSERT INTO result (page_id, participant_code, participant_list_id, oo, auditorium, total, verdict,
                                    review_status, payload_json, updated_at)
                VALUES (\(outcome.pageID), \(input.participantID), \(outcome.participantListID), \(input.oo),
                        \(input.auditorium), \(input.total), \(input.verdict), \(status), \(payload), \(now))
                """)
        }
        return input.summary
    }
}
