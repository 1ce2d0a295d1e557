import Foundation
import IS03Storage

/// The supervisor's CSV of results with the operators' decisions in force, one row per
/// result (`;`-separated, UTF-8, like the participant list).
struct ResultsExport {
    let store: any ResultStore

    static let header = "page_id;participant_id;oo;auditorium;total;verdict;review_status;decisions"

    func csv() async throws -> String {
        var lines = [Self.header]
        for result in try await store.results(.all) {
            let decisions = try await store.decisions(pageID: result.pageID)
                .map { "\($0.fieldID)=\($0.value)" }.joined(separator: ",")
            let status = try await Self.liveStatus(of: result, store: store)
            let cells = [String(result.pageID), result.participantID ?? "", result.oo ?? "", result.auditorium ?? "",
                         result.total.map(String.init) ?? "", result.verdict ?? "", status.rawValue, decisions]
            lines.append(cells.map(Self.quoted).joined(separator: ";"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The result's review status as of now: the stored column is written when the page is
    /// committed and does not follow later decisions, so ask the page's items.
    static func liveStatus(of result: StoredResult, store: any ResultStore) async throws -> ResultReviewStatus {
        let outstanding = try await store.reviewItems(pageID: result.pageID).contains { $0.state != .decided }
        return outstanding ? .pendingReview : .final
    }

    /// Quotes a cell that holds the separator, a quote or a line break; defuses cells a
    /// spreadsheet would run as a formula.
    static func quoted(_ cell: String) -> String {
        var cell = cell
        if let first = cell.first, "=+-@".contains(first) { cell = "'" + cell }
        guard cell.contains(where: { ";\"\n\r".contains($0) }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
