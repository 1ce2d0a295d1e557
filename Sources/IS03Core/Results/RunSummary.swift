/// The numbers an operator wants after a run: how many sheets, how many matched and scored
/// without a question, what is queued and why, who is missing.
public struct RunSummary: Sendable, Hashable, Codable {
    /// Pages that are sheets of the run's template.
    public var sheets: Int
    /// Sheets matched automatically (QR or handwriting).
    public var matched: Int
    /// Result rows, and how many of them need nothing from an operator.
    public var results: Int
    public var resultsAuto: Int
    public var participantsWhoSat: Int
    public var missingSheets: Int
    /// True when result rows equal participants who sat (seed 000's check).
    public var countCheckOK: Bool
    /// Review items per reason code, sorted by code.
    public var queuedByReason: [String: Int]

    public init(_ output: ResultAssembler.Output) {
        let sheetMatches = output.reconciliation.matches.filter { output.scores[$0.sheetIndex] != nil }
        sheets = sheetMatches.count
        matched = sheetMatches.filter(\.accepted).count
        results = output.results.count
        resultsAuto = output.results.filter { $0.provenance.reviewStatus == .auto }.count
        participantsWhoSat = output.summary.participantsWhoSat
        missingSheets = output.summary.missingSheets
        countCheckOK = output.reconciliation.countCheck.ok
        queuedByReason = Dictionary(uniqueKeysWithValues: output.review.countsByReason.map { ($0.key.rawValue, $0.value) })
    }

    /// A few lines for the terminal.
    public var lines: [String] {
        var out = [
            "sheets: \(sheets), matched automatically: \(matched)",
            "results: \(results) (\(resultsAuto) need no review), participants who sat: \(participantsWhoSat)"
                + (countCheckOK ? "" : " — count check FAILED"),
            "missing sheets: \(missingSheets)",
        ]
        let queued = queuedByReason.values.reduce(0, +)
        out.append("review queue: \(queued)" + (queued == 0 ? "" : " — "
            + queuedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        return out
    }
}
