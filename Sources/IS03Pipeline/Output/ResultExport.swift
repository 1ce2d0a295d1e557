import Foundation
import IS03Core
import IS03Storage

/// Results as stored, decoded back into the domain's records, with the count check's numbers.
public struct ResultExport: Sendable {
    public var records: [ResultRecord]
    public var summary: ResultsXML.Summary
    /// Participants who sat (within the filter) and have no result.
    public var missing: [Participant]
    /// Seed 000's rule (rows = participants who sat) checked on these records.
    public var rowCount: RowCountCheck

    public static func load(from store: any ResultStore, filter: ResultFilter) async throws -> ResultExport {
        let decoder = JSONDecoder()
        var records: [ResultRecord] = []
        for stored in try await store.results(filter) {
            var record = try decoder.decode(ResultRecord.self, from: stored.payload)
            // The stored status tracks operators' work: questions all decided make it verified,
            // and so does any decision in force on its page, though re-scoring with the decisions
            // left the sheet nothing uncertain (its payload then says `auto`).
            let decisions = stored.reviewStatus == .final ? try await store.decisions(pageID: stored.pageID) : []
            switch (stored.reviewStatus, record.provenance.reviewStatus) {
            case (.pendingReview, _): record.provenance.reviewStatus = .pending
            case (.final, .pending): record.provenance.reviewStatus = .verified
            case (.final, _) where !decisions.isEmpty: record.provenance.reviewStatus = .verified
            case (.final, _): break
            }
            if record.provenance.reviewStatus == .verified, let last = decisions.map(\.decidedAt).max() {
                record.provenance.verifiedBy = Set(decisions.map(\.operatorName)).sorted().joined(separator: ", ")
                record.provenance.verifiedAt = last.formatted(.iso8601)
            }
            records.append(record)
        }
        var listed: [Participant] = []
        if let list = try await store.currentParticipantList(sitting: filter.sitting) {
            listed = try await store.participants(listID: list.id).filter { participant in
                (filter.oo == nil || participant.oo == filter.oo) && (filter.auditorium == nil || participant.auditorium == filter.auditorium)
            }
        }
        let sat = listed.filter { !$0.absent }
        let withResult = Set(records.map(\.participant.id))
        let missing = sat.filter { !withResult.contains($0.id) }
        return ResultExport(records: records, summary: .init(participantsWhoSat: sat.count, missingSheets: missing.count),
                            missing: missing, rowCount: RowCountCheck(records: records, sat: sat, listed: listed))
    }
}
