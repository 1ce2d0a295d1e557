import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage

/// `is03 worker --database postgres://…`: options → ``WorkerRun`` (IS03Pipeline), which claims,
/// reads and assembles (docs/scale-out.md).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Read pending pages from a shared database until the batch is done (scale-out).",
        discussion: """
            Every worker needs the database URL, the scans under the same path as when they were \
            enqueued, and the templates. Exit codes: 0 the batch is done (assembled by this worker \
            or another); 3 done, but pages whose scan file could not be opened were left pending \
            (put the files back and run a worker again); 1 failed (the message says why).
            """
    )

    @Option(name: .long, help: "The shared database: postgres://USER@HOST/DB (or a SQLite file for one machine).")
    var database: String

    @Option(name: .long, help: "This worker's name in the database (default: HOST:PID).")
    var name: String?

    @Option(name: .long, help: "Pages claimed at a time.")
    var batch: Int = 4

    @Option(name: .long, help: "Seconds a claim lasts without renewal; a dead worker's pages wait this long.")
    var lease: Int = 60

    @Option(name: .long, help: "Seconds between looks at the queue while other workers hold the last pages.")
    var poll: Double = 1

    @Option(name: .long, help: "Folder of templates (default: Templates/ or $IS03_TEMPLATES).")
    var templates: String?

    @Option(name: .long, help: "Folder for results and the review queue, written by the worker that assembles.")
    var out: String?

    @Flag(name: .long, help: "Keep waiting for newly enqueued pages instead of exiting when the batch is done.")
    var wait = false

    func validate() throws {
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if lease < 5 { throw ValidationError("--lease must be at least 5 seconds") }
        if poll <= 0 { throw ValidationError("--poll must be positive") }
    }

    func run() async throws {
        try await reportingErrors("worker") {
            let store = try DatabaseOpener.open(database, create: false)
            let worker = name ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
            let options = WorkerOptions(name: worker,
                                        templateDirectory: templates.map { URL(fileURLWithPath: $0) } ?? TemplateDirectory.locate(),
                                        outputDirectory: out.map { URL(fileURLWithPath: $0) }, batch: batch, leaseSeconds: lease,
                                        poll: poll, wait: wait)
            let report = try await WorkerRun(store: store, options: options).run()
            print("worker \(worker): \(report.stored) page(s) read, \(report.failed) failed, \(report.lost) claim(s) lost")
            if !report.leftUnread.isEmpty {
                print("\(report.leftUnread.count) page(s) left unread, their files could not be opened here:")
                report.leftUnread.forEach { print("  \($0)") }
                throw ExitCode(3)
            }
        }
    }
}
