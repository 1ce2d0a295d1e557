import ArgumentParser
import Foundation
import IS03Core
import IS03Render
import IS03Vision

/// `is03 bench`: speed and accuracy of the recognition engine over the committed SampleScans
/// and freshly synthesised packets (with truth) per degradation level. Run it from a release
/// build. Readings are scored as they are made and dropped, so memory stays flat.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the recognition engine: pages/s, ms per stage, memory, mark and handwriting accuracy, page classes.",
        discussion: """
        Prints, per corpus (each SampleScans packet, then each synthetic level): pages/s and \
        p50/p99 ms per stage on each thread count, peak memory, and accuracy. "flagged" counts \
        sheets with any mark field sent to review; "flagged needlessly" leaves out sheets whose \
        only flags are on genuine double marks (which must be flagged). The 2% target applies \
        to the needless figure. --mark-fields 50000 reads enough sheets for 50,000 synthetic \
        mark fields across the levels (about 470 sheets per level).
        """
    )

    @Option(help: "Filled sheets per synthetic level (blank and foreign pages are added).")
    var sheets = 40

    @Option(help: "Read at least this many synthetic mark fields over all levels (raises --sheets).")
    var markFields: Int?

    @Option(help: "Degradation levels to synthesise, comma-separated ('none' for none).")
    var levels = "clean,moderate,heavy"

    @Option(help: "Thread counts to time, comma-separated.")
    var threads = "1,2"

    @Option(help: "Thread counts for the extra registration + marks pass (decode, registration, marks; no handwriting), comma-separated; 'none' to skip it.")
    var marksOnlyThreads = "1,2"

    @Option(help: "Scan every synthetic page at this resolution (e.g. 300 for the issue's speed target) instead of the level's mix (clean 300; moderate 200-300; heavy 150-400 dpi).")
    var dpi: Double?

    @Option(help: "Seed of the synthetic packets.")
    var seed: UInt64 = 2023

    @Option(help: "Template id to synthesise.")
    var template = "is03-2023"

    @Option(help: "SampleScans folder (with truth/) to read too; 'none' to skip it.")
    var samples = "SampleScans"

    @Option(help: "Write one CSV line per measured bubble with its truth to this file (for tuning).")
    var dumpBubbles: String?

    func run() throws {
        let directory = TemplateDirectory.locate()
        let form = try Template.load(id: template, in: directory)
        let templates = try loadTemplates(directory)
        let threadCounts = threads.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        guard !threadCounts.isEmpty else { throw ValidationError("--threads needs at least one positive count, e.g. 1,2") }
        let marksOnlyCounts = marksOnlyThreads == "none" ? [] : marksOnlyThreads.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        let levelList = try parseLevels()
        if let dpi, !(150...600).contains(dpi) { throw ValidationError("--dpi \(dpi): scans are read at 150-600 dpi") }
        let perLevel = sheetsPerLevel(form, levels: levelList.count)
        var runner = BenchRunner(templates: templates, templateDirectory: directory)
        if let dumpBubbles { runner.dump = try BubbleDump(path: dumpBubbles) }

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("is03-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        if samples != "none" {
            for corpus in try BenchCorpus.sampleScans(at: URL(fileURLWithPath: samples)) {
                try measure(corpus, kind: "SampleScans", runner: runner, threadCounts: threadCounts, marksOnly: marksOnlyCounts)
            }
        }
        var total = BenchTally()
        for level in levelList {
            // Synthesise and write the packet first (not timed).
            let corpus = try BenchCorpus.synthesised(template: form, level: level, sheets: perLevel, seed: seed, dpi: dpi,
                                                     threads: threadCounts.max() ?? 1, in: work)
            let kind = "synthetic, \(perLevel) filled sheets" + (dpi.map { ", all at \(Int($0)) dpi" } ?? "")
            let tally = try measure(corpus, kind: kind, runner: runner, threadCounts: threadCounts,
                                    marksOnly: marksOnlyCounts)
            total.markFields += tally.markFields; total.markErrors += tally.markErrors; total.silentErrors += tally.silentErrors
            total.sheets += tally.sheets; total.pages += tally.pages; total.classRight += tally.classRight
            for item in corpus.items { try? FileManager.default.removeItem(at: item.url) }
        }
        if !levelList.isEmpty {
            print("== all synthetic levels: \(total.markFields) mark fields, wrong \(total.markErrors), SILENT \(total.silentErrors);"
                  + " pages classified right \(total.classRight)/\(total.pages)")
        }
        print("""
        pages/s counts every page (sheets, blank and foreign pages); stage times are per page; peakMB is the \
        process's peak resident memory so far. "registration + marks" lines time a second pass over the same pages \
        without handwriting (decode, registration, marks only); sheets/s there counts the time for all pages \
        but only the sheets. wrong = mark fields whose value is not the truth (a genuine double \
        is right only when reported multiple); SILENT = wrong and accepted; flagged = sheets with a mark field \
        not accepted; flagged needlessly = the same without sheets whose only flags are genuine doubles.
        """)
    }

    /// Reads `corpus` once per thread count and prints its figures; returns the first run's tally.
    @discardableResult
    private func measure(_ corpus: BenchCorpus, kind: String, runner: BenchRunner, threadCounts: [Int],
                         marksOnly: [Int]) throws -> BenchTally {
        print("== \(corpus.name) (\(kind); \(corpus.pageCount) pages)")
        print(BenchReport.speedHeader)
        var first: BenchTally?
        for (index, threadCount) in threadCounts.enumerated() {
            var pass = runner
            if index > 0 { pass.dump = nil }   // one dump line per bubble, not per pass
            let result = try pass.run(corpus, threads: threadCount)
            print(BenchReport.speedLine(result, threads: threadCount))
            if first == nil { first = result.tally }
        }
        // The same pages once more without handwriting: decode + registration + marks, timed
        // end to end, so the registration + marks speed is measured, not derived.
        for threadCount in marksOnly {
            var pass = runner
            pass.dump = nil
            pass.handwriting = false
            let result = try pass.run(corpus, threads: threadCount)
            print(BenchReport.marksOnlyLine(result, threads: threadCount))
        }
        let tally = first ?? BenchTally()
        BenchReport.accuracy(tally).forEach { print($0) }
        return tally
    }

    private func parseLevels() throws -> [DegradationLevel] {
        guard levels != "none" else { return [] }
        return try levels.split(separator: ",").map { name in
            guard let level = DegradationLevel(rawValue: String(name)) else {
                throw ValidationError("unknown level \(name); use \(DegradationLevel.allCases.map(\.rawValue).joined(separator: ",")) or none")
            }
            return level
        }
    }

    /// Sheets per level: `--sheets`, raised so the levels together hold `--mark-fields`.
    private func sheetsPerLevel(_ form: Template, levels: Int) -> Int {
        guard let markFields, levels > 0 else { return sheets }
        let perSheet = max(1, form.fields.filter { BenchTally.markKinds.contains($0.kind) }.count)
        return max(sheets, (markFields + perSheet * levels - 1) / (perSheet * levels))
    }

    private func loadTemplates(_ directory: URL) throws -> [String: Template] {
        try TemplateCatalog.load(from: directory).byID
    }
}
