import Foundation
import IS03Core
import IS03Storage
import PostgresNIO

extension PostgresResultStore {
    public func commitPage(_ outcome: PageOutcome) async throws -> PageCommitReport {
        let now = now()
        // Encode outside the transaction: it should only do database work.
        let readingJSON = try StoreJSON.encode(outcome.reading)
        let resultPayload = outcome.result.map { String(decoding: $0.payload, as: UTF8.self) }
        return try await write { [self] c in
            // The page row is locked first: two commits of one page queue instead of interleaving.
            try await lockUnpurgedPage(c, id: outcome.pageID)
            let previous = try await c.row("SELECT * FROM result WHERE page_id = \(outcome.pageID)")
            try await c.run("""
                UPDATE page SET state = 'done', failure_reason = NULL, template_id = \(outcome.reading.templateID),
                       template_version = \(outcome.templateVersion), engine_version = \(outcome.engineVersion),
                       page_class = \(outcome.reading.pageClass.rawValue), participant_list_id = \(outcome.participantListID),
                       reading_json = \(readingJSON), read_at = \(now)
                WHERE id = \(outcome.pageID)
                """)
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

    /// Locks the page row; an error when it does not exist or its data was purged.
    private func lockUnpurgedPage(_ c: PostgresConnection, id: Int64) async throws {
        guard let row = try await c.row("SELECT purged_at FROM page WHERE id = \(id) FOR UPDATE") else {
            throw notFound("page", id)
        }
        guard try row.get("purged_at", as: Date?.self) == nil else {
            throw StorageError(.invalidState, "page \(id) was purged; its data may not be stored again", location: location)
        }
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
            if let previousID {
                try await c.run("DELETE FROM result WHERE id = \(previousID)")
                try await audit(c, actor: outcome.actor, entity: "result", entityID: previousID, field: "participant",
                                from: before?.participantID, to: "removed: the page yields no result")
            }
            return nil
        }
        let outstanding = try await c.scalar("""
            SELECT COUNT(*) FROM review_item WHERE page_id = \(outcome.pageID) AND state IN ('open', 'deferred')
            """)
        let status = (outstanding > 0 ? ResultReviewStatus.pendingReview : .final).rawValue
        if let previousID {
            try await c.run("""
                UPDATE result SET participant_code = \(input.participantID), participant_list_id = \(outcome.participantListID),
                       oo = \(input.oo), auditorium = \(input.auditorium), total = \(input.total), verdict = \(input.verdict),
                       review_status = \(status), payload_json = \(payload), updated_at = \(now)
                WHERE id = \(previousID)
                """)
            // First results are not audited (the page's read_at says when); changes are.
            let changes: [(String, String?, String?)] = [
                ("participant", before?.participantID, input.participantID),
                ("total", before?.total.map(String.init), input.total.map(String.init)),
                ("verdict", before?.verdict, input.verdict),
            ]
            for (field, from, to) in changes where from != to {
                try await audit(c, actor: outcome.actor, entity: "result", entityID: previousID, field: field, from: from, to: to)
            }
        } else {
            try await c.run("""
                INSERT INTO result (page_id, participant_code, participant_list_id, oo, auditorium, total, verdict,
                                    review_status, payload_json, updated_at)
                VALUES (\(outcome.pageID), \(input.participantID), \(outcome.participantListID), \(input.oo),
                        \(input.auditorium), \(input.total), \(input.verdict), \(status), \(payload), \(now))
                """)
        }
        return ResultSummary(participantID: input.participantID, total: input.total, verdict: input.verdict)
    }
}
