import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage

/// `is03 process PACKET… --participants LIST --out DIR`: the main job.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Read packets of scanned sheets into the database and write results and the review queue.",
        discussion: """
            PACKET is a folder of page images, a multi-page TIFF, a single image or a shell glob.
            Input scans are only read. Everything is recorded in the database (default DIR/is03.sqlite),
            so running the same command again adds nothing, and a run stopped at any moment (even
            kill -9) finishes on the next run with no sheet lost or counted twice.

            Exit codes: 0 all done and nothing to review; 3 done, with items in the review queue;
            1 failed (the message says why).
            """
    )

    @Argument(help: "Packets: folders, TIFF/PNG/JPEG files or globs.")
    var packets: [String]

    @Option(name: .long, help: "Participant list (CSV or XML; see docs/formats.md).")
    var participants: String?

    @Option(name: .long, help: "Folder for results, review queue and crops.")
    var out: String = "out"

    @Option(name: .long, help: "SQLite database file (default: OUT/is03.sqlite).")
    var database: String?

    @Option(name: .long, help: "Pages read at once (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Folder of templates (default: Templates/ or $IS03_TEMPLATES).")
    var templates: String?

    @Flag(name: .long, help: "Plain log lines instead of a progress bar.")
    var plain = false

    func validate() throws {
        if workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    func run() async throws {
        let outURL = URL(fileURLWithPath: out)
        let summary: BatchSummary
        do {
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
            let databaseURL = database.map { URL(fileURLWithPath: $0) } ?? outURL.appendingPathComponent("is03.sqlite")
            let store = try SQLiteResultStore.open(at: databaseURL)
            let options = BatchOptions(
                packets: packets, participantList: participants.map { URL(fileURLWithPath: $0) }, outputDirectory: outURL,
                templateDirectory: templates.map { URL(fileURLWithPath: $0) } ?? TemplateDirectory.locate(),
                workers: workers, interactiveProgress: plain ? false : nil)
            summary = try await BatchRun(store: store, options: options).run()
        } catch {
            printError("is03 process: \(error)")
            throw ExitCode.failure
        }
        print(BatchSummaryText.render(summary))
        if summary.reviewItems > 0 || !summary.read.failures.isEmpty || !summary.inventoryProblems.isEmpty {
            throw ExitCode(3)
        }
    }
}
