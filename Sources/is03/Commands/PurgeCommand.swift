import ArgumentParser
import Foundation
import IS03Pipeline
import IS03PostgresStore
import IS03Storage

/// `is03 purge --before DATE`: the retention rule of seed 003 §11.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Destroy personal data and page data registered before a date (retention).",
        discussion: """
            Seed 003 §11: scans and result files are kept until 1 March of the following year, \
            then destroyed without the possibility of recovery (docs/operations.md says which \
            cutoff to give). This deletes, for packets registered before DATE, the stored \
            readings, results, matches, review items and decisions, participant lists imported \
            before DATE and the values in older audit entries; the database file is rewritten \
            so nothing stays in its free space. In the output folder it deletes the result and \
            review files (results.xml/csv, review.xml/json: they name participants; the next \
            `is03 process` writes them again from what remains; with --sitting they are written \
            again at once for the other sittings they held) and the crops of every purged \
            page. The scans are deleted only with --delete-scans (otherwise those still on disk \
            are listed, for the archive's own destruction procedure). The audit log records \
            what was purged and how many files were deleted, never names or paths. \
            A cutoff later than today is refused unless --force. This cannot be undone; \
            repeating it is safe and finishes what an interrupted purge left.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Cut-off date, YYYY-MM-DD (e.g. 2023-09-01, see docs/operations.md).") var before: String
    @Option(help: "The folder `is03 process` wrote into (default: the SQLite database's folder; give it with PostgreSQL).")
    var out: String?
    @Option(help: "Only this sitting (YYYY-MM-DD): its packets and lists; the other sittings stay whole.") var sitting: String?
    @Flag(help: "Also delete the scan files of the purged packets.") var deleteScans = false
    @Flag(help: "Accept a cutoff later than today.") var force = false
    @Flag(help: "Confirm: without it nothing is deleted.") var yes = false

    func run() async throws {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let cutoff = formatter.date(from: before) else {
            throw ValidationError("--before must be a date like 2023-09-01")
        }
        if let sitting, Sitting.normalised(sitting) == nil { throw ValidationError("--sitting «\(sitting)» is not a date YYYY-MM-DD") }
        let scope = sitting.map { " of sitting \($0)" } ?? ""
        guard yes else {
            printError("is03 purge: this destroys data\(scope) registered before \(before) for good; add --yes to go ahead")
            throw ExitCode(2)
        }
        try await reportingErrors("purge") {
            let db = try store.open()
            let actor = ProcessInfo.processInfo.environment["USER"] ?? "is03 purge"
            let report = try await db.purge(before: cutoff, actor: actor, allowingFutureCutoff: force,
                                            sitting: sitting.flatMap(Sitting.normalised))
            let folder = out.map { URL(fileURLWithPath: $0) }
                ?? (PostgresLocation.isPostgresURL(store.database) ? nil : URL(fileURLWithPath: store.database).deletingLastPathComponent())
            let folderPurge = OutputFolderPurge(outputDirectory: folder, deleteScans: deleteScans)
            // Read before the files go: which other sittings they hold, to write those again.
            let held = folder.map(OutputFolderPurge.sittingsHeld(in:)) ?? []
            let files = folderPurge.run(report)
            var rewritten = false
            if let purged = sitting.flatMap(Sitting.normalised), !held.subtracting([purged]).isEmpty {
                let (templates, categories) = try store.loadTemplates()
                let writer = SittingResultFiles(store: db, templates: templates, categories: categories, actor: "is03 purge")
                rewritten = try await folderPurge.rewriteAfterPurge(of: purged, held: held, writer: writer)
            }
            try await db.recordPurgedFiles(files.files, purgeID: report.id, actor: actor)
            print("purged\(scope) before \(before): packets \(report.packets), pages \(report.pages), results \(report.results), "
                  + "review items \(report.reviewItems), decisions \(report.decisions), participant lists \(report.participantLists) "
                  + "(\(report.participants) participants), audit entries redacted \(report.auditEntriesRedacted)")
            if let folder {
                print("output folder \(folder.path): result and review files deleted \(files.files.resultFiles), "
                      + "crops deleted \(files.files.crops)")
                if rewritten {
                    print("result and review files written again for the other sittings they held: "
                          + held.subtracting([sitting.flatMap(Sitting.normalised) ?? ""]).sorted().joined(separator: ", "))
                }
            } else {
                print("no output folder given (--out DIR): result files and crops written by `is03 process`/workers were not touched")
            }
            if deleteScans {
                print("scan files deleted: \(files.files.scanFiles)")
            } else if !files.keptScans.isEmpty {
                print("scan files of purged packets still on disk (not deleted; use --delete-scans):")
                files.keptScans.forEach { print("  \($0)") }
            }
            files.problems.forEach { printError("is03 purge: \($0)") }
            if !report.compacted {
                printError("is03 purge: the database could not be compacted; deleted rows may linger in its free space. "
                           + "Check free disk space and run the purge again")
            }
            if !files.problems.isEmpty { throw ExitCode.failure }
        }
    }
}
