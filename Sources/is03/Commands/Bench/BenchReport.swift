import Foundation

/// Prints the benchmark's figures: a speed line per thread count, then accuracy and the
/// breakdown of flagged fields by truth kind and reason.
enum BenchReport {
    static let speedHeader = "  threads  pages/s  decode p50/p99  regist p50/p99  marks p50/p99  handwr p50/p99  peakMB"

    static func speedLine(_ result: BenchRunner.Result, threads: Int) -> String {
        let t = result.tally
        let rate = Double(t.pages) / max(result.seconds, 1e-9)
        return String(format: "  %7d  %7.1f  ", threads, rate)
            + ["decode", "registration", "marks", "handwriting"].map { stage($0, t) }.joined(separator: " ")
            + String(format: " %6d", result.peakMB)
    }

    /// The registration + marks pass: pages/s (every page) and sheets/s (sheets over the same time).
    static func marksOnlyLine(_ result: BenchRunner.Result, threads: Int) -> String {
        let t = result.tally, seconds = max(result.seconds, 1e-9)
        return String(format: "  %7d  %7.1f  registration + marks only (decode, registration, marks; no handwriting): %.1f sheets/s",
                      threads, Double(t.pages) / seconds, Double(t.sheets) / seconds)
    }

    private static func stage(_ name: String, _ tally: BenchTally) -> String {
        "\(percentile(tally.stageMS[name], 0.5))/\(percentile(tally.stageMS[name], 0.99))"
            .padding(toLength: 14, withPad: " ", startingAt: 0)
    }

    private static func percentile(_ values: [Double]?, _ q: Double) -> String {
        guard let values, !values.isEmpty else { return "-" }
        let sorted = values.sorted()
        let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
        return value < 10 ? String(format: "%.1f", value) : String(format: "%.0f", value)
    }

    static func accuracy(_ t: BenchTally) -> [String] {
        var lines: [String] = []
        lines.append("  pages: \(t.pages), class/template/orientation right \(t.classRight)/\(t.pages)")
        for (what, count) in t.classWrong.sorted(by: { $0.key < $1.key }) { lines.append("    wrong class: \(what) ×\(count)") }
        lines.append("  marks: \(t.markFields) fields on \(t.sheets) sheets; wrong \(t.markErrors) (\(pct(t.markErrors, t.markFields)));"
                     + " SILENT \(t.silentErrors); sheets flagged \(t.flaggedSheets)/\(t.sheets) (\(pct(t.flaggedSheets, t.sheets)));"
                     + " flagged needlessly \(t.needlesslyFlaggedSheets)/\(t.sheets) (\(pct(t.needlesslyFlaggedSheets, t.sheets)))")
        if t.boxesWritten > 0 {
            lines.append("  handwriting: characters right \(t.charactersRight)/\(t.boxesWritten) (\(pct(t.charactersRight, t.boxesWritten)));"
                         + " accepted \(t.charactersAccepted) (\(pct(t.charactersAccepted, t.boxesWritten))) of which right"
                         + " \(pct(t.acceptedRight, t.charactersAccepted)); blank boxes read as a letter \(t.blankBoxesReadAsInk)/\(t.blankBoxes)")
            lines.append("  names: whole name right \(t.namesRight)/\(t.names) (\(pct(t.namesRight, t.names)));"
                         + " right and accepted \(t.namesRightAccepted) (\(pct(t.namesRightAccepted, t.names)))")
        }
        let bands = BenchTally.confidenceBands
        lines.append("  mark confidence → share right: " + bands.indices.filter { t.bandFields[$0] > 0 }.map { i in
            let upper = i + 1 < bands.count ? "\(bands[i + 1])" : "1"
            return "[\(bands[i]),\(upper)) \(t.bandRight[i])/\(t.bandFields[i])"
        }.joined(separator: "; "))
        let reasons = Array(Set(t.kinds.values.flatMap { $0.flagged.keys })).sorted()
        lines.append("  mark fields by truth kind: " + ["fields", "wrong", "silent"].joined(separator: " / ")
                     + (reasons.isEmpty ? "" : " / flagged " + reasons.joined(separator: ", ")))
        for (kind, counts) in t.kinds.sorted(by: { $0.key < $1.key }) {
            let flags = reasons.map { "\(counts.flagged[$0] ?? 0)" }.joined(separator: ", ")
            lines.append("    \(kind.padding(toLength: 16, withPad: " ", startingAt: 0)) \(counts.fields) / \(counts.wrong) / \(counts.silent)"
                         + (reasons.isEmpty ? "" : " / \(flags)"))
        }
        return lines
    }

    static func pct(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.2f%%", 100 * Double(part) / Double(whole))
    }
}
