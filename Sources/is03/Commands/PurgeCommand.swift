import ArgumentParser
import Foundation
import IS03Storage

/// `is03 purge --before DATE`: the retention rule of seed 003 §11.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Destroy personal data and page data registered before a date (retention).",
        discussion: """
            Seed 003 §11: scans and result files are kept until 1 March of the following year,
            then destroyed without the possibility of recovery. This deletes, for packets
            registered before DATE, the stored readings, results, matches, review items and
            decisions, participant lists imported before DATE and the values in older audit
            entries; the database file is rewritten so nothing stays in its free space. Review
            crops are deleted. The scans themselves are deleted only with --delete-scans
            (otherwise they are listed, for the archive's own destruction procedure).
            An audit record says what was purged. This cannot be undone.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Cut-off date, YYYY-MM-DD (e.g. 2024-03-01).") var before: String
    @Flag(help: "Also delete the scan files of the purged packets.") var deleteScans = false
    @Flag(help: "Confirm: without it nothing is deleted.") var yes = false

    func run() async throws {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let cutoff = formatter.date(from: before) else {
            throw ValidationError("--before must be a date like 2024-03-01")
        }
        guard yes else {
            printError("is03 purge: this destroys data registered before \(before) for good; add --yes to go ahead")
            throw ExitCode(2)
        }
        try await reportingErrors("purge") {
            let db = try store.open()
            let report = try await db.purge(before: cutoff, actor: ProcessInfo.processInfo.environment["USER"] ?? "is03 purge")
            let outputFolder = URL(fileURLWithPath: store.database).deletingLastPathComponent()
            var removedCrops = 0
            for crop in report.cropPaths {
                let url = crop.hasPrefix("/") ? URL(fileURLWithPath: crop) : outputFolder.appendingPathComponent(crop)
                if (try? FileManager.default.removeItem(at: url)) != nil { removedCrops += 1 }
            }
            print("purged before \(before): packets \(report.packets), pages \(report.pages), results \(report.results), "
                  + "review items \(report.reviewItems), decisions \(report.decisions), participant lists \(report.participantLists) "
                  + "(\(report.participants) participants), audit entries redacted \(report.auditEntriesRedacted), crops deleted \(removedCrops)")
            if deleteScans {
                var removed = 0
                for path in report.scanFilePaths where (try? FileManager.default.removeItem(atPath: path)) != nil { removed += 1 }
                print("scan files deleted: \(removed) of \(report.scanFilePaths.count)")
            } else if !report.scanFilePaths.isEmpty {
                print("scan files of purged packets (not deleted; use --delete-scans):")
                report.scanFilePaths.forEach { print("  \($0)") }
            }
        }
    }
}
