import Foundation

/// The end-of-run summary a person reads: what was read, what was accepted, what waits for
/// review and why, and every problem with the file it concerns.
public enum BatchSummaryText {
    public static func render(_ s: BatchSummary) -> String {
        var lines: [String] = []
        if let sitting = s.sitting { lines.append("sitting: \(sitting)") }
        lines.append("packets: \(s.ingest.packets), files added: \(s.ingest.filesAdded), already known: \(s.ingest.filesAlreadyKnown)")
        let classes = s.read.byClass.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("pages read this run: \(s.read.pagesRead)\(classes.isEmpty ? "" : " (\(classes))"), failed: \(s.read.pagesFailed)")
        lines.append("sheets: \(s.sheets), results: \(s.results) (accepted automatically: \(s.autoAccepted)), missing sheets: \(s.missingSheets)")
        if let check = s.countCheck {
            lines.append("count check: \(check.acceptedResults) results for \(check.participantsWhoSat) participants who sat — \(check.ok ? "ok" : "MISMATCH")")
        }
        if s.queuedByReason.isEmpty {
            lines.append("review queue: empty")
        } else {
            lines.append("review queue: \(s.reviewItems) item(s)")
            for (reason, count) in s.queuedByReason.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                lines.append("  \(reason): \(count)")
            }
        }
        if s.expertsCarriedOver > 0 {
            lines.append("experts list: \(s.expertsCarriedOver) expert(s) kept from the previous participant list version (no --experts given)")
        }
        let problems = s.inventoryProblems + s.participantProblems + s.read.failures + s.cropProblems
        if !problems.isEmpty {
            lines.append("problems (\(problems.count)):")
            lines += problems.prefix(50).map { "  \($0)" }
            if problems.count > 50 { lines.append("  … and \(problems.count - 50) more") }
        }
        if !s.outputFiles.isEmpty { lines.append("wrote: " + s.outputFiles.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
