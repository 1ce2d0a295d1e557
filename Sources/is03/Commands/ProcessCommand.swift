import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03Vision

/// `is03 process PACKET… --participants LIST --out DIR`: the main job.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Read packets of scanned sheets into the database and write results and the review queue.",
        discussion: """
            PACKET is a folder of page images, a multi-page TIFF or scanner PDF, a single image or a shell glob.
            Input scans are only read. Everything is recorded in the database (default DIR/is03.sqlite),
            so running the same command again adds nothing, and a run stopped at any moment (even
            kill -9) finishes on the next run with no sheet lost or counted twice.

            Exit codes: 0 all done and nothing to review; 3 done, with items in the review queue;
            1 failed (the message says why), also when a packet or list given does not exist or
            holds no scans (nothing is processed then) and when not one page given could be read;
            143 (130) stopped by SIGTERM (SIGINT) after finishing the pages in hand — run it
            again to finish. docs/operations.md says what a nightly timer should do with each.
            """
    )

    @Argument(help: "Packets: folders, TIFF/PNG/JPEG files or globs.")
    var packets: [String]

    @Option(name: .long, help: "Participant list (CSV or XML; see docs/formats.md).")
    var participants: String?

    @Option(name: .customLong("participants-xslt"),
            help: "XSLT 1.0 stylesheet mapping the region's own participant list (any XML) to is03's (docs/formats.md).")
    var participantsMapping: String?

    @Option(name: .long, help: "Experts list (CSV or XML; optional, needs --participants; see docs/formats.md). Kept for later runs.")
    var experts: String?

    @Option(name: .long, help: "Sitting (exam day) YYYY-MM-DD the packets belong to (default: the list's exam_date; docs/operations.md).")
    var sitting: String?

    @Option(name: .long, help: "Folder for results, review queue and crops.")
    var out: String = "out"

    @Option(name: .long, help: "SQLite database file (default: OUT/is03.sqlite), or postgres://USER@HOST/DB.")
    var database: String?

    @Flag(name: .long, help: "Only register the packets (and the participant list) for `is03 worker`s to read (docs/scale-out.md).")
    var enqueue = false

    @Option(name: .long, help: "Pages read at once (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Folder of templates (default: Templates/ or $IS03_TEMPLATES).")
    var templates: String?

    @Flag(name: .long, help: "Plain log lines instead of a progress bar.")
    var plain = false

    func validate() throws {
        if workers < 1 { throw ValidationError("--workers must be at least 1") }
        if participantsMapping != nil && participants == nil { throw ValidationError("--participants-xslt maps the list given with --participants") }
        if let sitting, Sitting.normalised(sitting) == nil { throw ValidationError("--sitting «\(sitting)» is not a date YYYY-MM-DD") }
    }

    func run() async throws {
        try checkInputsExist()
        let outURL = URL(fileURLWithPath: out)
        let summary: BatchSummary
        let signals = StopSignals()
        do {
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
            let store = try DatabaseOpener.open(database ?? outURL.appendingPathComponent("is03.sqlite").path, create: true)
            if enqueue {
                try await Self.enqueue(packets: packets, lists: ReferenceListImport(participants: participants.map { URL(fileURLWithPath: $0) },
                                                                                    experts: experts.map { URL(fileURLWithPath: $0) },
                                                                                    participantsMapping: participantsMapping.map { URL(fileURLWithPath: $0) },
                                                                                    sitting: sitting.flatMap(Sitting.normalised)),
                                       store: store)
                return
            }
            var options = BatchOptions(
                packets: packets, participantList: participants.map { URL(fileURLWithPath: $0) }, outputDirectory: outURL,
                templateDirectory: templates.map { URL(fileURLWithPath: $0) } ?? TemplateDirectory.locate(),
                workers: workers, interactiveProgress: plain ? false : nil)
            options.expertList = experts.map { URL(fileURLWithPath: $0) }
            options.participantsMapping = participantsMapping.map { URL(fileURLWithPath: $0) }
            options.stop = signals.request
            options.sitting = sitting.flatMap(Sitting.normalised)
            summary = try await BatchRun(store: store, options: options).run()
        } catch let stopped as BatchStopped {
            printError("is03 process: \(stopped)")
            throw ExitCode(StopSignals.exitStatus(for: stopped.why))
        } catch {
            printError("is03 process: \(error)")
            throw ExitCode.failure
        }
        print(BatchSummaryText.render(summary))
        if Self.readNothing(summary) {
            printError("is03 process: not one page of the packets given could be read (see the problems above); "
                       + "check that the files are the scans")
            throw ExitCode.failure
        }
        if summary.reviewItems > 0 || !summary.read.failures.isEmpty || !summary.inventoryProblems.isEmpty {
            throw ExitCode(3)
        }
    }

    /// A mistyped packet or list path must not look like a normal night (exit 3 with every
    /// listed pupil queued as missing): every path is checked before the database is touched,
    /// and any problem fails the run with nothing processed.
    private func checkInputsExist() throws {
        var problems = ScanInventory.packets(from: packets).problems.map { "\($0)" }
        for (option, path) in [("--participants", participants), ("--experts", experts)] {
            guard let path else { continue }
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue {
                problems.append("\(path): \(option) list does not exist; check the path")
            }
        }
        guard !problems.isEmpty else { return }
        for problem in problems { printError("is03 process: \(problem)") }
        printError("is03 process: nothing processed; correct the paths and run again")
        throw ExitCode.failure
    }

    /// True when pages were given and none of them could be read: new files, all unreadable or
    /// failed, and no file known from before (a rerun that finds everything done is normal).
    static func readNothing(_ summary: BatchSummary) -> Bool {
        let ingest = summary.ingest, read = summary.read
        let unreadable = read.byClass["unreadable"] ?? 0
        guard ingest.filesAlreadyKnown == 0, ingest.filesAdded > 0, read.pagesRead == unreadable else { return false }
        return unreadable + read.pagesFailed > 0 || ingest.unreadableFiles.count == ingest.filesAdded
    }

    /// `--enqueue`: registers packets and pages as pending (the scan paths recorded are absolute,
    /// so workers must see the scans under the same path) and imports the participant list;
    /// reads nothing. Safe to repeat: known files and lists add nothing.
    private static func enqueue(packets: [String], lists: ReferenceListImport, store: any DatabaseOfRecord) async throws {
        let imported = try await lists.run(into: store, actor: "is03 process --enqueue")
        for problem in imported.problems { printError(problem) }
        if lists.participants != nil, let ref = imported.list {
            print("participant list \(ref.name): \(ref.rowCount) participant(s), \(ref.expertCount) expert(s)\(ref.isNew ? "" : " (known)")")
        }
        let inventory = ScanInventory.packets(from: packets)
        for problem in inventory.problems { printError("\(problem)") }
        var ingest = PacketIngest(store: store, actor: "is03 process --enqueue")
        ingest.sitting = imported.sitting
        let report = try await ingest.ingest(inventory.packets)
        let pending = try await store.claimCounts()
        print("enqueued: \(report.packets) packet(s), \(report.filesAdded) new file(s) (\(report.filesAlreadyKnown) known), "
              + "\(report.pagesAdded) new page(s); \(pending.unclaimed + pending.claimed) page(s) pending for workers")
        for file in report.unreadableFiles { printError("unreadable, recorded as failed: \(file)") }
    }
}
