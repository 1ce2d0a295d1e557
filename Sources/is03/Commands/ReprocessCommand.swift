import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage

/// `is03 reprocess`: the nightly job.
struct ReprocessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess",
        abstract: "Re-read pages whose template or engine changed, re-match everything, and print what results changed.",
        discussion: """
            Pages read with an older template file or engine version, and pages that failed, are
            read again from their scans; then every sheet is matched and scored again against the
            current participant list with operators' decisions applied. A decision is kept while
            its field reads the same and re-opened when the new reading differs. Safe to run while
            nobody is reviewing (e.g. from a nightly timer; see docs/operations.md).
            Exit codes: 0 nothing changed or all changes final; 3 items wait for review; 1 failed.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Pages read at once (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Import this participant list first (CSV or XML); results are re-matched against it.")
    var participants: String?
    @Option(help: "Import this experts list with --participants (CSV or XML); expert names are re-matched against it.")
    var experts: String?
    @Option(name: .customLong("participants-xslt"),
            help: "XSLT 1.0 stylesheet mapping the region's own participant list (any XML) to is03's (docs/formats.md).")
    var participantsMapping: String?
    @Option(help: "The sitting (YYYY-MM-DD) the list given with --participants is for (default: its exam_date).")
    var sitting: String?

    func validate() throws {
        if participantsMapping != nil && participants == nil { throw ValidationError("--participants-xslt maps the list given with --participants") }
        if let sitting, Sitting.normalised(sitting) == nil { throw ValidationError("--sitting «\(sitting)» is not a date YYYY-MM-DD") }
    }

    func run() async throws {
        try await reportingErrors("reprocess") {
            let db = try store.open()
            let (templates, categories) = try store.loadTemplates()
            let actor = "is03 reprocess"
            let runID = try await db.startRun(command: "reprocess", engineVersion: EngineVersion.current)
            if participants != nil || experts != nil {
                let imported = try await ReferenceListImport(participants: participants.map { URL(fileURLWithPath: $0) },
                                                             experts: experts.map { URL(fileURLWithPath: $0) },
                                                             participantsMapping: participantsMapping.map { URL(fileURLWithPath: $0) },
                                                             sitting: sitting.flatMap(Sitting.normalised))
                    .run(into: db, actor: actor)
                imported.problems.forEach { printError($0) }
            }
            let before = try await ResultSnapshot.take(db)
            // Lists are compared per sitting by re-assembling every sitting below, so only
            // versions decide which pages are read again here.
            let current = ProcessingVersions(templateVersions: templates.versions, engineVersion: EngineVersion.current,
                                             participantListID: nil)
            var toRead: [PageRef] = []
            var after: Int64?
            while true {
                let batch = try await db.pagesToReprocess(current: current, limit: 500, afterID: after)
                guard let last = batch.last else { break }
                after = last.page.id
                toRead += batch.filter(\.needsReading).map(\.page)
            }
            let progress = ProgressReporter(total: toRead.count)
            // Pages re-read now are assembled from the scratch file they were spilled to, not decoded again.
            let spill = try ReadingSpill.temporary()
            let read = try await ReadStage(store: db, templates: templates, workers: max(1, workers), actor: actor, spill: spill)
                .read(toRead, progress: toRead.isEmpty ? nil : progress)
            if !toRead.isEmpty { progress.finish() }
            _ = try await AssembleStage(store: db, templates: templates, categories: categories, actor: actor, spill: spill)
                .runEverySitting()
            let changes = ResultSnapshot.changes(from: before, to: try await ResultSnapshot.take(db))
            print("pages re-read: \(read.pagesRead), failed: \(read.pagesFailed)")
            read.failures.forEach { print("  \($0)") }
            print("results changed: \(changes.count)")
            changes.forEach { print("  \($0)") }
            let status = try await db.status()
            print("open review items: \(status.openReviewItems)")
            try await db.finishRun(id: runID, counts: RunCounts(pagesDone: read.pagesRead, pagesFailed: read.pagesFailed,
                                                                itemsQueued: status.openReviewItems, resultsChanged: changes.count))
            if status.openReviewItems > 0 { throw ExitCode(3) }
        }
    }
}
